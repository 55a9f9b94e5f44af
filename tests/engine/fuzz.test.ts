// Property tests: random engine requests and corrupted network files either work or are
// rejected with a clear Error; a rejection never changes the current network.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_SAMPLER, SAMPLER_KINDS, SPACINGS } from "../../src/core/config";
import {
  parseInterpolateRequest,
  parseInvertRequest,
  parseSampleRequest,
  parseSettings,
} from "../../src/engine/requests";
import { trainedEngine } from "../helpers/trainedEngine";

/** A value that is sometimes right, often a near miss: the kinds of things links and files hold. */
const messy = fc.oneof(
  fc.integer({ min: -5, max: 3000 }),
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 0.5, 1, 2, 50, 500),
  fc.string({ maxLength: 8 }),
  fc.constantFrom(...SAMPLER_KINDS, ...SPACINGS, "oracle", "network", "slerp", "lerp", "small", "raw"),
  fc.constant(undefined),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
);

/** Each parser either returns or throws an Error with a one-line message naming a setting. */
function rejectsClearly(parse: () => unknown): boolean {
  try {
    parse();
    return true;
  } catch (err) {
    return err instanceof Error && err.message.length > 5 && !err.message.includes("\n");
  }
}

describe("engine request validation under fuzzing", () => {
  it("1000 random sample, inversion and interpolation requests: accepted or one clear error each", () => {
    const request = fc.record({
      sampler: fc.oneof(
        fc.record({ sampler: messy, steps: messy, eta: messy, spacing: messy, variance: messy }),
        fc.constant(DEFAULT_SAMPLER),
        messy,
      ),
      model: messy,
      n: messy,
      seed: messy,
      steps: messy,
      frames: messy,
      path: messy,
      points: fc.oneof(fc.constant(new Float32Array([1, 2])), messy),
      xT: fc.oneof(fc.constant(undefined), fc.constant(new Float32Array([0, Number.NaN])), messy),
    });
    fc.assert(
      fc.property(request, (r) => {
        expect(rejectsClearly(() => parseSampleRequest(r, 500))).toBe(true);
        expect(rejectsClearly(() => parseInvertRequest(r, 500))).toBe(true);
        expect(rejectsClearly(() => parseInterpolateRequest(r, 500))).toBe(true);
      }),
      { numRuns: 1000, seed: 1 },
    );
  });

  it("1000 random settings objects: accepted or one clear error", () => {
    const settings = fc.record({
      problem: fc.record({ T: messy, schedule: messy, units: messy }),
      network: fc.record({ width: messy, depth: messy, activation: messy, embedDim: messy }),
      train: fc.record({
        steps: messy,
        lr: messy,
        batch: messy,
        seed: messy,
        emaDecay: messy,
        backend: messy,
      }),
    });
    fc.assert(
      fc.property(fc.oneof(settings, messy), (s) => {
        expect(rejectsClearly(() => parseSettings(s))).toBe(true);
      }),
      { numRuns: 1000, seed: 2 },
    );
  });

  it("corrupted network files are rejected and the current network stays (wasm)", async () => {
    const trained = await trainedEngine();
    const { engine } = trained;
    const good = trained.good as unknown as Record<string, unknown>;
    const keys = Object.keys(good);
    const corrupt = fc.oneof(
      // one field replaced by something else
      fc
        .record({ key: fc.constantFrom(...keys), value: messy })
        .map(({ key, value }) => ({ ...good, [key]: value })),
      // one field missing
      fc
        .constantFrom(...keys)
        .map((key) => Object.fromEntries(Object.entries(good).filter(([k]) => k !== key))),
      // a weight string truncated or garbled
      fc
        .record({ cut: fc.integer({ min: 0, max: 40 }), junk: fc.string({ maxLength: 4 }) })
        .map(({ cut, junk }) => {
          const w = good.weights as { raw: string[]; ema: string[] };
          return { ...good, weights: { ...w, raw: [w.raw[0].slice(cut) + junk, ...w.raw.slice(1)] } };
        }),
      messy,
    );
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(corrupt, async (file) => {
        try {
          await engine.loadNetwork(file);
          await engine.loadNetwork(good); // it was valid after all (e.g. another seed): go back
        } catch (err) {
          rejected++;
          expect((err as Error).message.length).toBeGreaterThan(5);
        }
      }),
      { numRuns: 300, seed: 3 },
    );
    expect(rejected).toBeGreaterThan(200);
    await trained.expectUnchanged();
    await engine.dispose();
  });
});

// Fuzz of well-formed network files with values that parse but make no sense (finite but absurd
// or denormal standardisers, weight scales from 1e-3 to 1e12), and the dashboard's load path (the
// engine) refusing implausible files while keeping its network. Counts are printed.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { networkFromSaved, type SavedNetwork } from "../../src/model";
import { EPS_MAX, STD_MAX, STD_MIN } from "../../src/model/sanity";
import { trainedEngine } from "../helpers/trainedEngine";
import { copy, data, last, scaled, withValidNetwork } from "./sanity-fixture";

withValidNetwork();

describe("fuzz: finite but absurd standardisers and weight scales", () => {
  it("each loads with sane numbers or is refused with a message; none throws or leaks", () => {
    const absurd = fc.oneof(
      fc.constantFrom(
        1e308,
        -1e308,
        5e-324,
        -5e-324,
        1e-310,
        2.2250738585072014e-308,
        0,
        -0,
        1e-7,
        1e7,
        1e6,
        1e-6,
      ),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    );
    const seen = { loaded: 0, refused: 0 };
    fc.assert(
      fc.property(fc.nat(3), absurd, fc.boolean(), (slot, v, withData) => {
        const s = copy();
        if (slot < 2) s.standardizer.mean[slot] = v;
        else s.standardizer.std[slot - 2] = v;
        const r = networkFromSaved(s, withData ? data : undefined);
        if (r.ok) {
          seen.loaded++;
          const { mean, std } = r.value.standardizer;
          expect(std.every((x) => x >= STD_MIN && x <= STD_MAX)).toBe(true);
          expect(mean.every((x) => Number.isFinite(x) && Math.abs(x) <= 1e6)).toBe(true);
          r.value.dispose();
        } else {
          seen.refused++;
          expect(r.error).toMatch(/^invalid network file: /);
          expect(r.error.split("\n")).toHaveLength(1);
        }
      }),
      { numRuns: 300, seed: 11 },
    );
    expect(seen.loaded + seen.refused).toBe(300);
    console.info(`standardiser fuzz: ${seen.loaded} loaded, ${seen.refused} refused`);
    expect(seen.refused).toBeGreaterThan(200);
  });

  it("output-layer scales from 1e-3 to 1e12: plausible outputs load, the rest are refused", () => {
    const seen = { loaded: 0, refused: 0 };
    for (let e = -3; e <= 12; e++) {
      const s = copy();
      s.weights.ema = scaled(s.weights.ema, last(), 10 ** e);
      const r = networkFromSaved(s, data);
      if (r.ok) {
        seen.loaded++;
        const eps = r.value.predict(Float64Array.from([0, 0, 3, -3]), 10);
        expect(eps.every((v) => Math.abs(v) <= EPS_MAX)).toBe(true);
        r.value.dispose();
      } else {
        seen.refused++;
        expect(r.error).toMatch(/predict \|eps\||holds a weight/);
      }
    }
    console.info(`weight-scale sweep 1e-3..1e12: ${seen.loaded} loaded, ${seen.refused} refused`);
    expect(seen.loaded).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  });
});

describe("the dashboard's path (the engine) refuses them too and keeps its network", () => {
  it("std 1e308, a denormal mean, 3,750,000 steps, weights ~1e10: rejected, samples unchanged", async () => {
    const { engine, good, expectUnchanged } = await trainedEngine();
    const bad: [(s: SavedNetwork) => void, RegExp][] = [
      [
        (s) => {
          s.standardizer.std[0] = 1e308;
        },
        /std must be from/,
      ],
      [
        (s) => {
          s.standardizer.mean[0] = 1e-310;
        },
        /denormal/,
      ],
      [
        (s) => {
          s.trainSteps = 3_750_000;
        },
        /10 points for 3750000 training steps/,
      ],
      [
        (s) => {
          s.weights.ema = scaled(s.weights.ema, s.weights.ema.length - 2, 1e10);
        },
        /holds a weight/,
      ],
    ];
    for (const [change, message] of bad) {
      const file = JSON.parse(JSON.stringify(good)) as SavedNetwork;
      change(file);
      await expect(engine.loadNetwork(file)).rejects.toThrow(message);
    }
    await expectUnchanged();
    await engine.dispose();
  });
});

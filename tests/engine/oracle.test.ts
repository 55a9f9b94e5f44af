// The engine with core's oracle predictors (no tfjs): it must give exactly what core gives, and
// reject bad requests with a message that names the setting.
import { describe, expect, it } from "vitest";
import { DEFAULT_PROBLEM, DEFAULT_SAMPLER, type SamplerConfig } from "../../src/core/config";
import { tutorialDataset } from "../../src/core/data";
import { drawXT, makeProblem, oraclePredictor, runSampler } from "../../src/core/experiment";
import { quality, Reference } from "../../src/core/metrics";
import type { SampleRequest } from "../../src/engine/api";
import { createEngine } from "../../src/engine/engine";
import type { EngineNetwork, ModelLayer } from "../../src/engine/network";

const dataset = tutorialDataset();
const problem = makeProblem(dataset, DEFAULT_PROBLEM);
const engine = createEngine();
const req = (sampler: Partial<SamplerConfig>, extra: Partial<SampleRequest> = {}): SampleRequest => ({
  sampler: { ...DEFAULT_SAMPLER, ...sampler },
  model: "oracle",
  n: 200,
  seed: 7,
  ...extra,
});

describe("engine sampling with the perfect network", () => {
  it("matches core's runSampler bit for bit, with the same grid, NFE and quality", async () => {
    const cfg: SamplerConfig = { ...DEFAULT_SAMPLER, sampler: "ddpm", steps: 40, eta: 1 };
    const res = await engine.sample(req(cfg));
    const run = runSampler(problem, oraclePredictor(problem, "oracle"), cfg, drawXT(200, 7), 7);
    expect(res.samples).toEqual(Float32Array.from(run.raw));
    expect(res.grid).toEqual(run.grid);
    expect(res.nfe).toBe(run.nfe);
    const q = quality(run.raw, new Reference(dataset.mixture, dataset.points));
    expect(res.quality.energyDistance).toBeCloseTo(q.energyDistance, 12);
    expect(res.warning).toBeUndefined();
  });

  it("DDIM eta=0 twice gives identical Float32Arrays", async () => {
    const a = await engine.sample(req({ steps: 20 }));
    const b = await engine.sample(req({ steps: 20 }));
    expect(b.samples).toEqual(a.samples);
  });

  it("sampleMany shares x_T across columns and equals single calls", async () => {
    const cfgs: Partial<SamplerConfig>[] = [
      { steps: 10 },
      { sampler: "heun", steps: 10 },
      { sampler: "ddim", eta: 1, steps: 10 },
    ];
    const many = await engine.sampleMany(cfgs.map((c) => req(c)));
    expect(many).toHaveLength(3);
    for (let i = 0; i < cfgs.length; i++)
      expect(many[i].samples).toEqual((await engine.sample(req(cfgs[i]))).samples);
    expect(many[1].nfe).toBe(19); // Heun: 2 calls per step but the last
  });

  it("a given x_T is used as is, and the empirical oracle memorises", async () => {
    const xT = drawXT(50, 99);
    const a = await engine.sample(req({ steps: 10 }, { xT, n: 1 }));
    const b = await engine.sample(req({ steps: 10 }, { seed: 99, n: 50 }));
    expect(a.samples).toEqual(b.samples);
    const emp = await engine.sample(req({ steps: 200 }, { model: "empirical" }));
    expect(emp.quality.memorized).toBeGreaterThan(0.5);
  });
});

describe("engine inversion and interpolation with the perfect network", () => {
  it('inversion error falls as S grows (docs/math.md, "Determinism, inversion and interpolation")', async () => {
    const points = dataset.points.slice(0, 200);
    const errs: number[] = [];
    for (const steps of [5, 50, 500])
      errs.push((await engine.invert({ points, steps, model: "oracle" })).rmse);
    expect(errs[0]).toBeGreaterThan(errs[1]);
    expect(errs[1]).toBeGreaterThan(errs[2]);
    expect(errs[2]).toBeLessThan(0.05);
    const r = await engine.invert({ points, steps: 20, model: "oracle" });
    expect(r.latents.length).toBe(200);
    expect(r.reconstructed.length).toBe(200);
  });

  it("interpolates from za to zb; lerp's norm dips mid-path, slerp's does not", async () => {
    const res = await engine.interpolate({
      seed: 3,
      n: 100,
      frames: 9,
      path: "slerp",
      steps: 10,
      model: "oracle",
    });
    expect(res.u[0]).toBe(0);
    expect(res.u[8]).toBe(1);
    expect(res.decoded.length).toBe(9 * 100 * 2);
    expect(res.normLerp[4]).toBeLessThan(0.85 * res.normLerp[0]);
    expect(Math.abs(res.normSlerp[4] - (res.normSlerp[0] + res.normSlerp[8]) / 2)).toBeLessThan(
      0.05 * res.normSlerp[0],
    );
    const given = await engine.interpolate({
      za: [[1, 0]],
      zb: [[0, 1]],
      seed: 0,
      n: 1,
      frames: 3,
      path: "lerp",
      steps: 10,
      model: "oracle",
    });
    expect(Array.from(given.noise)).toEqual([1, 0, 0.5, 0.5, 0, 1]);
  });
});

describe("engine request validation", () => {
  const bad: [string, () => Promise<unknown>, RegExp][] = [
    ["eta above 1", () => engine.sample(req({ eta: 1.5 })), /eta must be from 0 to 1/],
    [
      "steps above T",
      () => engine.sample(req({ steps: 501 })),
      /steps must be a whole number from 1 to T=500/,
    ],
    ["unknown sampler", () => engine.sample(req({ sampler: "plms" as never })), /sampler must be one of/],
    ["unknown model", () => engine.sample(req({}, { model: "gan" as never })), /model must be one of/],
    ["n = 0", () => engine.sample(req({}, { n: 0 })), /n must be a whole number from 1 to 20000/],
    ["negative seed", () => engine.sample(req({}, { seed: -1 })), /seed must be a whole number/],
    [
      "NaN in x_T",
      () => engine.sample(req({}, { xT: new Float32Array([0, Number.NaN]) })),
      /xT must hold finite/,
    ],
    ["odd x_T", () => engine.sample(req({}, { xT: new Float32Array(3) })), /xT must hold an even/],
    [
      "bad column",
      () => engine.sampleMany([req({}), req({ spacing: "cubic" as never })]),
      /spacing must be one of/,
    ],
    [
      "inversion steps",
      () => engine.invert({ points: new Float32Array(4), steps: 0, model: "oracle" }),
      /steps must/,
    ],
    [
      "frames",
      () => engine.interpolate({ seed: 0, n: 2, frames: 1, path: "slerp", steps: 5, model: "oracle" }),
      /frames must/,
    ],
    [
      "path",
      () => engine.interpolate({ seed: 0, n: 2, frames: 3, path: "arc" as never, steps: 5, model: "oracle" }),
      /path must/,
    ],
    ["train steps", () => engine.train(0, () => {}), /training steps must be a whole number/],
    ["network before init", () => engine.sample(req({}, { model: "network" })), /no network yet/],
    [
      "settings",
      () => engine.init({ problem: { ...DEFAULT_PROBLEM, T: 5 } } as never),
      /T must be from 10 to 2000/,
    ],
  ];
  for (const [name, call, message] of bad) {
    it(`rejects ${name} with a clear message`, async () => {
      await expect(call()).rejects.toThrow(message);
    });
  }

  it("a rejected request changes nothing: the next good call gives the same result as before", async () => {
    const before = await engine.sample(req({ steps: 10 }));
    await expect(engine.sample(req({ steps: 10, eta: -1 }))).rejects.toThrow(/eta/);
    await expect(engine.init({} as never)).rejects.toThrow();
    const after = await engine.sample(req({ steps: 10 }));
    expect(after.samples).toEqual(before.samples);
  });
});

describe("non-finite samples", () => {
  it("are reported with a warning and left out of the quality figures", async () => {
    // A stand-in network whose eps is NaN for every third point, as a diverged network's would be.
    const broken = {
      config: { width: 8, depth: 1, activation: "silu", embedDim: 2 },
      problem: DEFAULT_PROBLEM,
      predictor: () => (x: Float64Array) => x.map((_, i) => (i % 6 < 2 ? Number.NaN : 0)),
      trainSteps: () => 0,
      lossHistory: () => new Float32Array(0),
    } as unknown as EngineNetwork;
    const model = {
      setupBackend: async () => "cpu",
      numTensors: () => 0,
      networkFromSaved: () => broken,
    } as unknown as ModelLayer;
    const e = createEngine({ model });
    await e.loadNetwork({});
    const res = await e.sample(req({ steps: 5 }, { model: "network", n: 30 }));
    expect(res.quality.nonFinite).toBe(10);
    expect(res.warning).toMatch(/10 of 30 samples are not finite.*lower learning rate/);
    expect(Number.isFinite(res.quality.energyDistance)).toBe(true);
  });
});

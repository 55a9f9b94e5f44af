// Noise drawn up front and sliced by points gives the same samples, bit for bit, as one run on all
// points: what lets a pool of workers split a stochastic run (samplers/noise.ts).
import { describe, expect, it } from "vitest";
import { DEFAULT_SAMPLER, type SamplerConfig } from "../../src/core/config";
import { tutorialDataset } from "../../src/core/data";
import { drawXT, makeProblem, oraclePredictor, runSampler } from "../../src/core/experiment";
import { drawNoise, noiseSlice } from "../../src/core/samplers";

const problem = makeProblem(tutorialDataset(), { T: 200, schedule: "linear", units: "standardized" });
const predictor = oraclePredictor(problem, "oracle");
const bits = (x: Float64Array) => Array.from(new Uint32Array(x.buffer, x.byteOffset, x.length * 2));

describe("noise drawn up front, split over points", () => {
  const configs: SamplerConfig[] = [
    { ...DEFAULT_SAMPLER, sampler: "ddim", eta: 0.7, steps: 17 },
    { ...DEFAULT_SAMPLER, sampler: "ddpm", steps: 200, variance: "large" },
    { ...DEFAULT_SAMPLER, sampler: "ddim", eta: 0, steps: 10 },
    { ...DEFAULT_SAMPLER, sampler: "heun", steps: 5 },
  ];
  for (const cfg of configs) {
    it(`${cfg.sampler} eta=${cfg.eta} S=${cfg.steps}: slices of 1, 3 and 4 workers equal the single run`, () => {
      const n = 11;
      const xT = drawXT(n, 5);
      const whole = runSampler(problem, predictor, cfg, xT, 5).model;
      const z = drawNoise(cfg, n, 5);
      for (const cuts of [
        [0, 11],
        [0, 4, 8, 11],
        [0, 1, 2, 7, 11],
      ]) {
        const out = new Float64Array(2 * n);
        for (let w = 0; w + 1 < cuts.length; w++) {
          const [from, to] = [cuts[w], cuts[w + 1]];
          const part = runSampler(
            problem,
            predictor,
            cfg,
            xT.subarray(2 * from, 2 * to),
            noiseSlice(z, n, from, to),
          );
          out.set(part.model, 2 * from);
        }
        expect(bits(out), cuts.join(",")).toEqual(bits(whole));
      }
    });
  }

  it("a slice refuses bad ranges and a run that wants more noise than was drawn", () => {
    const z = drawNoise({ sampler: "ddpm", eta: 0, steps: 3 }, 4, 1);
    expect(z.length).toBe(2 * 4 * 2);
    expect(() => noiseSlice(z, 4, 2, 2)).toThrow(/noise slice/);
    expect(() => noiseSlice(z, 4, 0, 5)).toThrow(/noise slice/);
    const src = noiseSlice(z, 4, 0, 4);
    for (let i = 0; i < z.length; i++) src.gaussian();
    expect(() => src.gaussian()).toThrow(/more noise/);
  });
});

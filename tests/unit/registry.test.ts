// The sampler registry states facts the samplers must honour: who draws noise and how much,
// default step counts, titles and usage lines (docs/math.md, "Samplers").
import { describe, expect, it } from "vitest";
import { DEFAULT_SAMPLER, SAMPLER_KINDS, type SamplerConfig } from "../../src/core/config";
import { tutorialDataset } from "../../src/core/data";
import { drawXT, makeProblem, oraclePredictor } from "../../src/core/experiment";
import { makeGrid } from "../../src/core/grids";
import { Rng, STREAM } from "../../src/core/random";
import {
  isStochastic,
  noiseDraws,
  SAMPLER_LIST,
  SAMPLERS,
  samplerTitle,
  samplerUsageLines,
} from "../../src/core/samplers";

const problem = makeProblem(tutorialDataset(), { T: 200, schedule: "linear", units: "standardized" });
const predictor = oraclePredictor(problem, "oracle");

/** An Rng that counts the normals drawn from it. */
class CountingRng extends Rng {
  draws = 0;
  override gaussian(): number {
    this.draws++;
    return super.gaussian();
  }
}

function run(cfg: SamplerConfig, seed: number, n = 8) {
  const rng = new CountingRng(seed, STREAM.z);
  const out = SAMPLERS[cfg.sampler].run({
    predictor,
    schedule: problem.schedule,
    grid: makeGrid(cfg.spacing, 200, cfg.steps),
    xT: drawXT(n, 1),
    rng,
    eta: cfg.eta,
    variance: cfg.variance,
  });
  return { x: out.x, draws: rng.draws };
}

describe("sampler registry", () => {
  it("has one entry per SAMPLER_KINDS name, in that order, each naming itself", () => {
    expect(SAMPLER_LIST.map((s) => s.name)).toEqual([...SAMPLER_KINDS]);
    for (const k of SAMPLER_KINDS) expect(SAMPLERS[k].name).toBe(k);
  });

  it("DDPM defaults to the full chain S = T; the others to 50 steps, at most T", () => {
    expect(SAMPLERS.ddpm.defaultSteps(500)).toBe(500);
    expect(SAMPLERS.ddpm.defaultSteps(37)).toBe(37);
    for (const k of ["ddim", "euler", "heun", "dpmpp2m"] as const) {
      expect(SAMPLERS[k].defaultSteps(500)).toBe(DEFAULT_SAMPLER.steps);
      expect(SAMPLERS[k].defaultSteps(20)).toBe(20);
    }
  });

  for (const k of SAMPLER_KINDS) {
    for (const eta of [0, 0.7]) {
      it(`${k}, eta=${eta}: isStochastic and noiseDraws match what the run draws and whether the seed matters`, () => {
        const cfg: SamplerConfig = { ...DEFAULT_SAMPLER, sampler: k, eta, steps: 9, variance: "large" };
        const a = run(cfg, 1);
        const b = run(cfg, 2);
        expect(a.draws).toBe(noiseDraws(cfg, 8));
        const differs = a.x.some((v, j) => v !== b.x[j]);
        expect(differs).toBe(isStochastic(cfg));
      });
    }
  }

  it("titles name the parameters a sampler reads", () => {
    const base = DEFAULT_SAMPLER;
    expect(samplerTitle({ ...base, sampler: "ddim", eta: 0.5 })).toBe("DDIM eta=0.5");
    expect(samplerTitle({ ...base, sampler: "ddpm", variance: "large" })).toBe(
      "DDPM ancestral (large variance)",
    );
    expect(samplerTitle({ ...base, sampler: "ddpm", variance: "small" })).toBe("DDPM ancestral");
    expect(samplerTitle({ ...base, sampler: "heun", eta: 0.5 })).toBe("Heun (PF-ODE)");
  });

  it("usage lines cover every sampler and state DDPM's full-chain default", () => {
    const lines = samplerUsageLines();
    expect(lines).toHaveLength(SAMPLER_KINDS.length);
    expect(lines.find((l) => l.startsWith("ddpm"))).toMatch(/default steps T \(the full chain\).*--variance/);
    expect(lines.find((l) => l.startsWith("heun"))).toMatch(/2 \(1 on the last step\)/);
  });
});

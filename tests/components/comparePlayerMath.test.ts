// The player's arithmetic against independent sources: a followed particle's eps_hat and x0_hat
// recovered from the engine's recorded trajectory equal the perfect network's own eps and the
// x0Hat core's sampler hands to onStep, the recovered z closes the DDIM update, and frames map to
// a common time axis.
import { describe, expect, it } from "vitest";
import { DEFAULT_PROBLEM, DEFAULT_SAMPLER, type SamplerConfig } from "../../src/core/config";
import { tutorialDataset } from "../../src/core/data";
import { drawXT, makeProblem, oraclePredictor, runSampler } from "../../src/core/experiment";
import { createEngine } from "../../src/engine/engine";
import { frameAt, nextStepProgress, stepNumbers, trail } from "../../src/panels/compare/player/frames";

const problem = makeProblem(tutorialDataset(), DEFAULT_PROBLEM);
const engine = createEngine();

describe("player arithmetic", () => {
  it("S=50 and S=500 share one time axis; step moves the coarsest column by one step", () => {
    expect(frameAt(0.5, 50)).toBe(25);
    expect(frameAt(0.5, 500)).toBe(250);
    expect(frameAt(1, 50)).toBe(50);
    expect(frameAt(-1, 50)).toBe(0);
    expect(nextStepProgress(0.5, 50)).toBeCloseTo(26 / 50, 12);
    expect(nextStepProgress(1, 50)).toBe(1);
  });

  it("a particle's numbers are the sampler's own: eps_hat, x0_hat, and z closing the DDIM update", async () => {
    const sampler: SamplerConfig = { ...DEFAULT_SAMPLER, eta: 0.5, steps: 20 };
    const n = 64;
    const res = await engine.sample({ sampler, model: "oracle", n, seed: 3, trajectory: true });
    const traj = res.trajectory;
    if (!traj) throw new Error("no trajectory");
    // Core's own run with the same seed: x0Hat per step as the sampler computes it.
    const x0s: Float64Array[] = [];
    const xs: Float64Array[] = [Float64Array.from(drawXT(n, 3))];
    const oracle = oraclePredictor(problem, "oracle");
    runSampler(problem, oracle, sampler, drawXT(n, 3), 3, (_i, x, x0Hat) => {
      xs.push(Float64Array.from(x));
      if (x0Hat) x0s.push(Float64Array.from(x0Hat));
    });
    for (const [p, f] of [
      [5, 0],
      [17, 9],
      [63, 18],
    ]) {
      const s = stepNumbers(traj, res.grid, problem.schedule, problem.standardizer, sampler.eta, p, f);
      if (!s) throw new Error("no numbers");
      const eps = oracle(xs[f], res.grid[f]);
      expect(s.t).toBe(res.grid[f]);
      for (const k of [0, 1]) {
        expect(s.x[k]).toBeCloseTo(xs[f][2 * p + k], 4);
        expect(s.x0Hat[k]).toBeCloseTo(x0s[f][2 * p + k], 3);
        expect(s.epsHat[k]).toBeCloseTo(eps[2 * p + k], 3);
        expect(s.xNext[k]).toBeCloseTo(xs[f + 1][2 * p + k], 4);
        // The update with the shown coefficients and the recovered z gives the next x.
        const z = s.z ? s.z[k] : 0;
        expect(s.cX0 * s.x0Hat[k] + s.cEps * s.epsHat[k] + s.sigma * z).toBeCloseTo(s.xNext[k], 4);
      }
      expect(s.sigma).toBeGreaterThan(0);
    }
    expect(stepNumbers(traj, res.grid, problem.schedule, problem.standardizer, 0.5, 0, 20)).toBeNull();
  });

  it("trails are the particle's recent path, decimated, ending at the current frame", async () => {
    const res = await engine.sample({
      sampler: { ...DEFAULT_SAMPLER, steps: 200 },
      model: "oracle",
      n: 10,
      seed: 1,
      trajectory: true,
    });
    const traj = res.trajectory;
    if (!traj) throw new Error("no trajectory");
    const path = trail(traj, "x", 4, 150, 120, 30);
    expect(path.length / 2).toBeLessThanOrEqual(31);
    expect(path[path.length - 2]).toBe(traj.x[2 * (150 * 10 + 4)]);
    expect(path[0]).toBe(traj.x[2 * (30 * 10 + 4)]);
  });
});

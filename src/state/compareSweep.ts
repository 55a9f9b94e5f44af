// The quality-vs-steps sweep: energy distance of DDIM samples against S for a few eta values, for
// the trained and the perfect network - the DDIM paper's Table 1 story on this data
// (docs/math.md, "Quality figures"). It uses as many points as the grid, so the two agree, and
// averages the stochastic curves (eta > 0) over several noise seeds, so one unlucky z draw does not
// make a spike at one S. One sampleMany call per curve and seed, with progress between calls.
import { DEFAULT_SAMPLER, type SamplerConfig } from "../core/config";
import { drawXT } from "../core/experiment";
import type { Engine, ModelChoice } from "../engine/api";

export const SWEEP_STEPS = [5, 10, 20, 50, 100, 200, 500] as const;
export const SWEEP_ETAS = [0, 0.5, 1] as const;
export const SWEEP_MODELS: readonly ModelChoice[] = ["network", "oracle"];
/** Points per run: the grid's own n (state/compare.ts DEFAULT_N), so sweep and grid agree. */
export const SWEEP_N = 1000;
/** z seeds averaged per stochastic curve (eta > 0); eta = 0 is a fixed function of x_T. */
export const SWEEP_SEEDS = 3;

export interface SweepPoint {
  model: ModelChoice;
  eta: number;
  steps: number;
  /** Mean over the seeds of the curve. */
  energyDistance: number;
  /** How many runs (z seeds) the mean is over. */
  runs: number;
  /** Standard error of one run's estimate (mean over the runs; conservative for the mean). */
  se: number;
  /** The estimator's noise floor for SWEEP_N points (exact samples would scatter this much). */
  floor: number;
}

export interface SweepState {
  status: "idle" | "running" | "done" | "error";
  /** Calls finished and in total (one per curve and seed; a curve = one model and one eta). */
  done: number;
  total: number;
  points: SweepPoint[];
  error?: string;
  /** Problem, network and seed the curves were computed for. */
  key?: string;
}

export const initialSweep = (): SweepState => ({ status: "idle", done: 0, total: 0, points: [] });

/** Step counts of the sweep that fit the problem (S <= T), plus T itself when it is smaller. */
export function sweepSteps(T: number): number[] {
  const steps: number[] = SWEEP_STEPS.filter((s) => s <= T);
  if (steps[steps.length - 1] !== T && T < SWEEP_STEPS[SWEEP_STEPS.length - 1]) steps.push(T);
  return steps;
}

export async function runSweep(
  engine: Engine,
  opts: { seed: number; T: number; key: string },
  report: (s: SweepState) => void,
): Promise<void> {
  const steps = sweepSteps(opts.T);
  const curves = SWEEP_MODELS.flatMap((model) => SWEEP_ETAS.map((eta) => ({ model, eta })));
  const seedsOf = (eta: number) => (eta > 0 ? SWEEP_SEEDS : 1);
  const total = curves.reduce((s, c) => s + seedsOf(c.eta), 0);
  let state: SweepState = { status: "running", done: 0, total, points: [], key: opts.key };
  report(state);
  try {
    for (const { model, eta } of curves) {
      const sums = steps.map(() => 0);
      const ses = steps.map(() => 0);
      const floors = steps.map(() => 0);
      const runs = seedsOf(eta);
      for (let k = 0; k < runs; k++) {
        // Same x_T for every seed (the grid's), fresh z's: the spread is the sampler's own noise.
        const zSeed = (opts.seed + 7919 * k) % 2147483648;
        const reqs = steps.map((S) => {
          const sampler: SamplerConfig = { ...DEFAULT_SAMPLER, sampler: "ddim", eta, steps: S };
          return { sampler, model, n: SWEEP_N, seed: zSeed, xT: drawXT(SWEEP_N, opts.seed) };
        });
        const results = await engine.sampleMany(reqs);
        results.forEach((r, i) => {
          sums[i] += r.quality.energyDistance;
          ses[i] += r.quality.energySE;
          floors[i] += r.quality.energyFloor;
        });
        state = { ...state, done: state.done + 1 };
        if (k < runs - 1) report(state);
      }
      const points = steps.map((S, i) => ({
        model,
        eta,
        steps: S,
        energyDistance: sums[i] / runs,
        runs,
        se: ses[i] / runs,
        floor: floors[i] / runs,
      }));
      state = { ...state, points: [...state.points, ...points] };
      report(state);
    }
    report({ ...state, status: "done" });
  } catch (err) {
    report({ ...state, status: "error", error: err instanceof Error ? err.message : String(err) });
  }
}

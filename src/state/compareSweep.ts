// The quality-vs-steps sweep: energy distance of DDIM samples against S for a few eta values, for
// the trained and the perfect network - the DDIM paper's Table 1 story on this data. It is many
// runs, so it uses fewer points and one sampleMany call per curve, reporting progress between calls.
import { DEFAULT_SAMPLER, type SamplerConfig } from "../core/config";
import { drawXT } from "../core/experiment";
import type { Engine, ModelChoice } from "../engine/api";

export const SWEEP_STEPS = [5, 10, 20, 50, 100, 200, 500] as const;
export const SWEEP_ETAS = [0, 0.5, 1] as const;
export const SWEEP_MODELS: readonly ModelChoice[] = ["network", "oracle"];
export const SWEEP_N = 500;

export interface SweepPoint {
  model: ModelChoice;
  eta: number;
  steps: number;
  energyDistance: number;
}

export interface SweepState {
  status: "idle" | "running" | "done" | "error";
  /** Curves finished and in total (one curve = one model and one eta). */
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
  let state: SweepState = { status: "running", done: 0, total: curves.length, points: [], key: opts.key };
  report(state);
  try {
    for (const { model, eta } of curves) {
      const reqs = steps.map((S) => {
        const sampler: SamplerConfig = { ...DEFAULT_SAMPLER, sampler: "ddim", eta, steps: S };
        return { sampler, model, n: SWEEP_N, seed: opts.seed, xT: drawXT(SWEEP_N, opts.seed) };
      });
      const results = await engine.sampleMany(reqs);
      const points = results.map((r, i) => ({
        model,
        eta,
        steps: steps[i],
        energyDistance: r.quality.energyDistance,
      }));
      state = { ...state, done: state.done + 1, points: [...state.points, ...points] };
      report(state);
    }
    report({ ...state, status: "done" });
  } catch (err) {
    report({ ...state, status: "error", error: err instanceof Error ? err.message : String(err) });
  }
}

// Time to quality on one engine (docs/bench.md, "Time to quality"): a fresh default network
// trained `every` steps at a time, each stop scored the way the app scores a column (DDIM-50
// eta = 0 on the trailing grid, 1000 points from one fixed x_T, the EMA weights, energy distance
// against the engine's reference sample), until the score has settled at or below the threshold.
// Runs on the engine in Node and on the real worker client in Chromium alike.
import { DEFAULT_NETWORK, DEFAULT_PROBLEM, DEFAULT_SAMPLER, DEFAULT_TRAIN } from "../../src/core/config";
import type { Engine, SampleRequest } from "../../src/engine/api";

export interface QualityPlan {
  /** Training seed of the fresh network. */
  seed: number;
  /** Training steps between evaluations. */
  every: number;
  threshold: number;
  /** Settled: the first evaluation <= threshold that the next `confirm` evaluations also are. */
  confirm: number;
  maxSteps: number;
  /** Seed of the evaluation's x_T (drawXT(points, evalSeed), the same on every side). */
  evalSeed: number;
  points: number;
  /** Timed one-call runs to the settled step (their median is reported). */
  rounds: number;
}

export interface QualityEval {
  step: number;
  energy: number;
  /** Training wall ms up to this step (sum of the train calls; evaluations excluded). */
  trainMs: number;
}

export interface QualityRun {
  seed: number;
  backend: string;
  evals: QualityEval[];
  /** The settled step, or null when the score had not settled by maxSteps. */
  settledStep: number | null;
  /** Training wall ms up to the settled step, trained `every` steps per call. */
  trainMs: number | null;
  /**
   * Fresh networks (same seed) trained to the settled step in one call each, as Train does it:
   * the median wall ms of `rounds` such runs.
   */
  oneRunMs: number | null;
  /** Their median CPU ms (the worker's threads in Chromium, the process in Node), when measurable. */
  oneRunCpuMs: number | null;
  /** Its score: equal to the chunked run's at that step when chunking does not change training. */
  oneRunEnergy: number | null;
  /** How many threads trained the one-call runs ("2 threads", "1 thread (why)"; absent on tfjs). */
  threads?: string;
  /** The perfect network's score on the same x_T: the floor this draw allows. */
  oracleEnergy: number;
}

/** Index of the first evaluation from which `confirm + 1` in a row are <= threshold, or -1. */
export function settledIndex(energies: number[], threshold: number, confirm: number): number {
  for (let i = 0; i + confirm < energies.length; i++) {
    if (energies.slice(i, i + confirm + 1).every((e) => e <= threshold)) return i;
  }
  return -1;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/**
 * CPU ms per thread (or process) by id, for the one-call runs (absent: wall time only).
 * Threads are compared id by id: one that ends during a run (an old network's helper) must not
 * count as negative time.
 */
export type CpuSnapshot = () => Promise<Record<string, number>>;

function cpuBetween(before: Record<string, number>, after: Record<string, number>): number {
  let ms = 0;
  for (const [id, t] of Object.entries(after)) ms += Math.max(0, t - (before[id] ?? 0));
  return ms;
}

export async function runTimeToQuality(
  engine: Engine,
  plan: QualityPlan,
  cpuMs?: CpuSnapshot,
): Promise<QualityRun> {
  const settings = {
    problem: DEFAULT_PROBLEM,
    network: DEFAULT_NETWORK,
    train: { ...DEFAULT_TRAIN, seed: plan.seed, backend: "wasm" as const },
  };
  const evalRequest = (model: SampleRequest["model"]): SampleRequest => ({
    sampler: { ...DEFAULT_SAMPLER, sampler: "ddim", steps: 50, eta: 0, spacing: "trailing" },
    model,
    n: plan.points,
    seed: plan.evalSeed,
  });
  const info = await engine.init(settings);
  const oracleEnergy = (await engine.sample(evalRequest("oracle"))).quality.energyDistance;
  const evals: QualityEval[] = [];
  let trainMs = 0;
  let settled = -1;
  for (let step = plan.every; step <= plan.maxSteps && settled < 0; step += plan.every) {
    const t0 = performance.now();
    await engine.train(plan.every, () => {});
    trainMs += performance.now() - t0;
    const energy = (await engine.sample(evalRequest("network"))).quality.energyDistance;
    evals.push({ step, energy, trainMs });
    settled = settledIndex(
      evals.map((e) => e.energy),
      plan.threshold,
      plan.confirm,
    );
  }
  const run: QualityRun = {
    seed: plan.seed,
    backend: info.backend,
    evals,
    settledStep: null,
    trainMs: null,
    oneRunMs: null,
    oneRunCpuMs: null,
    oneRunEnergy: null,
    oracleEnergy,
  };
  if (settled < 0) return run;
  const at = evals[settled];
  const wall: number[] = [];
  const cpu: number[] = [];
  let oneRunEnergy = Number.NaN;
  let threads: string | undefined;
  for (let r = 0; r < Math.max(1, plan.rounds); r++) {
    await engine.init(settings);
    const c0 = await cpuMs?.();
    const t0 = performance.now();
    await engine.train(at.step, (p) => {
      threads = p.threads ?? threads;
    });
    wall.push(performance.now() - t0);
    const c1 = await cpuMs?.();
    if (c0 !== undefined && c1 !== undefined) cpu.push(cpuBetween(c0, c1));
    oneRunEnergy = (await engine.sample(evalRequest("network"))).quality.energyDistance;
  }
  return {
    ...run,
    settledStep: at.step,
    trainMs: at.trainMs,
    oneRunMs: median(wall),
    oneRunCpuMs: cpu.length > 0 ? median(cpu) : null,
    oneRunEnergy,
    ...(threads ? { threads } : {}),
  };
}

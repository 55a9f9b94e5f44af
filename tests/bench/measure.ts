// The figures `npm run bench` reports, measured through the Engine API so the same code runs on
// the engine in Node and on the real worker client in Chromium.
import {
  DEFAULT_NETWORK,
  DEFAULT_PROBLEM,
  DEFAULT_SAMPLER,
  DEFAULT_TRAIN,
  type SamplerConfig,
} from "../../src/core/config";
import type { Engine } from "../../src/engine/api";

export interface BenchPlan {
  backend: "wasm" | "cpu";
  /** false: plain tfjs (the wasm-simd kernel off); default: whatever the backend does by default. */
  kernel?: boolean;
  /** Training steps per timed run (after one warm-up run of a tenth of it). */
  trainSteps: number;
  trainRuns: number;
  /** Timed runs of each sampler (after one warm-up call). */
  sampleRuns: number;
  points: number;
  /**
   * When set (the slow cpu backend), each sampler's ms is estimated as NFE x the per-call ms of a
   * DDIM run with this many steps, instead of timing 500-step runs that would take minutes.
   */
  estimateFromSteps?: number;
}

export interface BenchFigures {
  backend: string;
  stepsPerSecond: number;
  /** Median ms of each sampler run on `points` points. */
  ms: Record<string, number>;
  /** True when ms are NFE-scaled estimates (see BenchPlan.estimateFromSteps). */
  estimated: boolean;
  /**
   * Training steps per second of CPU time (Node and numpy only): what one otherwise idle core
   * would give, much less sensitive to other jobs on a shared machine than wall time.
   */
  cpuStepsPerSecond?: number;
}

export const SAMPLER_CASES: Record<string, SamplerConfig> = {
  "DDIM-50": { ...DEFAULT_SAMPLER, sampler: "ddim", steps: 50, eta: 0 },
  "DDIM-500": { ...DEFAULT_SAMPLER, sampler: "ddim", steps: 500, eta: 0 },
  "DDPM-500": { ...DEFAULT_SAMPLER, sampler: "ddpm", steps: 500, eta: 1 },
};

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * cpuMs: this process's CPU clock in ms (Node: process.cpuUsage), for cpuStepsPerSecond; the
 * engine must then run in this process.
 */
export async function measure(engine: Engine, plan: BenchPlan, cpuMs?: () => number): Promise<BenchFigures> {
  const info = await engine.init({
    problem: DEFAULT_PROBLEM,
    network: DEFAULT_NETWORK,
    train: { ...DEFAULT_TRAIN, backend: plan.backend },
  });
  await engine.train(Math.max(1, Math.round(plan.trainSteps / 10)), () => {});
  const rates: number[] = [];
  const cpuRates: number[] = [];
  for (let r = 0; r < plan.trainRuns; r++) {
    const t0 = performance.now();
    const c0 = cpuMs?.() ?? 0;
    await engine.train(plan.trainSteps, () => {});
    rates.push((1000 * plan.trainSteps) / (performance.now() - t0));
    if (cpuMs) cpuRates.push((1000 * plan.trainSteps) / (cpuMs() - c0));
  }
  const ms: Record<string, number> = {};
  const timed = async (sampler: SamplerConfig) => {
    await engine.sample({ sampler: { ...sampler, steps: 5 }, model: "network", n: plan.points, seed: 0 });
    const times: number[] = [];
    for (let r = 0; r < plan.sampleRuns; r++) {
      times.push((await engine.sample({ sampler, model: "network", n: plan.points, seed: r })).ms);
    }
    return median(times);
  };
  if (plan.estimateFromSteps) {
    const S = plan.estimateFromSteps;
    const perCall = (await timed({ ...DEFAULT_SAMPLER, steps: S })) / S;
    for (const [name, sampler] of Object.entries(SAMPLER_CASES)) ms[name] = perCall * sampler.steps;
  } else {
    for (const [name, sampler] of Object.entries(SAMPLER_CASES)) ms[name] = await timed(sampler);
  }
  return {
    backend: info.backend,
    stepsPerSecond: median(rates),
    ms,
    estimated: Boolean(plan.estimateFromSteps),
    ...(cpuMs ? { cpuStepsPerSecond: median(cpuRates) } : {}),
  };
}

// The request the engine-path bench repeats: DDIM-500, eta = 0, 1000 points, the pretrained network.
import type { SampleRequest } from "../../src/engine/api";

export const ENGINE_PATH_REQUEST: SampleRequest = {
  sampler: { sampler: "ddim", steps: 500, eta: 0, spacing: "trailing", variance: "small" },
  model: "network",
  n: 1000,
  seed: 1,
};

export interface EnginePathTimes {
  /** Wall time of each call as the page sees it, ms. */
  wall: number[];
  /** The sampler's own time inside the worker (SampleResult.ms). */
  worker: number[];
  /** CPU ms the busiest worker thread used during each call (from /proc; empty when unavailable). */
  cpu: number[];
}

type CpuSnapshot = Record<string, number>;

/** Times `runs` calls of `call` (which returns the worker's own ms), with host CPU time when exposed. */
export async function timeRuns(runs: number, call: () => Promise<number>): Promise<EnginePathTimes> {
  const g = globalThis as {
    hostWorkerCpu?: () => Promise<CpuSnapshot>;
    hostRunHook?: (run: number, when: "before" | "after") => Promise<void>;
  };
  const host = g.hostWorkerCpu;
  const out: EnginePathTimes = { wall: [], worker: [], cpu: [] };
  for (let i = 0; i < runs; i++) {
    await g.hostRunHook?.(i, "before");
    const before = host ? await host() : null;
    const t0 = performance.now();
    out.worker.push(await call());
    out.wall.push(performance.now() - t0);
    await g.hostRunHook?.(i, "after");
    if (host && before) {
      const after = await host();
      out.cpu.push(Math.max(0, ...Object.keys(after).map((k) => after[k] - (before[k] ?? 0))));
    }
  }
  return out;
}

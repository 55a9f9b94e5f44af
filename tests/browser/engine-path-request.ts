// The request the engine-path bench repeats: DDIM-500, eta = 0, 1000 points, the pretrained network;
// the networks it runs on, and how its runs are timed (through the client, or in a worker that
// calls the engine directly).
import { DEFAULT_NETWORK, DEFAULT_PROBLEM, DEFAULT_TRAIN } from "../../src/core/config";
import type { SampleRequest } from "../../src/engine/api";

export const ENGINE_PATH_REQUEST: SampleRequest = {
  sampler: { sampler: "ddim", steps: 500, eta: 0, spacing: "trailing", variance: "small" },
  model: "network",
  n: 1000,
  seed: 1,
};

/** A new default network as `npm run bench` trains it (wasm). */
export const BENCH_SETTINGS = {
  problem: DEFAULT_PROBLEM,
  network: DEFAULT_NETWORK,
  train: { ...DEFAULT_TRAIN, backend: "wasm" as const },
};

/** The shipped pretrained network, as the test page serves it. */
export async function pretrained(): Promise<unknown> {
  const res = await fetch("/pretrained/network.json");
  return res.json();
}

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

/**
 * Times `runs` DDIM-500 calls in a worker that runs the engine itself (direct-worker.ts and its
 * tfjs twin): it gets { saved, trainSteps }, answers "ready", then the worker ms of each "run".
 * The worker is terminated at the end.
 */
export async function timeDirectWorker(
  w: Worker,
  saved: unknown,
  trainSteps: number,
  runs: number,
): Promise<EnginePathTimes> {
  try {
    let pending: ((ms: number) => void) | null = null;
    const ready = new Promise<void>((ok, fail) => {
      w.onmessage = (ev) => {
        if (ev.data === "ready") ok();
        else pending?.(ev.data as number);
      };
      w.onerror = (ev) => fail(new Error(ev.message));
    });
    w.postMessage({ saved, trainSteps });
    await ready;
    return await timeRuns(
      runs,
      () =>
        new Promise<number>((ok) => {
          pending = ok;
          w.postMessage("run");
        }),
    );
  } finally {
    w.terminate();
  }
}

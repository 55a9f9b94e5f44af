// Test-only page: puts the real worker client and the scenario on window for Playwright to drive.
import { createEngineClient } from "../../src/engine/client";
import type { EngineEvent } from "../../src/engine/clientApi";
import { runBrowserBench, runBrowserTimeToQuality } from "../bench/browser-bench";
import { runPoolBench } from "../bench/pool-bench";
import { runSoak } from "../bench/soak-run";
import {
  BENCH_SETTINGS,
  ENGINE_PATH_REQUEST,
  type EnginePathTimes,
  pretrained,
  timeDirectWorker,
  timeRuns,
} from "./engine-path-request";
import { runScenario, SCENARIO_SETTINGS } from "./scenario";

const events: EngineEvent[] = [];
const page = window as unknown as Record<string, unknown>;

page.ddimTest = {
  events,
  async scenario(backend: "wasm" | "cpu" = "wasm") {
    const client = createEngineClient({ backend });
    client.onEvent((e) => events.push(e));
    try {
      return { ...(await runScenario(client)), backend: await client.backend() };
    } finally {
      client.dispose();
    }
  },
  /** Kill the worker mid-training: the client must restart it and reload the last saved network. */
  async recovery() {
    const client = createEngineClient({ limits: { heartbeat: 3000 } });
    const seen: EngineEvent[] = [];
    client.onEvent((e) => seen.push(e));
    try {
      await client.init(SCENARIO_SETTINGS);
      await client.train(50, () => {});
      await client.saveNetwork(); // the client keeps the newest save or run checkpoint to restore
      const savedSteps = (await client.info()).trainSteps;
      let killed = false;
      const run = client.train(100_000, (p) => {
        if (!killed && p.step >= savedSteps + 20) {
          killed = true;
          client.debugTerminate();
        }
      });
      const error = await run.then(
        () => "train resolved",
        (e: Error) => e.message,
      );
      for (let i = 0; i < 100 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      const after = await client.info();
      const sample = await client.sample({
        sampler: { sampler: "ddim", steps: 10, eta: 0, spacing: "trailing", variance: "small" },
        model: "network",
        n: 10,
        seed: 0,
      });
      return {
        error,
        events: seen,
        savedSteps,
        stepsAfter: after.trainSteps,
        sampled: sample.samples.length,
      };
    } finally {
      client.dispose();
    }
  },
  bench: runBrowserBench,
  /** The sampling pool with 1, 2 and 4 workers (tests/bench/pool-bench.ts). */
  benchPool: runPoolBench,
  /** Time to quality on the app's worker (tests/bench/time-to-quality.ts). */
  benchQuality: runBrowserTimeToQuality,
  /**
   * Start-up as the dashboard does it, phase by phase (ms since the client was created): the worker
   * and its backend, the pretrained network fetched and loaded, then the three headline columns.
   */
  async startup(): Promise<Record<string, number>> {
    const t0 = performance.now();
    const at: Record<string, number> = {};
    const mark = (k: string) => {
      at[k] = Math.round(performance.now() - t0);
    };
    const client = createEngineClient();
    try {
      const file = pretrained().then((f) => {
        mark("network.json fetched");
        return f;
      });
      await client.backend();
      mark("worker + backend ready");
      await client.loadNetwork(await file, "pretrained");
      mark("network loaded");
      const col = (sampler: "ddim" | "ddpm", steps: number, eta: number) => ({
        sampler: { sampler, steps, eta, spacing: "trailing" as const, variance: "small" as const },
        model: "network" as const,
        n: 1000,
        seed: 0,
      });
      await Promise.all([
        client.sample(col("ddim", 50, 0)).then(() => mark("DDIM-50 column")),
        client.sample(col("ddim", 500, 0)).then(() => mark("DDIM-500 column")),
        client.sample(col("ddpm", 500, 1)).then(() => mark("DDPM-500 column")),
      ]);
      mark("all columns");
      return at;
    } finally {
      client.dispose();
    }
  },
  /** DDIM-500 `runs` times through the real client and worker (tests/bench/engine-path.ts). */
  async enginePath(runs: number, trainSteps = 0, fresh = false): Promise<EnginePathTimes> {
    const client = createEngineClient({ limits: { compute: 600_000 } });
    try {
      // fresh: as `npm run bench` does (a new default network trained here, DDIM-50 runs first).
      if (fresh) await client.init(BENCH_SETTINGS);
      else await client.loadNetwork(await pretrained(), "pretrained");
      if (trainSteps > 0) await client.train(trainSteps, () => {});
      if (fresh) {
        const ddim50 = { ...ENGINE_PATH_REQUEST, sampler: { ...ENGINE_PATH_REQUEST.sampler, steps: 50 } };
        for (let i = 0; i < 4; i++) await client.sample(ddim50);
      }
      return await timeRuns(runs, async () => (await client.sample(ENGINE_PATH_REQUEST)).ms);
    } finally {
      client.dispose();
    }
  },
  /** The same runs in a worker that calls the engine directly (no client, no comlink). */
  async enginePathDirect(runs: number, trainSteps = 0): Promise<EnginePathTimes> {
    const w = new Worker(new URL("./direct-worker.ts", import.meta.url), { type: "module" });
    return timeDirectWorker(w, await pretrained(), trainSteps, runs);
  },
  /** The leak soak on the real worker (tests/bench/soak.ts --browser). */
  async soak(steps: number, calls: number) {
    const client = createEngineClient({ limits: { heartbeat: 60_000 } });
    try {
      // The worker's heap comes from the host (tests/browser/worker-heap.ts): workers have no performance.memory.
      const hostHeap = (window as unknown as { hostHeap?: () => Promise<number | null> }).hostHeap;
      const stats = async () => ({ ...(await client.debugStats()), heapBytes: (await hostHeap?.()) ?? null });
      return await runSoak(client, stats, steps, calls);
    } finally {
      client.dispose();
    }
  },
};
(document.getElementById("status") as HTMLElement).textContent = "ready";

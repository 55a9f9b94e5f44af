// Test-only page: puts the real worker client and the scenario on window for Playwright to drive.
import { createEngineClient, type EngineEvent } from "../../src/engine/client";
import { runBrowserBench } from "../bench/browser-bench";
import { runSoak } from "../bench/soak-run";
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
      await client.saveNetwork(); // the client keeps the last save to reload after a crash
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

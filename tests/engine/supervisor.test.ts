// The supervisor with real engines behind MessageChannels: time limits count from the start of a
// call, a worker that vanishes is found by its silence and the error names the operation, a
// failed backend is not tried again, and a crash during a run restores the run's last checkpoint.
import { describe, expect, it } from "vitest";
import { DEFAULT_PROBLEM, DEFAULT_SAMPLER } from "../../src/core/config";
import type { EngineSettings, TrainProgress } from "../../src/engine/api";
import { createEngineClient } from "../../src/engine/client";
import type { EngineEvent } from "../../src/engine/clientApi";
import type { EngineWithControl } from "../../src/engine/control";
import { engineWorkers } from "./workers";

const SETTINGS: EngineSettings = {
  problem: DEFAULT_PROBLEM,
  network: { width: 16, depth: 1, activation: "silu", embedDim: 4 },
  train: { steps: 20, lr: 1e-3, batch: 16, seed: 2, emaDecay: 0.9, backend: "wasm" },
};
const probe = { sampler: { ...DEFAULT_SAMPLER, steps: 4 }, model: "oracle" as const, n: 20, seed: 0 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const until = async (cond: () => boolean, ms = 5000) => {
  for (let t = 0; t < ms && !cond(); t += 20) await sleep(20);
};

describe("worker supervisor", () => {
  it("a call queued behind slow sampling is timed from when the worker starts it", async () => {
    const slowSampling = (e: EngineWithControl): EngineWithControl => ({
      ...e,
      sampleUnit: async (u) => {
        await sleep(500);
        return e.sampleUnit(u);
      },
    });
    const { create, workers } = engineWorkers(slowSampling, true);
    const client = createEngineClient({
      createWorker: create,
      poolSize: 1,
      limits: { control: 300, compute: 2000, silence: 5000 },
    });
    await client.init(SETTINGS);
    const sampling = client.sample(probe);
    await sleep(50);
    const saved = await client.saveNetwork(); // waits ~450 ms in the queue: longer than its 300 ms limit
    expect(saved.trainSteps).toBe(0);
    expect((await sampling).samples.length).toBe(40);
    expect(workers.length).toBe(1); // no restart
    client.dispose();
  });

  it("a worker that vanishes mid-call is found by its silence; the error names the operation", async () => {
    const { create, workers } = engineWorkers((e, w) => ({
      ...e,
      sampleUnit: async (u) => {
        if (w.id === 0) {
          w.vanish();
          return new Promise(() => {});
        }
        return e.sampleUnit(u);
      },
    }));
    const client = createEngineClient({ createWorker: create, poolSize: 1, limits: { silence: 300 } });
    const events: EngineEvent[] = [];
    client.onEvent((e) => events.push(e));
    await client.init(SETTINGS);
    const t0 = Date.now();
    await expect(client.sample(probe)).rejects.toThrow(/stopped answering while sampling/);
    expect(Date.now() - t0).toBeLessThan(3000); // not the 60 s compute limit
    await until(() => events.length > 0);
    expect(events[0].kind).toBe("restarted");
    expect(workers.length).toBe(2);
    expect((await client.sample(probe)).samples.length).toBe(40);
    client.dispose();
  });

  it("a backend that failed is recorded: init asks the new worker for the fallback, the page is told once", async () => {
    const asked: string[] = [];
    const { create } = engineWorkers((e) => ({
      ...e,
      setBackend: async (name) => {
        if (name === "webgl") throw new Error("no GPU here");
        return e.setBackend(name);
      },
      init: async (s) => {
        asked.push(s.train.backend);
        return e.init(s);
      },
    }));
    const client = createEngineClient({ createWorker: create, poolSize: 1, backend: "webgl" });
    const events: EngineEvent[] = [];
    client.onEvent((e) => events.push(e));
    await client.init({ ...SETTINGS, train: { ...SETTINGS.train, backend: "webgl" } });
    await client.init({ ...SETTINGS, train: { ...SETTINGS.train, backend: "webgl" } });
    expect(asked).toEqual(["cpu", "cpu"]);
    expect(events.filter((e) => e.kind === "fallback").map((e) => e.backend)).toEqual(["cpu"]);
    client.dispose();
  });

  it("a crash during a run restores the run's last checkpoint, not an untrained network", async () => {
    const { create, workers } = engineWorkers();
    const client = createEngineClient({
      createWorker: create,
      poolSize: 1,
      limits: { heartbeat: 600, silence: 600 },
    });
    const events: EngineEvent[] = [];
    client.onEvent((e) => events.push(e));
    await client.init(SETTINGS);
    let pausedAt = -1;
    const run = client.train(100_000, (p: TrainProgress) => {
      if (p.state === "running" && p.step >= 15 && pausedAt < 0) {
        pausedAt = 0;
        void client.pause();
      }
      if (p.state === "paused") {
        pausedAt = p.step;
        workers[0].vanish();
      }
    });
    await expect(run).rejects.toThrow(/worker stopped/);
    await until(() => events.length > 0);
    expect(pausedAt).toBeGreaterThanOrEqual(15);
    expect(events[0].restoredSteps).toBe(pausedAt);
    expect(events[0].message).toMatch(new RegExp(`restored your network \\(${pausedAt} training steps\\)`));
    expect((await client.info()).trainSteps).toBe(pausedAt);
    client.dispose();
  });
});

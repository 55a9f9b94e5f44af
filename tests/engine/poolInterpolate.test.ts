// Interpolation on the sampling pool: the page builds the latents, the pool's workers decode them;
// the result is bit-identical to one engine's interpolate (seeded and given endpoints), the extra
// workers really decode part of it, and a bad request is refused before any unit runs.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DEFAULT_PROBLEM, DEFAULT_SAMPLER } from "../../src/core/config";
import type { EngineSettings, InterpolateRequest } from "../../src/engine/api";
import { createEngineClient } from "../../src/engine/client";
import type { EngineClient } from "../../src/engine/clientApi";
import { createEngine } from "../../src/engine/engine";
import { engineWorkers } from "./workers";

const SETTINGS: EngineSettings = {
  problem: DEFAULT_PROBLEM,
  network: { width: 16, depth: 2, activation: "silu", embedDim: 8 },
  train: { steps: 20, lr: 1e-3, batch: 32, seed: 4, emaDecay: 0.9, backend: "wasm" },
};

const SEEDED: InterpolateRequest = { seed: 5, n: 40, frames: 21, path: "slerp", steps: 12, model: "network" };
const GIVEN: InterpolateRequest = {
  seed: 9,
  n: 2,
  frames: 7,
  path: "lerp",
  steps: 10,
  model: "oracle",
  za: [
    [0.3, -1.2],
    [1.5, 0.2],
  ],
  zb: [
    [-0.7, 0.9],
    [0.1, -2],
  ],
};

describe("interpolation on the pool", () => {
  const clients: EngineClient[] = [];
  afterAll(() => {
    for (const c of clients) c.dispose();
  });
  beforeAll(async () => {
    await createEngine().setBackend("wasm");
  });

  it("equals one engine's interpolate, bit for bit, and the extra worker decodes part of it", async () => {
    const { create, workers } = engineWorkers();
    const client = createEngineClient({ createWorker: create, poolSize: 2, backend: "wasm" });
    clients.push(client);
    await client.init(SETTINGS);
    const whole = createEngine();
    await whole.init(SETTINGS);
    // The extra worker takes units once it holds the network (a first call makes it load it).
    await client.sample({ sampler: DEFAULT_SAMPLER, model: "network", n: 1000, seed: 1, quality: false });
    await vi.waitFor(() => expect(workers[1]?.calls.get("loadNetwork")).toBe(1));
    const before = workers.map((w) => w.calls.get("sampleUnit") ?? 0);
    for (const req of [SEEDED, GIVEN]) {
      const a = await client.interpolate(req);
      const b = await whole.interpolate(req);
      expect(a.decoded).toEqual(b.decoded);
      expect(a.noise).toEqual(b.noise);
      expect(a.u).toEqual(b.u);
      expect(a.normSlerp).toEqual(b.normSlerp);
      expect(a.normLerp).toEqual(b.normLerp);
    }
    // 40 paths x 21 frames = 840 points: 3 units, spread over both workers; no whole-call interpolate.
    expect(workers.every((w, i) => (w.calls.get("sampleUnit") ?? 0) > before[i])).toBe(true);
    expect(workers.every((w) => !w.calls.get("interpolate"))).toBe(true);
    await whole.dispose();
  });

  it("refuses a bad request before any unit runs, with the setting named", async () => {
    const { create, workers } = engineWorkers();
    const client = createEngineClient({ createWorker: create, poolSize: 1, backend: "wasm" });
    clients.push(client);
    await client.init(SETTINGS);
    await expect(client.interpolate({ ...SEEDED, frames: 1 })).rejects.toThrow(/frames/);
    await expect(client.interpolate({ ...SEEDED, path: "arc" as never })).rejects.toThrow(/path must be/);
    await expect(client.interpolate({ ...SEEDED, n: 1000 })).rejects.toThrow(/n must be/);
    expect(workers.every((w) => !w.calls.get("sampleUnit"))).toBe(true);
    // Steps beyond this network's T: the workers know T, and refuse the first unit.
    await expect(client.interpolate({ ...SEEDED, steps: 501 })).rejects.toThrow(/steps/);
  });

  const column = (seed: number, steps = 300) => ({
    sampler: { ...DEFAULT_SAMPLER, steps },
    model: "oracle" as const,
    n: 1000,
    seed,
    quality: false as const,
  });

  it("waits for the sampling calls already in the pool: the grid's columns come first", async () => {
    const { create } = engineWorkers();
    const client = createEngineClient({ createWorker: create, poolSize: 1, backend: "wasm" });
    clients.push(client);
    await client.init(SETTINGS);
    const order: string[] = [];
    await Promise.all([
      client.sample(column(1)).then(() => order.push("column 1")),
      client.sample(column(2)).then(() => order.push("column 2")),
      // 40 paths x 21 frames x 12 steps: far less work than a column, still decoded after both.
      client.interpolate({ ...SEEDED, model: "oracle" }).then(() => order.push("interpolation")),
    ]);
    expect(order).toEqual(["column 1", "column 2", "interpolation"]);
  });

  it("waits no longer than interpolationWaitMs: a long run ahead of it does not starve it", async () => {
    const { create } = engineWorkers();
    const client = createEngineClient({
      createWorker: create,
      poolSize: 1,
      backend: "wasm",
      interpolationWaitMs: 0,
    });
    clients.push(client);
    await client.init(SETTINGS);
    const order: string[] = [];
    await Promise.all([
      client.sample(column(1, 500)).then(() => order.push("column 1")),
      client.sample(column(2, 500)).then(() => order.push("column 2")),
      client.interpolate({ ...SEEDED, model: "oracle" }).then(() => order.push("interpolation")),
    ]);
    expect(order.indexOf("interpolation")).toBeLessThan(order.indexOf("column 2"));
  });
});

// The sampling pool: identical results with 1, 2 and 3 workers (and equal to one whole run on
// one engine, noise included), trajectories merged in point order, cheapest call first, and a
// newer call on a lane cancelling the older one and its remaining units.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_PROBLEM, DEFAULT_SAMPLER, type SamplerConfig } from "../../src/core/config";
import type { EngineSettings, SampleRequest } from "../../src/engine/api";
import { createEngineClient, isCancelled } from "../../src/engine/client";
import type { EngineClient } from "../../src/engine/clientApi";
import { createEngine } from "../../src/engine/engine";
import { unitRanges } from "../../src/engine/pool";
import { engineWorkers } from "./workers";

const SETTINGS: EngineSettings = {
  problem: DEFAULT_PROBLEM,
  network: { width: 16, depth: 2, activation: "silu", embedDim: 8 },
  train: { steps: 20, lr: 1e-3, batch: 32, seed: 4, emaDecay: 0.9, backend: "wasm" },
};
const req = (s: Partial<SamplerConfig>, extra: Partial<SampleRequest> = {}): SampleRequest => ({
  sampler: { ...DEFAULT_SAMPLER, ...s },
  model: "oracle",
  n: 700,
  seed: 12,
  ...extra,
});
const CASES: SampleRequest[] = [
  req({ sampler: "ddim", eta: 0, steps: 8 }, { model: "network", n: 1000 }),
  req({ sampler: "ddim", eta: 1, steps: 9 }),
  req({ sampler: "ddpm", eta: 1, steps: 10, variance: "large" }),
  req({ sampler: "heun", steps: 5 }, { n: 513 }),
  req({ sampler: "dpmpp2m", steps: 6 }, { model: "network", n: 300 }),
];

async function pooled(size: number) {
  const { create, workers } = engineWorkers();
  const client = createEngineClient({ createWorker: create, poolSize: size, backend: "wasm" });
  await client.init(SETTINGS);
  return { client, workers };
}

describe("sampling pool", () => {
  const clients: EngineClient[] = [];
  afterAll(() => {
    for (const c of clients) c.dispose();
  });
  beforeAll(async () => {
    await createEngine().setBackend("wasm");
  });

  it("splits by the number of points only", () => {
    expect(unitRanges(100)).toEqual([[0, 100]]);
    expect(unitRanges(1000)).toEqual([
      [0, 250],
      [250, 500],
      [500, 750],
      [750, 1000],
    ]);
    expect(unitRanges(513)).toEqual([
      [0, 257],
      [257, 513],
    ]);
  });

  it("1, 2 and 3 workers give identical samples, trajectories and figures; the extras do work", async () => {
    const results = [];
    for (const size of [1, 2, 3]) {
      const { client, workers } = await pooled(size);
      clients.push(client);
      const rs = await Promise.all(CASES.map((c) => client.sample({ ...c, trajectory: c.n <= 700 })));
      results.push(rs);
      if (size > 1) {
        const units = workers.map((w) => w.calls.get("sampleUnit") ?? 0);
        expect(units.filter((u) => u > 0).length).toBe(size);
      }
    }
    for (let k = 0; k < CASES.length; k++) {
      expect(results[1][k].samples).toEqual(results[0][k].samples);
      expect(results[2][k].samples).toEqual(results[0][k].samples);
      expect(results[2][k].trajectory?.x).toEqual(results[0][k].trajectory?.x);
      expect(results[2][k].trajectory?.x0Hat).toEqual(results[0][k].trajectory?.x0Hat);
      expect(results[2][k].quality).toEqual(results[0][k].quality);
      expect(results[2][k].nfe).toBe(results[0][k].nfe);
    }
  });

  it("pooled = one whole run on one engine, fresh noise included (the z stream is replayed per unit)", async () => {
    const { client } = await pooled(3);
    clients.push(client);
    const whole = createEngine();
    await whole.init(SETTINGS);
    for (const c of CASES.filter((c) => c.model === "oracle")) {
      const a = await client.sample({ ...c, trajectory: true });
      const b = await whole.sample({ ...c, trajectory: true });
      expect(a.samples).toEqual(b.samples);
      expect(a.trajectory?.x).toEqual(b.trajectory?.x);
      expect(a.trajectory?.x0Hat).toEqual(b.trajectory?.x0Hat);
      expect(a.grid).toEqual(b.grid);
    }
    // trajectoryPoints keeps the first k points of the merged recording.
    const some = await client.sample({ ...CASES[1], trajectoryPoints: 300 });
    const all = await whole.sample({ ...CASES[1], trajectoryPoints: 300 });
    expect(some.trajectory).toEqual(all.trajectory);
    await whole.dispose();
  });

  it("a newer call on a lane rejects the older (isCancelled) and its remaining units never run", async () => {
    const { client, workers } = await pooled(1);
    clients.push(client);
    const slow = req({ sampler: "ddim", steps: 500 }, { n: 1024 });
    const first = client.sample({ ...slow, lane: "col1" });
    const other = client.sample({ ...req({ steps: 3 }), lane: "col2" });
    await new Promise((r) => setTimeout(r, 5));
    const atCancel = workers[0].calls.get("sampleUnit") ?? 0;
    expect(atCancel).toBeLessThanOrEqual(2); // col1's first call still had 2+ units waiting
    const second = client.sample({ ...slow, seed: 3, lane: "col1" });
    const err = await first.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isCancelled(err)).toBe(true);
    expect(isCancelled(new Error("other"))).toBe(false);
    expect((await second).samples.length).toBe(2048);
    expect((await other).samples.length).toBe(1400);
    // After the cancel: at most the unit already sent to the worker, col2 (if not run yet) and the
    // second call's 4 units; without cancelling, col1's first call would add all its remaining units.
    expect(workers[0].calls.get("sampleUnit")).toBeLessThanOrEqual(atCancel + 1 + 1 + 4);
  });

  it("the cheapest waiting call goes first: a 5-step column is not queued behind 300-step ones", async () => {
    const { client } = await pooled(1);
    clients.push(client);
    const order: string[] = [];
    const big = (seed: number) => req({ steps: 300 }, { n: 1024, seed });
    const calls = [
      client.sample(big(1)).then(() => order.push("big1")),
      client.sample(big(2)).then(() => order.push("big2")),
      client.sample(req({ steps: 5 }, { n: 1024 })).then(() => order.push("small")),
    ];
    await Promise.all(calls);
    expect(order[0]).toBe("small");
  });

  it("a bad request is refused before any unit runs, with the setting named", async () => {
    const { client, workers } = await pooled(2);
    clients.push(client);
    await expect(client.sample(req({ steps: 5 }, { n: 0 }))).rejects.toThrow(/n must be a whole number/);
    await expect(client.sample(req({ eta: 3 }))).rejects.toThrow(/eta/);
    expect(workers.every((w) => !w.calls.get("sampleUnit"))).toBe(true);
  });

  it("quality: false gives the same samples without the figures and never runs them; a bad value is refused", async () => {
    const { client, workers } = await pooled(2);
    clients.push(client);
    const preview = req(
      { sampler: "ddim", eta: 0, steps: 20, spacing: "trailing" },
      { model: "network", n: 300 },
    );
    const quick = await client.sample({ ...preview, quality: false });
    const figuresBefore = workers.reduce((s, w) => s + (w.calls.get("qualityOf") ?? 0), 0);
    expect(figuresBefore).toBe(0);
    expect(quick.quality).toBeUndefined();
    const whole = await client.sample(preview);
    expect(whole.quality?.energyDistance).toBeTypeOf("number");
    expect(quick.samples).toEqual(whole.samples);
    expect(quick.grid).toEqual(whole.grid);
    expect(workers.reduce((s, w) => s + (w.calls.get("qualityOf") ?? 0), 0)).toBe(1);
    // The engine itself (no pool) honours it too.
    const engine = createEngine();
    await engine.init(SETTINGS);
    const direct = await engine.sample({ ...preview, quality: false });
    expect(direct.quality).toBeUndefined();
    expect(direct.samples).toEqual(whole.samples);
    await engine.dispose();
    await expect(client.sample({ ...preview, quality: "no" as never })).rejects.toThrow(
      /quality must be true or false/,
    );
    await expect(client.sampleMany([{ ...preview, quality: false }])).rejects.toThrow(
      /quality: false is for sample/,
    );
  });
});

// The engine with the real tfjs network (wasm, as the worker uses): determinism, no leaked
// tensors, pause/resume/stop within one chunk, divergence recovery, save/load.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_PROBLEM, DEFAULT_SAMPLER, SAMPLER_KINDS } from "../../src/core/config";
import type { EngineSettings, SampleRequest, TrainProgress } from "../../src/engine/api";
import { createEngine } from "../../src/engine/engine";

// Small on purpose: the machine is shared; the behaviour does not depend on the size.
const SETTINGS: EngineSettings = {
  problem: DEFAULT_PROBLEM,
  network: { width: 32, depth: 2, activation: "silu", embedDim: 16 },
  train: { steps: 100, lr: 1e-3, batch: 64, seed: 5, emaDecay: 0.99, backend: "wasm" },
};
const req = (extra: Partial<SampleRequest> = {}): SampleRequest => ({
  sampler: { ...DEFAULT_SAMPLER, steps: 5 },
  model: "network",
  n: 20,
  seed: 1,
  ...extra,
});

interface Saved {
  weights: { raw: string[]; ema: string[] };
  lossHistory: string;
  trainSteps: number;
}
const hashOf = (s: unknown) => {
  const v = s as Saved;
  return createHash("sha256")
    .update(JSON.stringify([v.weights, v.lossHistory, v.trainSteps]))
    .digest("hex");
};

async function trained(chunkSteps: number, steps = 60) {
  const engine = createEngine({ chunkSteps });
  await engine.init(SETTINGS);
  await engine.train(steps, () => {});
  return engine;
}

describe("engine with the network", () => {
  beforeAll(async () => {
    await createEngine().setBackend("wasm");
  });

  it("same seed, same backend: bit-identical weights, losses and samples, whatever the chunk size", async () => {
    const a = await trained(10);
    const b = await trained(25);
    expect(hashOf(await a.saveNetwork())).toBe(hashOf(await b.saveNetwork()));
    const sa = await a.sample(req({ n: 100 }));
    const sb = await b.sample(req({ n: 100 }));
    expect(sb.samples).toEqual(sa.samples);
    expect((await a.info()).trainSteps).toBe(60);
    expect((await a.info()).backend).toBe("wasm-simd kernel");
    expect((await a.info()).lossHistory.length).toBe(60);
    await a.dispose();
    await b.dispose();
  });

  it("numTensors is unchanged by training in chunks and by 50 calls of every sampler kind", async () => {
    const engine = createEngine({ chunkSteps: 20 });
    await engine.init(SETTINGS);
    await engine.train(20, () => {}); // first chunk builds the kernels' cached constants
    await engine.sample(req());
    const before = await engine.numTensors();
    await engine.train(200, () => {});
    expect(await engine.numTensors()).toBe(before);
    for (let i = 0; i < 50; i++) {
      for (const sampler of SAMPLER_KINDS)
        await engine.sample(req({ sampler: { ...DEFAULT_SAMPLER, sampler, steps: 3, eta: 1 } }));
      await engine.sampleMany([req(), req({ model: "oracle" })]);
      await engine.invert({ points: new Float32Array([0, 0, 5, 5]), steps: 3, model: "network" });
      await engine.interpolate({ seed: i, n: 4, frames: 3, path: "slerp", steps: 3, model: "network" });
    }
    expect(await engine.numTensors()).toBe(before);
    await engine.dispose();
  });

  it("pause, resume and stop take effect within one chunk", async () => {
    const engine = createEngine({ chunkSteps: 10 });
    await engine.init(SETTINGS);
    const seen: TrainProgress[] = [];
    const run = engine.train(1000, (p) => {
      seen.push(p);
      const running = seen.filter((s) => s.state === "running").length;
      if (p.state === "running" && running === 2) void engine.pause();
      if (p.state === "paused") setTimeout(() => void engine.resume(), 20);
      if (p.state === "running" && running === 4) void engine.stop();
    });
    const final = await run;
    const states = seen.map((s) => `${s.state}@${s.step}`);
    expect(states).toEqual([
      "running@10",
      "running@20",
      "paused@20",
      "running@30",
      "running@40",
      "stopped@40",
    ]);
    expect(final.state).toBe("stopped");
    expect((await engine.info()).trainSteps).toBe(40);
    await engine.dispose();
  });

  it("knobs changed while paused apply on resume (a bad one is refused and the run stays paused)", async () => {
    const engine = createEngine({ chunkSteps: 10 });
    await engine.init(SETTINGS);
    const states: string[] = [];
    let asked = false;
    const final = await engine.train(
      100,
      (p) => {
        states.push(`${p.state}@${p.step}`);
        if (p.state === "running" && !asked) {
          asked = true;
          void engine.pause();
        }
        if (p.state === "paused") {
          setTimeout(async () => {
            await expect(engine.resume({ lr: -1 })).rejects.toThrow(/learning rate must be from/);
            await engine.resume({ lr: 10 }); // far too high: the next chunk diverges
          }, 10);
        }
      },
      { lr: 1e-3 },
    );
    expect(states.slice(0, 2)).toEqual(["running@10", "paused@10"]);
    expect(final.state).toBe("diverged");
    expect(final.step).toBe(10);
    await engine.dispose();
  });

  it("a diverging learning rate ends paused at the last good checkpoint, with finite weights and a message", async () => {
    const engine = createEngine({ chunkSteps: 10 });
    await engine.init({ ...SETTINGS, train: { ...SETTINGS.train, lr: 10 } });
    // A few good steps first at a sane rate, so the checkpoint is not the initial weights.
    await engine.train(20, () => {}, { lr: 1e-3 });
    let lastGood: unknown = await engine.saveNetwork();
    const final = await engine.train(
      2000,
      (p) => {
        // saveNetwork runs synchronously when called: it snapshots the state after this chunk.
        if (p.state === "running") lastGood = engine.saveNetwork();
      },
      { lr: 10 },
    );
    expect(final.state).toBe("diverged");
    expect(final.message).toMatch(/lower learning rate/);
    const now = (await engine.saveNetwork()) as Saved;
    expect(hashOf(now)).toBe(hashOf(await lastGood));
    const sample = await engine.sample(req());
    expect(sample.quality.nonFinite).toBe(0);
    expect(sample.samples.every(Number.isFinite)).toBe(true);
    // The dashboard's Resume after a divergence: the same network goes on with a lower rate.
    const kept = (await engine.info()).trainSteps;
    const resumed = await engine.train(30, () => {}, { lr: 1e-3 });
    expect(resumed.state).toBe("done");
    expect((await engine.info()).trainSteps).toBe(kept + 30);
    await engine.dispose();
  });

  it("save -> load gives identical samples; a bad file is rejected and the current network stays", async () => {
    const a = await trained(20, 40);
    const saved = await a.saveNetwork();
    const before = await a.sample(req({ n: 50 }));
    const b = createEngine();
    await b.init({ ...SETTINGS, network: { ...SETTINGS.network, width: 16 } });
    const info = await b.loadNetwork(saved);
    expect(info.origin).toBe("file");
    expect(info.trainSteps).toBe(40);
    expect((await b.sample(req({ n: 50 }))).samples).toEqual(before.samples);
    const corrupt = { ...(saved as object), weights: { raw: ["AAAA"], ema: [] } };
    await expect(b.loadNetwork(corrupt)).rejects.toThrow(/invalid network file/);
    await expect(b.loadNetwork({ hello: 1 })).rejects.toThrow(/not a DDIM Lab network file/);
    expect((await b.sample(req({ n: 50 }))).samples).toEqual(before.samples);
    await a.dispose();
    await b.dispose();
  });
});

describe("the shipped pretrained network through the engine", () => {
  it("loads as 'pretrained' and DDIM eta=0 S=50 on 1000 points scores energy distance <= 0.01", async () => {
    const { readFileSync } = await import("node:fs");
    const saved = JSON.parse(readFileSync("public/pretrained/network.json", "utf8"));
    const engine = createEngine();
    const info = await engine.loadNetwork(saved, "pretrained");
    expect(info.origin).toBe("pretrained");
    const res = await engine.sample({
      sampler: { ...DEFAULT_SAMPLER, steps: 50 },
      model: "network",
      n: 1000,
      seed: 0,
    });
    expect(res.nfe).toBe(50);
    expect(res.quality.energyDistance).toBeLessThanOrEqual(0.01);
    await engine.dispose();
  });
});

describe("switching backends", () => {
  it("moves the network to the new backend with its weights and history", async () => {
    const engine = createEngine({ chunkSteps: 10 });
    await engine.init(SETTINGS);
    await engine.train(20, () => {});
    const before = hashOf(await engine.saveNetwork());
    expect(await engine.setBackend("cpu")).toBe("cpu");
    const info = await engine.info();
    expect(info.backend).toBe("cpu");
    expect(info.trainSteps).toBe(20);
    expect(hashOf(await engine.saveNetwork())).toBe(before);
    expect(await engine.setBackend("wasm")).toBe("wasm");
    await engine.dispose();
  });
});

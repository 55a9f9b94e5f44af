// Two-thread kernel training (docs/backends.md, "Two threads"): a helper thread on the same shared
// memory takes the second slice of every batch. The batch is always split the same way, so one
// thread and two must give the same bits; a helper that fails leaves training on one thread.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NetworkConfig } from "../../src/core/config";
import { createNetwork, createTrainer, setupBackend } from "../../src/model";
import { loadThreading, preferThreads } from "../../src/model/kernel/load";
import type { HelperHandle } from "../../src/model/kernel/team";
import { hashFloats, probePoints, problem } from "./helpers";
import { nodeHelper, stopNodeHelpers } from "./nodeHelper";

beforeAll(async () => {
  await setupBackend("wasm");
  expect(await loadThreading(nodeHelper)).toBe(true);
});

afterAll(async () => {
  preferThreads(true);
  await stopNodeHelpers();
});

async function until(ok: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface Run {
  weights: string;
  ema: string;
  losses: string;
  eps: string;
  threads: number;
}

/** Trains `chunks` on a fresh network; with threads, waits for the helper after the first chunk. */
async function train(cfg: NetworkConfig, batch: number, chunks: number[], threads: boolean): Promise<Run> {
  preferThreads(threads);
  const net = createNetwork(problem, cfg, 7);
  net.compute = "kernel";
  const tr = createTrainer(net, problem, { lr: 2e-3, batch, emaDecay: 0.99 });
  let most = 0;
  for (const [i, c] of chunks.entries()) {
    tr.runChunk(c);
    const kn = net.kernel();
    // The first chunk starts the helper lazily (one thread until it is up); then wait for it.
    if (threads && i === 0) await until(() => kn?.trainingThreads() === 2);
    most = Math.max(most, kn?.trainingThreads() ?? 0);
  }
  const out = {
    weights: hashFloats(net.readWeights("raw")),
    ema: hashFloats(net.readWeights("ema")),
    losses: hashFloats([net.lossHistory]),
    eps: hashFloats([net.predict(probePoints(300), 99)]),
    threads: most,
  };
  tr.dispose();
  net.dispose();
  return out;
}

describe("two-thread kernel training", () => {
  const cases: [string, NetworkConfig, number][] = [
    ["default network, batch 256", { width: 128, depth: 3, activation: "silu", embedDim: 32 }, 256],
    [
      "tanh 4x63, batch 601 (slices longer than a tile, odd split)",
      { width: 63, depth: 4, activation: "tanh", embedDim: 16 },
      601,
    ],
  ];
  for (const [name, cfg, batch] of cases) {
    it(`gives the same bits on two threads as on one: ${name}`, async () => {
      const one = await train(cfg, batch, [5, 40, 15], false);
      const two = await train(cfg, batch, [5, 40, 15], true);
      expect(one.threads).toBe(1);
      expect(two.threads).toBe(2);
      expect(two.losses).toBe(one.losses);
      expect(two.weights).toBe(one.weights);
      expect(two.ema).toBe(one.ema);
      expect(two.eps).toBe(one.eps);
    }, 60_000);
  }

  it("starts the helper ahead of training when asked (startThreads)", async () => {
    preferThreads(true);
    const net = createNetwork(problem, { width: 16, depth: 1, activation: "relu", embedDim: 4 }, 3);
    net.compute = "kernel";
    expect(await net.kernel()?.startThreads(20_000)).toBe(2);
    net.dispose();
    // A network without the shared build trains on one thread.
    preferThreads(false);
    const solo = createNetwork(problem, { width: 16, depth: 1, activation: "relu", embedDim: 4 }, 3);
    solo.compute = "kernel";
    expect(await solo.kernel()?.startThreads()).toBe(1);
    solo.dispose();
  });

  it("stays on one thread when the helper cannot even be created, and says why", async () => {
    expect(
      await loadThreading(() => {
        throw new Error("blocked by a policy");
      }),
    ).toBe(true);
    preferThreads(true);
    const net = createNetwork(problem, { width: 16, depth: 1, activation: "relu", embedDim: 4 }, 3);
    net.compute = "kernel";
    const tr = createTrainer(net, problem, { lr: 2e-3, batch: 128, emaDecay: 0.99 });
    expect(await net.kernel()?.startThreads()).toBe(1);
    const r = tr.runChunk(10);
    expect(r.diverged).toBe(false);
    expect(net.lossHistory).toHaveLength(10);
    expect(net.trainingThreads()).toMatch(
      /^1 thread \(the second training thread could not be created \(blocked/,
    );
    tr.dispose();
    net.dispose();
    await loadThreading(nodeHelper);
  });

  it("stays on one thread, with the same result, when the helper fails to start", async () => {
    const cfg: NetworkConfig = { width: 32, depth: 2, activation: "gelu", embedDim: 8 };
    const one = await train(cfg, 128, [30], false);
    let errored = false;
    const broken: HelperHandle = {
      start: () => {},
      onError: (fn) => {
        errored = true;
        fn("it could not be started");
      },
      onReady: () => {},
      terminate: () => {},
    };
    expect(await loadThreading(() => broken)).toBe(true);
    preferThreads(true);
    const net = createNetwork(problem, cfg, 7);
    net.compute = "kernel";
    const tr = createTrainer(net, problem, { lr: 2e-3, batch: 128, emaDecay: 0.99 });
    tr.runChunk(30);
    expect(errored).toBe(true);
    expect(net.kernel()?.trainingThreads()).toBe(1);
    expect(net.kernel()?.threadFailure()).toMatch(/could not be started/);
    expect(hashFloats([net.lossHistory])).toBe(one.losses);
    expect(hashFloats(net.readWeights("raw"))).toBe(one.weights);
    tr.dispose();
    net.dispose();
    await loadThreading(nodeHelper);
  });
});

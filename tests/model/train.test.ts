// The DDPM trainer: determinism, no tensor leaks, divergence detection and checkpoint restore, on
// the wasm-simd kernel (the default on wasm) and on tfjs alike. Kernel vs tfjs: kernel.test.ts.
import { beforeAll, describe, expect, it } from "vitest";
import { createNetwork, createTrainer, numTensors, setupBackend } from "../../src/model";
import { hashFloats, problem, SMALL } from "./helpers";

beforeAll(async () => {
  await setupBackend("wasm");
});

type Compute = "kernel" | "tfjs";

function trainRun(seed: number, chunks: number, steps: number, compute: Compute = "kernel") {
  const net = createNetwork(problem, SMALL, seed);
  net.compute = compute;
  const trainer = createTrainer(net, problem, { lr: 1e-3, batch: 32, emaDecay: 0.999 });
  for (let c = 0; c < chunks; c++) trainer.runChunk(steps);
  const result = {
    weights: hashFloats(net.readWeights("raw")),
    ema: hashFloats(net.readWeights("ema")),
    losses: hashFloats([net.lossHistory]),
    history: [...net.lossHistory],
  };
  trainer.dispose();
  net.dispose();
  return result;
}

describe.each(["kernel", "tfjs"] as const)("training on %s", (compute) => {
  it("is bit-identical for the same seed and backend (weights, EMA and losses)", () => {
    const a = trainRun(7, 3, 20, compute);
    const b = trainRun(7, 3, 20, compute);
    expect(a.weights).toBe(b.weights);
    expect(a.ema).toBe(b.ema);
    expect(a.losses).toBe(b.losses);
    expect(a.history).toHaveLength(60);
  });

  it("gives different networks for different seeds", () => {
    expect(trainRun(1, 1, 10, compute).weights).not.toBe(trainRun(2, 1, 10, compute).weights);
  });

  it("the explicit-transpose dense gradient equals tfjs's built-in one (up to float rounding)", () => {
    const run = (kind: "explicit-transpose" | "builtin") => {
      const net = createNetwork(problem, SMALL, 9);
      net.compute = "tfjs"; // the dense layer is a tfjs thing
      net.denseKind = kind;
      const trainer = createTrainer(net, problem, { lr: 1e-3, batch: 32, emaDecay: 0.999 });
      const losses = Array.from(trainer.runChunk(10).losses);
      const weights = net.readWeights("raw").flatMap((a) => Array.from(a));
      trainer.dispose();
      net.dispose();
      return { losses, weights };
    };
    const a = run("explicit-transpose");
    const b = run("builtin");
    for (let i = 0; i < a.losses.length; i++) expect(a.losses[i]).toBeCloseTo(b.losses[i], 4);
    const maxDiff = Math.max(...a.weights.map((w, i) => Math.abs(w - b.weights[i])));
    expect(maxDiff).toBeLessThan(1e-4);
  });

  it("refuses knobs outside the schema before anything reaches tfjs", () => {
    const before = numTensors();
    const net = createNetwork(problem, SMALL, 0);
    const during = numTensors();
    expect(() => createTrainer(net, problem, { lr: Number.NaN, batch: 32, emaDecay: 0.999 })).toThrow(
      /learning rate/,
    );
    expect(() => createTrainer(net, problem, { lr: 1e-3, batch: 0, emaDecay: 0.999 })).toThrow(/batch size/);
    expect(() => createTrainer(net, problem, { lr: 1e-3, batch: 8, emaDecay: 1 })).toThrow(/EMA decay/);
    expect(numTensors()).toBe(during);
    expect(() => createNetwork(problem, { ...SMALL, width: 0 }, 0)).toThrow(/width/);
    net.dispose();
    expect(numTensors()).toBe(before);
  });

  it("lowers the loss", () => {
    const net = createNetwork(problem, SMALL, 0);
    net.compute = compute;
    const trainer = createTrainer(net, problem, { lr: 3e-3, batch: 64, emaDecay: 0.99 });
    trainer.runChunk(300);
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(net.lossHistory.slice(-50))).toBeLessThan(0.8 * mean(net.lossHistory.slice(0, 20)));
    trainer.dispose();
    net.dispose();
  });

  it("keeps numTensors flat over 1000 steps in chunks", () => {
    const before = numTensors();
    const net = createNetwork(problem, SMALL, 3);
    net.compute = compute;
    const trainer = createTrainer(net, problem, { lr: 1e-3, batch: 8, emaDecay: 0.999 });
    const during = numTensors();
    for (let c = 0; c < 10; c++) trainer.runChunk(100);
    expect(numTensors()).toBe(during);
    expect(net.trainSteps).toBe(1000);
    trainer.dispose();
    net.dispose();
    expect(numTensors()).toBe(before);
  });

  it("detects divergence at a huge learning rate and restores the last good weights", () => {
    const net = createNetwork(problem, SMALL, 5);
    net.compute = compute;
    const trainer = createTrainer(net, problem, { lr: 1e-3, batch: 32, emaDecay: 0.999 });
    const good = trainer.runChunk(20);
    expect(good.diverged).toBe(false);
    const raw = hashFloats(net.readWeights("raw"));
    const ema = hashFloats(net.readWeights("ema"));
    trainer.lr = 1e6;
    let bad = trainer.runChunk(20);
    for (let i = 0; i < 5 && !bad.diverged; i++) bad = trainer.runChunk(20);
    expect(bad.diverged).toBe(true);
    expect(bad.message).toMatch(/lower learning rate/);
    trainer.restore();
    expect(net.trainSteps).toBe(20);
    expect(net.lossHistory).toHaveLength(20);
    const restored = net.readWeights("raw");
    expect(restored.every((a) => a.every(Number.isFinite))).toBe(true);
    expect(hashFloats(restored)).toBe(raw);
    expect(hashFloats(net.readWeights("ema"))).toBe(ema);
    // Training goes on from the restored state at a sane learning rate.
    trainer.lr = 1e-3;
    expect(trainer.runChunk(10).diverged).toBe(false);
    trainer.dispose();
    net.dispose();
  });
});

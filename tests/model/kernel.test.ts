// The wasm-simd kernel against tfjs, the reference (docs/backends.md, "The wasm-simd kernel"):
// predictions within 1e-5 relative (max |kernel - tfjs| <= 1e-5 max |tfjs| over the batch), the
// same training curve up to float rounding over 500 steps, tiling, determinism, and the tfjs
// variables kept in sync (save/load unchanged, no leaked tensors).
import { beforeAll, describe, expect, it } from "vitest";
import type { NetworkConfig } from "../../src/core/config";
import {
  computeLabel,
  createNetwork,
  createTrainer,
  type EpsNetwork,
  kernelActive,
  networkFromSaved,
  numTensors,
  saveNetwork,
  setupBackend,
} from "../../src/model";
import { hashFloats, probePoints, problem } from "./helpers";

beforeAll(async () => {
  await setupBackend("wasm");
});

const ARCHS: NetworkConfig[] = [
  { width: 128, depth: 3, activation: "silu", embedDim: 32 },
  { width: 17, depth: 2, activation: "relu", embedDim: 6 },
  { width: 8, depth: 1, activation: "gelu", embedDim: 2 },
  { width: 63, depth: 4, activation: "tanh", embedDim: 16 },
  { width: 30, depth: 8, activation: "gelu", embedDim: 128 },
];

function pair(cfg: NetworkConfig, seed = 3): [EpsNetwork, EpsNetwork] {
  const ref = createNetwork(problem, cfg, seed);
  ref.compute = "tfjs";
  const ker = createNetwork(problem, cfg, seed);
  ker.compute = "kernel";
  return [ref, ker];
}

/** max |a - b| / max |a|: the error relative to the output's scale. */
function relError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(a[i]));
  }
  return diff / scale;
}

describe("wasm-simd kernel", () => {
  it("is what setupBackend('wasm') turns on, and off for cpu or kernel: false", async () => {
    expect(kernelActive()).toBe(true);
    expect(computeLabel()).toBe("wasm-simd kernel");
    await setupBackend("wasm", { kernel: false });
    expect(kernelActive()).toBe(false);
    expect(computeLabel()).toBe("wasm");
    await setupBackend("wasm");
    expect(kernelActive()).toBe(true);
  });

  for (const cfg of ARCHS) {
    it(`predicts like tfjs: ${cfg.depth}x${cfg.width} ${cfg.activation}, embedding ${cfg.embedDim}`, () => {
      const [ref, ker] = pair(cfg);
      // 600 points: two full tiles of 256 and a partial one.
      const x = probePoints(600);
      for (const t of [0, 17, 250.5, 499]) {
        for (const ema of [true, false]) {
          const a = ref.predict(x, t, ema);
          const b = ker.predict(x, t, ema);
          expect(b).toHaveLength(1200);
          expect(relError(a, b)).toBeLessThan(1e-5);
        }
      }
      expect(ker.predict(new Float64Array(0), 3)).toHaveLength(0);
      ref.dispose();
      ker.dispose();
    });
  }

  it("predicts like tfjs at the largest width and depth (512 x 8)", () => {
    const [ref, ker] = pair({ width: 512, depth: 8, activation: "silu", embedDim: 64 });
    const x = probePoints(300);
    expect(relError(ref.predict(x, 123), ker.predict(x, 123))).toBeLessThan(1e-5);
    ref.dispose();
    ker.dispose();
  });

  for (const cfg of [ARCHS[0], ARCHS[3]]) {
    it(`trains like tfjs over 500 steps: ${cfg.activation} ${cfg.depth}x${cfg.width}`, () => {
      const [ref, ker] = pair(cfg, 5);
      const knobs = { lr: 2e-3, batch: 64, emaDecay: 0.99 };
      const ta = createTrainer(ref, problem, knobs);
      const tb = createTrainer(ker, problem, knobs);
      for (let c = 0; c < 5; c++) {
        ta.runChunk(100);
        tb.runChunk(100);
      }
      expect(ker.lossHistory).toHaveLength(500);
      // The same batches, so the curves agree step by step up to float rounding.
      for (let i = 0; i < 500; i++) {
        expect(Math.abs(ker.lossHistory[i] - ref.lossHistory[i])).toBeLessThan(1e-4 * ref.lossHistory[i]);
      }
      // The first step sees identical weights and batch: only summation order differs.
      expect(Math.abs(ker.lossHistory[0] - ref.lossHistory[0])).toBeLessThan(2e-6 * ref.lossHistory[0]);
      const wa = ref.readWeights("ema");
      const wb = ker.readWeights("ema");
      for (let k = 0; k < wa.length; k++) expect(relError(wa[k], wb[k])).toBeLessThan(1e-3);
      for (const o of [ta, tb, ref, ker]) o.dispose();
    });
  }

  it("tiles a batch larger than one tile (batch 600) like tfjs, and the largest batch (4096) runs", () => {
    const cfg: NetworkConfig = { width: 24, depth: 2, activation: "silu", embedDim: 8 };
    const [ref, ker] = pair(cfg, 9);
    const knobs = { lr: 1e-3, batch: 600, emaDecay: 0.9 };
    const ta = createTrainer(ref, problem, knobs);
    const tb = createTrainer(ker, problem, knobs);
    const la = ta.runChunk(20).losses;
    const lb = tb.runChunk(20).losses;
    for (let i = 0; i < 20; i++) expect(Math.abs(la[i] - lb[i])).toBeLessThan(1e-5 * la[i]);
    const big = createTrainer(ker, problem, { ...knobs, batch: 4096 });
    const r = big.runChunk(2);
    expect(r.diverged).toBe(false);
    expect(r.losses.every((l) => l > 0 && l < 10)).toBe(true);
    for (const o of [ta, tb, big, ref, ker]) o.dispose();
  });

  it("is bit-identical run to run, and the tfjs variables hold its weights after each chunk", () => {
    const run = () => {
      const net = createNetwork(problem, ARCHS[0], 11);
      const tr = createTrainer(net, problem, { lr: 2e-3, batch: 256, emaDecay: 0.999 });
      tr.runChunk(30);
      tr.runChunk(30);
      const eps = net.predict(probePoints(500), 42);
      // Round trip through the saved format: a tfjs-only network gives the same predictions.
      const copy = networkFromSaved(JSON.parse(JSON.stringify(saveNetwork(net))));
      if (!copy.ok) throw new Error(copy.error);
      copy.value.compute = "tfjs";
      const viaTfjs = copy.value.predict(probePoints(500), 42);
      const out = {
        weights: hashFloats(net.readWeights("raw")),
        losses: hashFloats([net.lossHistory]),
        eps: hashFloats([eps]),
        rel: relError(viaTfjs, eps),
      };
      for (const o of [tr, net, copy.value]) o.dispose();
      return out;
    };
    const a = run();
    const b = run();
    expect(b.weights).toBe(a.weights);
    expect(b.losses).toBe(a.losses);
    expect(b.eps).toBe(a.eps);
    expect(a.rel).toBeLessThan(1e-5);
  });

  it("gives the same bits whatever the chunk size, and picks up weights changed between chunks", () => {
    const run = (chunks: number[], edit: boolean) => {
      const net = createNetwork(problem, ARCHS[1], 4);
      const tr = createTrainer(net, problem, { lr: 2e-3, batch: 40, emaDecay: 0.99 });
      for (const [i, c] of chunks.entries()) {
        tr.runChunk(c);
        // Between chunks, weights written through tfjs (as a loaded file or restore would).
        if (edit && i === 0) net.writeWeights("raw", net.readWeights("ema"));
      }
      const out = { losses: [...net.lossHistory], weights: hashFloats(net.readWeights("raw")) };
      tr.dispose();
      net.dispose();
      return out;
    };
    const one = run([60], false);
    const many = run([7, 13, 40], false);
    expect(many.weights).toBe(one.weights);
    expect(hashFloats([many.losses])).toBe(hashFloats([one.losses]));
    // The edit after the first chunk must change what follows (the kernel reloaded the weights).
    const edited = run([7, 13, 40], true);
    expect(edited.losses.slice(0, 7)).toEqual(one.losses.slice(0, 7));
    expect(edited.losses[7]).not.toBe(one.losses[7]);
    const [ref, ker] = pair(ARCHS[1], 4);
    const ta = createTrainer(ref, problem, { lr: 2e-3, batch: 40, emaDecay: 0.99 });
    const tb = createTrainer(ker, problem, { lr: 2e-3, batch: 40, emaDecay: 0.99 });
    for (const [net, tr] of [
      [ref, ta],
      [ker, tb],
    ] as const) {
      tr.runChunk(7);
      net.writeWeights("raw", net.readWeights("ema"));
      tr.runChunk(13);
    }
    for (let i = 0; i < 20; i++) {
      expect(Math.abs(ker.lossHistory[i] - ref.lossHistory[i])).toBeLessThan(1e-4 * ref.lossHistory[i]);
    }
    expect(ker.lossHistory[7]).toBeCloseTo(edited.losses[7], 5);
    for (const o of [ta, tb, ref, ker]) o.dispose();
  });

  it("restores the last checkpoint after a diverged kernel chunk and leaks no tensors", () => {
    const before = numTensors();
    const net = createNetwork(problem, ARCHS[1], 2);
    const tr = createTrainer(net, problem, { lr: 1e-3, batch: 32, emaDecay: 0.99 });
    tr.runChunk(10);
    const good = hashFloats(net.readWeights("raw"));
    const goodEps = net.predict(probePoints(50), 7);
    tr.lr = 10; // explodes
    const r = tr.runChunk(50);
    expect(r.diverged).toBe(true);
    tr.restore();
    expect(hashFloats(net.readWeights("raw"))).toBe(good);
    expect(net.trainSteps).toBe(10);
    // The kernel reloads the restored weights before predicting.
    expect(hashFloats([net.predict(probePoints(50), 7)])).toBe(hashFloats([goodEps]));
    tr.dispose();
    net.dispose();
    expect(numTensors()).toBe(before);
  });
});

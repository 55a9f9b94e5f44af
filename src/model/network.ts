// The eps network: an MLP on [x (2), sinusoidal embedding of t] (docs/math.md, "Training
// objective"), with raw and exponentially averaged (EMA) weights. Exposed to core as a plain
// NoisePredictor. The weights live in tfjs variables; the wasm-simd kernel (./kernel/) computes on
// a copy when it is active (docs/backends.md, "The wasm-simd kernel").

import {
  type NetworkConfig,
  NetworkSchema,
  type ProblemConfig,
  ProblemSchema,
  parseWith,
} from "../core/config";
import type { Standardizer } from "../core/data";
import { Rng, STREAM } from "../core/random";
import type { NoisePredictor } from "../core/types";
import { embeddingRow, networkInput, timestepTable } from "./embedding";
import { kernelActive, kernelModule, kernelThreading, threadsBlocker } from "./kernel/load";
import { KernelNet } from "./kernel/net";
import { activate, type DenseKind, dense } from "./layers";
import { StackParity, stackParityOn } from "./stackParity";
import * as tf from "./tf";

/** [rows, cols] of every weight tensor in order W0, b0, W1, b1, ... (b has rows = 1). */
export function weightShapes(cfg: NetworkConfig): [number, number][] {
  const shapes: [number, number][] = [];
  let fanIn = 2 + cfg.embedDim;
  for (let i = 0; i <= cfg.depth; i++) {
    const fanOut = i === cfg.depth ? 2 : cfg.width;
    shapes.push([fanIn, fanOut], [1, fanOut]);
    fanIn = fanOut;
  }
  return shapes;
}

/**
 * Initial weights from the seed's init stream: U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for weights and
 * biases (PyTorch's Linear default), so the same seed gives the same network on every backend.
 */
export function initialWeights(cfg: NetworkConfig, seed: number): Float32Array[] {
  const rng = new Rng(seed, STREAM.init);
  const shapes = weightShapes(cfg);
  return shapes.map(([rows, cols], k) => {
    const fanIn = k % 2 === 0 ? rows : shapes[k - 1][0];
    const bound = 1 / Math.sqrt(fanIn);
    const out = new Float32Array(rows * cols);
    for (let i = 0; i < out.length; i++) out[i] = (2 * rng.uniform() - 1) * bound;
    return out;
  });
}

export interface NetworkMeta {
  config: NetworkConfig;
  problem: ProblemConfig;
  standardizer: Standardizer;
  /** Name of the dataset the network was trained on. */
  dataset: string;
  /** Seed the weights were initialised (and the batches drawn) with. */
  seed: number;
}

export interface TrainSettings {
  lr: number;
  batch: number;
  emaDecay: number;
  backend: string;
}

export class EpsNetwork {
  readonly config: NetworkConfig;
  readonly problem: ProblemConfig;
  readonly standardizer: Standardizer;
  readonly dataset: string;
  readonly seed: number;
  /** Training steps taken so far. */
  trainSteps = 0;
  /** Loss of every training step so far. */
  lossHistory: number[] = [];
  /** The knobs it was trained with (recorded in the saved file), when known. */
  trainSettings?: TrainSettings;
  /**
   * Dense gradient: "auto" uses the explicit transposes except on cpu, where tfjs's built-in
   * gradient is faster (docs/backends.md). The two give the same function up to float rounding.
   */
  denseKind: DenseKind | "auto" = "auto";
  /**
   * Who computes predictions and training steps: "auto" = the wasm-simd kernel when setupBackend
   * loaded it (the default on wasm), else tfjs; "kernel" or "tfjs" force one (tests, the bench).
   */
  compute: "auto" | "kernel" | "tfjs" = "auto";
  /** Bumped whenever the tfjs weights change, so the kernel's copy knows when to reload. */
  version = 0;
  private kernelNet: KernelNet | null = null;
  private readonly kernelLoaded = { raw: -1, ema: -1 };
  readonly raw: tf.Variable[];
  readonly ema: tf.Variable[];
  private readonly table: Float32Array;
  private disposed = false;
  private readonly parity = new StackParity();

  constructor(meta: NetworkMeta, raw?: Float32Array[], ema?: Float32Array[]) {
    const config = parseWith(NetworkSchema, meta.config);
    if (!config.ok) throw new RangeError(config.error);
    const problem = parseWith(ProblemSchema, meta.problem);
    if (!problem.ok) throw new RangeError(problem.error);
    this.config = meta.config;
    this.problem = meta.problem;
    this.standardizer = meta.standardizer;
    this.dataset = meta.dataset;
    this.seed = meta.seed;
    this.table = timestepTable(meta.problem.T, meta.config.embedDim);
    const init = raw ?? initialWeights(meta.config, meta.seed);
    const shapes = weightShapes(meta.config);
    const make = (arrays: Float32Array[]) =>
      // tidy frees the initial tensor; the variable keeps its own reference to the data.
      arrays.map((a, k) =>
        tf.tidy(() => tf.variable(tf.tensor(a, shapes[k][0] === 1 ? [shapes[k][1]] : shapes[k]))),
      );
    this.raw = make(init);
    this.ema = make(ema ?? init);
  }

  get paramCount(): number {
    return weightShapes(this.config).reduce((s, [r, c]) => s + r * c, 0);
  }

  /** eps_theta for an input batch [n, 2 + embedDim]. Call inside tf.tidy. */
  forward(
    input: tf.Tensor2D,
    useEma: boolean,
    weights: tf.Tensor[] = useEma ? this.ema : this.raw,
  ): tf.Tensor2D {
    let h = input;
    const layers = weights.length / 2;
    const kind =
      this.denseKind === "auto"
        ? tf.getBackend() === "cpu"
          ? "builtin"
          : "explicit-transpose"
        : this.denseKind;
    for (let i = 0; i < layers; i++) {
      h = dense(h, weights[2 * i] as tf.Tensor2D, weights[2 * i + 1] as tf.Tensor1D, kind);
      if (i < layers - 1) h = activate(h, this.config.activation);
    }
    return h;
  }

  /** The input rows for points x at one timestep t, or at per-point timesteps. */
  input(x: ArrayLike<number>, t: number | ArrayLike<number>): Float32Array {
    const E = this.config.embedDim;
    if (typeof t === "number") {
      const row = embeddingRow(this.table, t, E);
      return networkInput(x, () => row, E);
    }
    return networkInput(x, (i) => embeddingRow(this.table, t[i], E), E);
  }

  /** The embedding row of timestep t (a view on the table for integer t: do not modify). */
  embedding(t: number): Float32Array {
    return embeddingRow(this.table, t, this.config.embedDim);
  }

  /** The kernel copy of this network when the kernel computes for it, else null. */
  kernel(): KernelNet | null {
    if (this.compute === "tfjs" || (this.compute === "auto" && !kernelActive())) return null;
    const module = kernelModule();
    if (!module) throw new Error("the wasm-simd kernel is not loaded (call setupBackend first)");
    this.kernelNet ??= new KernelNet(module, this.config, kernelThreading());
    return this.kernelNet;
  }

  /**
   * Gets the kernel's second training thread ready, where it can run (docs/backends.md, "Two
   * threads"); resolves when it is up, or failed, or after a few seconds.
   */
  async prepareTraining(): Promise<void> {
    await this.kernel()?.startThreads();
  }

  /**
   * How many threads train this network, and why only one: "2 threads", "1 thread (the page is
   * not cross-origin isolated ...)"; null when tfjs computes (threads do not apply).
   */
  trainingThreads(): string | null {
    const kn = this.kernel();
    if (!kn) return null;
    if (kn.trainingThreads() === 2) return "2 threads";
    const why = kn.threadFailure() ?? threadsBlocker() ?? (kernelThreading() ? null : "one thread chosen");
    return why ? `1 thread (${why})` : "1 thread";
  }

  /** Marks the kernel's copy of raw/EMA as equal to the tfjs weights (after a kernel chunk). */
  kernelSynced(): void {
    this.kernelLoaded.raw = this.version;
    this.kernelLoaded.ema = this.version;
  }

  /** eps_theta(x, t) for n points (interleaved, model coordinates) at one t. */
  predict(x: Float64Array, t: number, useEma = true): Float64Array {
    this.assertLive();
    const kn = this.kernel();
    if (kn) {
      const set = useEma ? "ema" : "raw";
      if (this.kernelLoaded[set] !== this.version) {
        kn.writeParams(set, this.readWeights(set));
        this.kernelLoaded[set] = this.version;
      }
      return kn.predict(x, this.embedding(t), set);
    }
    const n = x.length / 2;
    const input = this.input(x, t);
    const run = () => tf.tidy(() => this.forward(tf.tensor2d(input, [n, 2 + this.config.embedDim]), useEma));
    // The stack-parity workaround (StackParity) where it applies: tfjs-wasm.
    const out = stackParityOn() && tf.getBackend() === "wasm" ? this.parity.run(run) : run();
    // dataSync may return the tensor's own storage on cpu: copy before disposing.
    const result = Float64Array.from(out.dataSync());
    out.dispose();
    return result;
  }

  /** The network as core's NoisePredictor; the EMA weights by default (docs/math.md, "Samplers"). */
  predictor(useEma = true): NoisePredictor {
    return (x, t) => this.predict(x, t, useEma);
  }

  /** A copy of the raw or EMA weights as plain arrays (W0, b0, W1, b1, ...). */
  readWeights(which: "raw" | "ema"): Float32Array[] {
    this.assertLive();
    return (which === "raw" ? this.raw : this.ema).map((v) => Float32Array.from(v.dataSync()));
  }

  writeWeights(which: "raw" | "ema", arrays: Float32Array[]): void {
    this.assertLive();
    const vars = which === "raw" ? this.raw : this.ema;
    this.version++;
    for (let k = 0; k < vars.length; k++) {
      tf.tidy(() => vars[k].assign(tf.tensor(arrays[k], vars[k].shape)));
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.kernelNet?.dispose();
    this.kernelNet = null;
    for (const v of [...this.raw, ...this.ema]) v.dispose();
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  private assertLive(): void {
    if (this.disposed) throw new Error("this network has been disposed");
  }
}

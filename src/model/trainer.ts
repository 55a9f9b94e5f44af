// DDPM training (docs/math.md, "Training objective"):
// loss = mean_b ||eps - eps_theta(sqrt(abar_t) x0 + sqrt(1-abar_t) eps, t)||^2, Adam written out on
// tf variables (its state can then be checkpointed synchronously), an EMA of the weights for
// sampling, batches drawn from the seeded Rng, the loss read back once per chunk. When the
// wasm-simd kernel is active a chunk runs there instead, on the same batches, and the weights and
// Adam state go back into the tf variables at the end of the chunk (docs/backends.md).

import { parseWith, TrainSchema } from "../core/config";
import { Rng, STREAM } from "../core/random";
import type { Schedule } from "../core/schedule";
import type { KernelNet, StepConstants } from "./kernel/net";
import type { EpsNetwork } from "./network";
import * as tf from "./tf";

export interface TrainerOptions {
  lr: number;
  batch: number;
  /** Target EMA decay; early on the decay is min(emaDecay, (1+k)/(10+k)) so the average forgets the init. */
  emaDecay: number;
  /** Optional learning-rate schedule by step index (for experiments); constant lr when absent. */
  lrAt?: (step: number) => number;
  /** A chunk whose loss exceeds this (or is not finite) counts as diverged. */
  divergenceLoss?: number;
}

export interface ChunkResult {
  /** Loss of every step of the chunk. */
  losses: Float32Array;
  /** True when a loss or a weight went non-finite or the loss exploded: call restore(). */
  diverged: boolean;
  /** Why the chunk counts as diverged, for the user. */
  message?: string;
  /** Total good training steps of the network after the chunk. */
  step: number;
  ms: number;
  stepsPerSecond: number;
}

interface Checkpoint {
  raw: Float32Array[];
  ema: Float32Array[];
  m: Float32Array[];
  v: Float32Array[];
  adamStep: number;
  trainSteps: number;
  historyLength: number;
}

const BETA1 = 0.9;
const BETA2 = 0.999;
const ADAM_EPS = 1e-8;
export const DEFAULT_DIVERGENCE_LOSS = 1e3;

export class Trainer {
  lr: number;
  readonly batch: number;
  readonly emaDecay: number;
  private readonly lrAt?: (step: number) => number;
  private readonly divergenceLoss: number;
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];
  private adamStep = 0;
  private readonly rng: Rng;
  private readonly sqrtAbar: Float64Array;
  private readonly sqrt1mAbar: Float64Array;
  private last: Checkpoint | null = null;
  /** net.version at which the kernel's copy of weights, EMA and Adam state is this trainer's (-1: not). */
  private kernelHolds = -1;
  /** The state a kernel chunk just wrote back, so checkpoint() need not read tfjs again. */
  private fresh: Omit<Checkpoint, "adamStep" | "trainSteps" | "historyLength"> | null = null;
  private disposed = false;

  /** data: training points in model coordinates (interleaved); schedule: the problem's. */
  constructor(
    readonly net: EpsNetwork,
    private readonly data: Float64Array,
    schedule: Schedule,
    opts: TrainerOptions,
  ) {
    if (schedule.T !== net.problem.T)
      throw new Error(`schedule T=${schedule.T} but the network has T=${net.problem.T}`);
    // The engine and CLI validate with core's schemas; this guards direct callers of the model API.
    const knobs = parseWith(TrainSchema.pick({ lr: true, batch: true, emaDecay: true }), opts);
    if (!knobs.ok) throw new RangeError(knobs.error);
    if (data.length < 2 || data.length % 2 !== 0)
      throw new RangeError("training needs at least one 2-D point");
    this.lr = opts.lr;
    this.batch = opts.batch;
    this.emaDecay = opts.emaDecay;
    this.lrAt = opts.lrAt;
    this.divergenceLoss = opts.divergenceLoss ?? DEFAULT_DIVERGENCE_LOSS;
    this.m = net.raw.map((w) => tf.tidy(() => tf.variable(tf.zerosLike(w), false)));
    this.v = net.raw.map((w) => tf.tidy(() => tf.variable(tf.zerosLike(w), false)));
    // A network loaded after k steps continues on a different, still seeded, batch stream.
    this.rng = new Rng(net.seed + net.trainSteps, STREAM.batch);
    this.sqrtAbar = schedule.abar.map(Math.sqrt);
    this.sqrt1mAbar = schedule.abar.map((a) => Math.sqrt(1 - a));
    this.checkpoint();
  }

  /**
   * Draws one batch into x (rows [x_t, emb(t)] of stride xStride from xOff; x_t computed in
   * float64, stored as float32) and eps (rows of stride epsStride from epsOff). The tfjs and
   * kernel paths share it, so both train on exactly the same batches.
   */
  private drawInto(
    x: Float32Array,
    xOff: number,
    xStride: number,
    eps: Float32Array,
    epsOff: number,
    epsStride: number,
  ): void {
    const n = this.data.length / 2;
    const T = this.net.problem.T;
    for (let i = 0; i < this.batch; i++) {
      const j = this.rng.int(n);
      const t = this.rng.int(T);
      const e0 = this.rng.gaussian();
      const e1 = this.rng.gaussian();
      const row = xOff + i * xStride;
      x[row] = this.sqrtAbar[t] * this.data[2 * j] + this.sqrt1mAbar[t] * e0;
      x[row + 1] = this.sqrtAbar[t] * this.data[2 * j + 1] + this.sqrt1mAbar[t] * e1;
      x.set(this.net.embedding(t), row + 2);
      eps[epsOff + i * epsStride] = e0;
      eps[epsOff + i * epsStride + 1] = e1;
    }
  }

  /** Draws one batch: the noised inputs [B, 2+E] and the target eps [B, 2], both float32. */
  private drawBatch(): { input: Float32Array; eps: Float32Array } {
    const d = 2 + this.net.config.embedDim;
    const input = new Float32Array(this.batch * d);
    const eps = new Float32Array(2 * this.batch);
    this.drawInto(input, 0, d, eps, 0, 2);
    return { input, eps };
  }

  /** The float32 Adam and EMA constants of the next step (done = the network's step count after it). */
  private constants(done: number): StepConstants {
    const lr = this.lrAt ? this.lrAt(done - 1) : this.lr;
    this.adamStep++;
    const k = this.adamStep;
    const d = Math.min(this.emaDecay, (1 + done) / (10 + done));
    const f = Math.fround;
    return {
      b1: f(BETA1),
      c1: f(1 - BETA1),
      b2: f(BETA2),
      c2: f(1 - BETA2),
      eps: f(ADAM_EPS),
      lrT: f((lr * Math.sqrt(1 - BETA2 ** k)) / (1 - BETA1 ** k)),
      d: f(d),
      cd: f(1 - d),
    };
  }

  /**
   * A chunk on the kernel: tfjs state in (skipped when the kernel already holds this trainer's
   * state: nothing changed the weights since its last chunk), `steps` steps, tfjs state out.
   */
  private kernelChunk(kn: KernelNet, steps: number): { losses: Float32Array; weightsFinite: boolean } {
    const read = (vars: tf.Variable[]) => vars.map((x) => Float32Array.from(x.dataSync()));
    if (kn.owner !== this || this.kernelHolds !== this.net.version) {
      kn.writeParams("raw", this.net.readWeights("raw"));
      kn.writeParams("ema", this.net.readWeights("ema"));
      kn.writeParams("m", read(this.m));
      kn.writeParams("v", read(this.v));
    }
    kn.owner = this;
    this.kernelHolds = -1; // until the write-back below completes
    const losses = new Float32Array(steps);
    for (let s = 0; s < steps; s++) {
      const c = this.constants(this.net.trainSteps + s + 1);
      const at = kn.batch(this.batch);
      const mem = kn.f32();
      this.drawInto(mem, at.x, at.xStride, mem, at.eps, 4);
      losses[s] = kn.trainStep(this.batch, c);
    }
    const state = {
      raw: kn.readParams("raw"),
      ema: kn.readParams("ema"),
      m: kn.readParams("m"),
      v: kn.readParams("v"),
    };
    this.net.writeWeights("raw", state.raw);
    this.net.writeWeights("ema", state.ema);
    const write = (vars: tf.Variable[], arrays: Float32Array[]) =>
      vars.forEach((x, k) => {
        tf.tidy(() => x.assign(tf.tensor(arrays[k], x.shape)));
      });
    write(this.m, state.m);
    write(this.v, state.v);
    this.net.kernelSynced();
    this.kernelHolds = this.net.version;
    // Copies: on tfjs's cpu backend a tensor may keep the array it was made from.
    this.fresh = {
      raw: state.raw.map((a) => a.slice()),
      ema: state.ema.map((a) => a.slice()),
      m: state.m.map((a) => a.slice()),
      v: state.v.map((a) => a.slice()),
    };
    return { losses, weightsFinite: kn.rawFinite() };
  }

  /** One Adam step + EMA update (done = the network's step count after it); returns the kept loss. */
  private step(done: number): tf.Scalar {
    const { input, eps } = this.drawBatch();
    const B = this.batch;
    const E = this.net.config.embedDim;
    const { lrT, d, cd } = this.constants(done);
    return tf.tidy(() => {
      const x = tf.tensor2d(input, [B, 2 + E]);
      const target = tf.tensor2d(eps, [B, 2]);
      const { value, grads } = tf.variableGrads(
        () => tf.mean(tf.sum(tf.square(tf.sub(this.net.forward(x, false), target)), 1)) as tf.Scalar,
        this.net.raw,
      );
      this.net.raw.forEach((w, i) => {
        const g = grads[w.name];
        const m = this.m[i];
        const v = this.v[i];
        m.assign(tf.add(tf.mul(m, BETA1), tf.mul(g, 1 - BETA1)));
        v.assign(tf.add(tf.mul(v, BETA2), tf.mul(tf.square(g), 1 - BETA2)));
        w.assign(tf.sub(w, tf.mul(tf.div(m, tf.add(tf.sqrt(v), ADAM_EPS)), lrT)));
        const e = this.net.ema[i];
        e.assign(tf.add(tf.mul(e, d), tf.mul(w, cd)));
      });
      return tf.keep(value);
    });
  }

  /**
   * Runs `steps` training steps and reads the losses back once. A good chunk is appended to the
   * network's history and checkpointed; a diverged one is not: call restore() to go back.
   */
  runChunk(steps: number): ChunkResult {
    if (this.disposed || this.net.isDisposed) throw new Error("this trainer has been disposed");
    const t0 = performance.now();
    const kn = this.net.kernel();
    const { losses: lossArr, weightsFinite } = kn ? this.kernelChunk(kn, steps) : this.tfjsChunk(steps);
    const ms = performance.now() - t0;
    let message: string | undefined;
    const bad = lossArr.findIndex((l) => !Number.isFinite(l) || l > this.divergenceLoss);
    if (bad >= 0) {
      const l = lossArr[bad];
      message = `training diverged: the loss became ${Number.isFinite(l) ? `${l.toPrecision(3)} (too large)` : "not a number"} at step ${this.net.trainSteps + bad + 1}; the last good weights can be restored, then try a lower learning rate`;
    } else if (!weightsFinite) {
      message = "training diverged: some weights became non-finite; try a lower learning rate";
    }
    if (!message) {
      this.net.trainSteps += steps;
      for (const l of lossArr) this.net.lossHistory.push(l);
      this.checkpoint();
    }
    return {
      losses: lossArr,
      diverged: message !== undefined,
      message,
      step: this.net.trainSteps,
      ms,
      stepsPerSecond: (steps * 1000) / Math.max(ms, 1e-9),
    };
  }

  /** A chunk on tfjs: the losses stay tensors until one readback at the end. */
  private tfjsChunk(steps: number): { losses: Float32Array; weightsFinite: boolean } {
    const losses: tf.Scalar[] = [];
    for (let s = 0; s < steps; s++) losses.push(this.step(this.net.trainSteps + s + 1));
    this.net.version++; // the variables were assigned directly
    // One readback: the chunk's losses followed by a weight-magnitude sum (NaN/Inf if any weight is).
    const all = tf.tidy(() =>
      tf.concat([tf.stack(losses), tf.stack(this.net.raw.map((w) => tf.sum(tf.abs(w))))]),
    );
    const values = all.dataSync();
    const lossArr = Float32Array.from(values.subarray(0, steps));
    const weightsFinite = Array.from(values.subarray(steps)).every(Number.isFinite);
    all.dispose();
    for (const l of losses) l.dispose();
    return { losses: lossArr, weightsFinite };
  }

  /** Saves weights, EMA and Adam state (runChunk does this after every good chunk). */
  checkpoint(): void {
    const read = (vars: tf.Variable[]) => vars.map((x) => Float32Array.from(x.dataSync()));
    // After a kernel chunk the state it wrote back is at hand (unless something changed since).
    const fresh = this.fresh && this.kernelHolds === this.net.version ? this.fresh : null;
    this.fresh = null;
    this.last = {
      raw: fresh?.raw ?? read(this.net.raw),
      ema: fresh?.ema ?? read(this.net.ema),
      m: fresh?.m ?? read(this.m),
      v: fresh?.v ?? read(this.v),
      adamStep: this.adamStep,
      trainSteps: this.net.trainSteps,
      historyLength: this.net.lossHistory.length,
    };
  }

  /** Goes back to the last checkpoint (weights, EMA, Adam state, step count, loss history). */
  restore(): void {
    const c = this.last;
    if (!c) return;
    this.net.writeWeights("raw", c.raw);
    this.net.writeWeights("ema", c.ema);
    const write = (vars: tf.Variable[], arrays: Float32Array[]) =>
      vars.forEach((x, k) => {
        tf.tidy(() => x.assign(tf.tensor(arrays[k], x.shape)));
      });
    write(this.m, c.m);
    write(this.v, c.v);
    this.adamStep = c.adamStep;
    this.net.trainSteps = c.trainSteps;
    this.net.lossHistory.length = c.historyLength;
  }

  /** Frees the Adam state (the network itself belongs to the caller). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const x of [...this.m, ...this.v]) x.dispose();
  }
}

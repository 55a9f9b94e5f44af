// DDPM training (SPEC section 4): loss = mean_b ||eps - eps_theta(sqrt(abar_t) x0 + sqrt(1-abar_t) eps, t)||^2,
// Adam written out on tf variables (its state can then be checkpointed synchronously), an EMA of
// the weights for sampling, batches drawn from the seeded Rng, the loss read back once per chunk.
import * as tf from "@tensorflow/tfjs";
import { parseWith, TrainSchema } from "../core/config";
import { Rng, STREAM } from "../core/random";
import type { Schedule } from "../core/schedule";
import type { EpsNetwork } from "./network";

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

  /** Draws one batch: the noised inputs [B, 2+E] and the target eps [B, 2], both float32. */
  private drawBatch(): { input: Float32Array; eps: Float32Array } {
    const B = this.batch;
    const n = this.data.length / 2;
    const T = this.net.problem.T;
    const xt = new Float64Array(2 * B);
    const ts = new Int32Array(B);
    const eps = new Float32Array(2 * B);
    for (let i = 0; i < B; i++) {
      const j = this.rng.int(n);
      const t = this.rng.int(T);
      const e0 = this.rng.gaussian();
      const e1 = this.rng.gaussian();
      ts[i] = t;
      eps[2 * i] = e0;
      eps[2 * i + 1] = e1;
      xt[2 * i] = this.sqrtAbar[t] * this.data[2 * j] + this.sqrt1mAbar[t] * e0;
      xt[2 * i + 1] = this.sqrtAbar[t] * this.data[2 * j + 1] + this.sqrt1mAbar[t] * e1;
    }
    return { input: this.net.input(xt, ts), eps };
  }

  /** One Adam step + EMA update (done = the network's step count after it); returns the kept loss. */
  private step(done: number): tf.Scalar {
    const { input, eps } = this.drawBatch();
    const B = this.batch;
    const E = this.net.config.embedDim;
    const lr = this.lrAt ? this.lrAt(done - 1) : this.lr;
    this.adamStep++;
    const k = this.adamStep;
    const lrT = (lr * Math.sqrt(1 - BETA2 ** k)) / (1 - BETA1 ** k);
    const d = Math.min(this.emaDecay, (1 + done) / (10 + done));
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
        e.assign(tf.add(tf.mul(e, d), tf.mul(w, 1 - d)));
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
    const losses: tf.Scalar[] = [];
    for (let s = 0; s < steps; s++) losses.push(this.step(this.net.trainSteps + s + 1));
    // One readback: the chunk's losses followed by a weight-magnitude sum (NaN/Inf if any weight is).
    const all = tf.tidy(() =>
      tf.concat([tf.stack(losses), tf.stack(this.net.raw.map((w) => tf.sum(tf.abs(w))))]),
    );
    const values = all.dataSync();
    const lossArr = Float32Array.from(values.subarray(0, steps));
    const weightsFinite = Array.from(values.subarray(steps)).every(Number.isFinite);
    all.dispose();
    for (const l of losses) l.dispose();
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

  /** Saves weights, EMA and Adam state (runChunk does this after every good chunk). */
  checkpoint(): void {
    const read = (vars: tf.Variable[]) => vars.map((x) => Float32Array.from(x.dataSync()));
    this.last = {
      raw: read(this.net.raw),
      ema: read(this.net.ema),
      m: read(this.m),
      v: read(this.v),
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

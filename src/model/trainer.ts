// DDPM training (docs/math.md, "Training objective"):
// loss = mean_b ||eps - eps_theta(sqrt(abar_t) x0 + sqrt(1-abar_t) eps, t)||^2, Adam written out on
// tf variables (its state can then be checkpointed synchronously; adam.ts), an EMA of the weights
// for sampling, batches drawn from the seeded Rng (batches.ts), the loss read back once per chunk.
// When the wasm-simd kernel is active a chunk runs there instead, on the same batches, and the
// weights and Adam state go back into the tf variables at the end of the chunk (docs/backends.md).
// This file is the run around the steps: chunks, divergence, checkpoint and restore.

import { parseWith, TrainSchema } from "../core/config";
import type { Schedule } from "../core/schedule";
import { adamConstants, assignVariables, readVariables, tfjsAdamStep } from "./adam";
import { BatchStream } from "./batches";
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
  private readonly batches: BatchStream;
  private last: Checkpoint | null = null;
  /** net.version at which the kernel's copy of weights, EMA and Adam state is this trainer's (-1: not). */
  private kernelHolds = -1;
  /** The state a kernel chunk just wrote back, so checkpoint() need not read tfjs again. */
  private fresh: Omit<Checkpoint, "adamStep" | "trainSteps" | "historyLength"> | null = null;
  private disposed = false;

  /** data: training points in model coordinates (interleaved); schedule: the problem's. */
  constructor(
    readonly net: EpsNetwork,
    data: Float64Array,
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
    this.batches = new BatchStream(net, data, schedule);
    this.checkpoint();
  }

  /** The float32 Adam and EMA constants of the next step (done = the network's step count after it). */
  private constants(done: number): StepConstants {
    const lr = this.lrAt ? this.lrAt(done - 1) : this.lr;
    this.adamStep++;
    return adamConstants(lr, this.adamStep, Math.min(this.emaDecay, (1 + done) / (10 + done)));
  }

  /**
   * A chunk on the kernel: tfjs state in (skipped when the kernel already holds this trainer's
   * state: nothing changed the weights since its last chunk), `steps` steps, tfjs state out.
   */
  private kernelChunk(kn: KernelNet, steps: number): { losses: Float32Array; weightsFinite: boolean } {
    if (kn.owner !== this || this.kernelHolds !== this.net.version) {
      kn.writeParams("raw", this.net.readWeights("raw"));
      kn.writeParams("ema", this.net.readWeights("ema"));
      kn.writeParams("m", readVariables(this.m));
      kn.writeParams("v", readVariables(this.v));
    }
    kn.owner = this;
    this.kernelHolds = -1; // until the write-back below completes
    const losses = new Float32Array(steps);
    for (let s = 0; s < steps; s++) {
      const c = this.constants(this.net.trainSteps + s + 1);
      const at = kn.batch(this.batch);
      const mem = kn.f32();
      this.batches.drawInto(this.batch, mem, at.x, at.xStride, mem, at.eps, 4);
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
    assignVariables(this.m, state.m);
    assignVariables(this.v, state.v);
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
    const { input, eps } = this.batches.draw(this.batch);
    return tfjsAdamStep(this.net, this.m, this.v, { input, eps, B: this.batch }, this.constants(done));
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
    // After a kernel chunk the state it wrote back is at hand (unless something changed since).
    const fresh = this.fresh && this.kernelHolds === this.net.version ? this.fresh : null;
    this.fresh = null;
    this.last = {
      raw: fresh?.raw ?? readVariables(this.net.raw),
      ema: fresh?.ema ?? readVariables(this.net.ema),
      m: fresh?.m ?? readVariables(this.m),
      v: fresh?.v ?? readVariables(this.v),
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
    assignVariables(this.m, c.m);
    assignVariables(this.v, c.v);
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

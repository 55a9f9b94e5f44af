// Adam with an EMA of the weights (docs/math.md, "Training objective"), written out on tf
// variables rather than a tf optimizer: its moments are then plain variables that the trainer can
// checkpoint synchronously and hand to the wasm-simd kernel and back (docs/backends.md). The
// float32 constants of a step are computed once here, so the tfjs step and the kernel's step use
// the same numbers.
import type { StepConstants } from "./kernel/net";
import type { EpsNetwork } from "./network";
import * as tf from "./tf";

export const BETA1 = 0.9;
export const BETA2 = 0.999;
export const ADAM_EPS = 1e-8;

/**
 * The float32 constants of Adam step k (1-based, for the bias correction folded into lrT) at
 * learning rate lr, and of the EMA with decay d.
 */
export function adamConstants(lr: number, k: number, d: number): StepConstants {
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

/** Float32 copies of the variables' values (copies: tfjs may hand out its own storage). */
export function readVariables(vars: tf.Variable[]): Float32Array[] {
  return vars.map((x) => Float32Array.from(x.dataSync()));
}

/** Assigns each variable the array of the same index (shapes as the variables'). */
export function assignVariables(vars: tf.Variable[], arrays: Float32Array[]): void {
  vars.forEach((x, k) => {
    tf.tidy(() => x.assign(tf.tensor(arrays[k], x.shape)));
  });
}

/**
 * One tfjs step on a drawn batch (input [B, 2+E], target eps [B, 2]): the loss
 * mean_b ||eps - eps_theta||^2, its gradient, the Adam update of net.raw with moments m and v, and
 * the EMA update of net.ema. Returns the loss, kept (the caller disposes it).
 */
export function tfjsAdamStep(
  net: EpsNetwork,
  m: tf.Variable[],
  v: tf.Variable[],
  batch: { input: Float32Array; eps: Float32Array; B: number },
  c: Pick<StepConstants, "lrT" | "d" | "cd">,
): tf.Scalar {
  const { input, eps, B } = batch;
  const E = net.config.embedDim;
  const { lrT, d, cd } = c;
  return tf.tidy(() => {
    const x = tf.tensor2d(input, [B, 2 + E]);
    const target = tf.tensor2d(eps, [B, 2]);
    const { value, grads } = tf.variableGrads(
      () => tf.mean(tf.sum(tf.square(tf.sub(net.forward(x, false), target)), 1)) as tf.Scalar,
      net.raw,
    );
    net.raw.forEach((w, i) => {
      const g = grads[w.name];
      const mi = m[i];
      const vi = v[i];
      mi.assign(tf.add(tf.mul(mi, BETA1), tf.mul(g, 1 - BETA1)));
      vi.assign(tf.add(tf.mul(vi, BETA2), tf.mul(tf.square(g), 1 - BETA2)));
      w.assign(tf.sub(w, tf.mul(tf.div(mi, tf.add(tf.sqrt(vi), ADAM_EPS)), lrT)));
      const e = net.ema[i];
      e.assign(tf.add(tf.mul(e, d), tf.mul(w, cd)));
    });
    return tf.keep(value);
  });
}

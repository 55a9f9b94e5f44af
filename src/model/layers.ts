// The dense layer and activations of the eps network.

import type { NetworkConfig } from "../core/config";
import * as tf from "./tf";

/**
 * y = x W + b with a gradient that transposes explicitly. On tfjs-wasm 4.22 a matMul with
 * transposeA/transposeB is ~10x slower than transpose + plain matMul, and the built-in matMul
 * gradient uses the flags (numbers in docs/backends.md, "The dense layer's gradient").
 */
const denseFast = tf.customGrad((...args: unknown[]) => {
  const [x, w, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
  save([x, w]);
  return {
    value: tf.add(tf.matMul(x, w), b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ws] = saved as [tf.Tensor2D, tf.Tensor2D];
      const dy2 = dy as tf.Tensor2D;
      return [tf.matMul(dy2, tf.transpose(ws)), tf.matMul(tf.transpose(xs), dy2), tf.sum(dy2, 0)];
    },
  };
});

/** Which dense implementation to use; "builtin" exists only to measure the difference. */
export type DenseKind = "explicit-transpose" | "builtin";

export function dense(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, kind: DenseKind): tf.Tensor2D {
  if (kind === "builtin") return tf.add(tf.matMul(x, w), b);
  return denseFast(x, w, b) as tf.Tensor2D;
}

const GELU_C = Math.sqrt(2 / Math.PI);

export function activate(x: tf.Tensor2D, kind: NetworkConfig["activation"]): tf.Tensor2D {
  switch (kind) {
    case "silu":
      return tf.mul(x, tf.sigmoid(x));
    case "relu":
      return tf.relu(x);
    case "tanh":
      return tf.tanh(x);
    case "gelu": {
      // tanh approximation (Hendrycks & Gimpel); tfjs has no gelu op.
      const inner = tf.mul(tf.add(x, tf.mul(tf.pow(x, 3), 0.044715)), GELU_C);
      return tf.mul(tf.mul(x, 0.5), tf.add(tf.tanh(inner), 1));
    }
  }
}

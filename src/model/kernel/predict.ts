// eps_theta on the kernel for sampling (docs/backends.md, "The wasm-simd kernel", "Sampling folds
// the embedding"): all points share one timestep, so the embedding's part of the first layer is
// folded into one bias row per call and each point costs only its two coordinates there.
import type { KernelExports, LayerShape } from "./layout";
import { TILE } from "./layout";

/** Where a prediction works (byte pointers into the kernel's memory). */
export interface PredictBuffers {
  /** One tile of input points, 2 floats a row. */
  xin: number;
  /** The timestep's embedding row (padded to 4). */
  emb: number;
  /** The first layer's folded bias row, emb W0[2:] + b0. */
  bias0: number;
  /** Each layer's tile output (a training slice's, reused: a prediction never runs mid-step). */
  h: number[];
}

/**
 * eps_theta for n points (interleaved x, model coordinates) at one timestep whose embedding row
 * is `emb`, with the parameter buffer at byte pointer `params`, tile by tile.
 */
export function predictPoints(
  k: KernelExports,
  layers: LayerShape[],
  act: number,
  buf: PredictBuffers,
  params: number,
  x: ArrayLike<number>,
  emb: Float32Array,
): Float64Array {
  const l0 = layers[0];
  const E = l0.K - 2; // the first layer's inputs are [x, emb(t)]
  // A fresh view every time: the memory may have grown (and detached the old buffer) since.
  const f32 = () => new Float32Array(k.memory.buffer);
  f32().set(emb, buf.emb / 4);
  k.gemm(
    buf.emb,
    0,
    1,
    params + (l0.w + 2 * l0.Np) * 4,
    l0.Np,
    buf.bias0,
    l0.Np,
    params + l0.b * 4,
    1,
    E,
    l0.Np,
    0,
  );
  const n = x.length / 2;
  const result = new Float64Array(2 * n);
  for (let s = 0; s < n; s += TILE) {
    const M = Math.min(TILE, n - s);
    let mem = f32();
    const xi = buf.xin / 4;
    for (let i = 0; i < 2 * M; i++) mem[xi + i] = x[2 * s + i];
    const h = buf.h;
    k.gemm(buf.xin, 2, 1, params + l0.w * 4, l0.Np, h[0], l0.Np, buf.bias0, M, 2, l0.Np, 0);
    k.activate(h[0], 0, M * l0.Np, act);
    let a = h[0];
    for (let i = 1; i < layers.length; i++) {
      const l = layers[i];
      k.gemm(a, l.Kp, 1, params + l.w * 4, l.Np, h[i], l.Np, params + l.b * 4, M, l.K, l.Np, 0);
      if (i < layers.length - 1) k.activate(h[i], 0, M * l.Np, act);
      a = h[i];
    }
    mem = f32();
    const o = a / 4;
    for (let i = 0; i < M; i++) {
      result[2 * (s + i)] = mem[o + 4 * i];
      result[2 * (s + i) + 1] = mem[o + 4 * i + 1];
    }
  }
  return result;
}

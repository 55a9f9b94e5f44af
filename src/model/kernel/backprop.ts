// Forward and backward passes over a range of a batch's rows, built from the kernel's primitives.
// Both training threads run this same function on their own slice (docs/backends.md, "Two
// threads"), so a step's arithmetic does not depend on which thread ran which slice.
import { type KernelExports, type SliceBuffers, type StepPlan, TILE } from "./layout";

/** Forward pass of M rows at `input` with the parameters at `params`; returns the output tile. */
export function forwardTile(
  k: KernelExports,
  plan: StepPlan,
  buf: SliceBuffers,
  input: number,
  M: number,
  params: number,
  keep: boolean,
): number {
  let a = input;
  const last = plan.layers.length - 1;
  plan.layers.forEach((l, i) => {
    const h = buf.h[i];
    k.gemm(a, l.Kp, 1, params + l.w * 4, l.Np, h, l.Np, params + l.b * 4, M, l.K, l.Np, 0);
    if (i < last) k.activate(h, keep ? buf.d[i] : 0, M * l.Np, plan.act);
    a = h;
  });
  return a;
}

/**
 * Rows [r0, r1) of the batch (inputs at byte pointer x, stride layers[0].Kp floats; targets at
 * eps, stride 4): forward and backward tile by tile, the gradient of the whole batch's mean loss
 * (invB = 1/B) summed over the tiles into buf.grad (zeroed first). Returns the slice's sum of
 * squared errors.
 */
export function backpropRows(
  k: KernelExports,
  plan: StepPlan,
  buf: SliceBuffers,
  x: number,
  eps: number,
  r0: number,
  r1: number,
  invB: number,
): number {
  const L = plan.layers;
  k.zero(buf.grad, plan.size);
  let total = 0;
  for (let s = r0; s < r1; s += TILE) {
    const M = Math.min(TILE, r1 - s);
    const input = x + s * L[0].Kp * 4;
    const out = forwardTile(k, plan, buf, input, M, plan.raw, true);
    let [cur, other] = buf.scratch;
    total += k.lossGrad(out, eps + s * 16, cur, M, invB);
    for (let i = L.length - 1; i >= 0; i--) {
      const l = L[i];
      const hin = i === 0 ? input : buf.h[i - 1];
      k.gemm(hin, 1, l.Kp, cur, l.Np, buf.grad + l.w * 4, l.Np, 0, l.K, M, l.Np, 1);
      k.colSum(cur, buf.grad + l.b * 4, M, l.Np, 1);
      if (i === 0) break;
      k.gemm(cur, l.Np, 1, l.wt, l.Kp, other, l.Kp, 0, M, l.N, l.Kp, 0);
      k.mulInto(other, buf.d[i - 1], other, M * l.Kp);
      [cur, other] = [other, cur];
    }
  }
  return total;
}

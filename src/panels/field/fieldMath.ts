// The field the network learned, as numbers: a lattice of points over the plot, the sampling
// direction -eps_hat / sqrt(1 - abar_t) at each (the score of the noised data, which the reverse
// process follows; docs/math.md, "The perfect network"), and the size of the network's error
// |eps_net - eps_exact| against the perfect network.
import type { Standardizer } from "../../core/data";
import type { Bounds } from "../../ui/plotGeometry";

export interface Lattice {
  /** Interleaved raw-unit points, row by row (y from bottom to top, x from left to right). */
  points: Float32Array;
  cols: number;
  rows: number;
}

/** cols x rows cell centres covering the bounds. */
export function lattice(b: Bounds, cols: number, rows: number): Lattice {
  const points = new Float32Array(2 * cols * rows);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const k = 2 * (r * cols + c);
      points[k] = b.xMin + ((c + 0.5) * (b.xMax - b.xMin)) / cols;
      points[k + 1] = b.yMin + ((r + 0.5) * (b.yMax - b.yMin)) / rows;
    }
  }
  return { points, cols, rows };
}

/**
 * Sampling direction at each point, in raw units: -eps / sqrt(1 - abar) is the score in model
 * coordinates; a step of d in model coordinates moves a point by d * std in the plot.
 */
export function directions(eps: ArrayLike<number>, abar: number, s: Standardizer): Float32Array {
  const out = new Float32Array(eps.length);
  const k = -1 / Math.sqrt(1 - abar);
  for (let i = 0; i < eps.length; i++) out[i] = k * eps[i] * s.std[i & 1];
  return out;
}

/** |a_i - b_i| per point (Euclidean over the two coordinates). */
export function differences(a: ArrayLike<number>, b: ArrayLike<number>): Float32Array {
  const out = new Float32Array(a.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Math.hypot(a[2 * i] - b[2 * i], a[2 * i + 1] - b[2 * i + 1]);
  return out;
}

/** A high quantile of vector lengths: arrows are scaled so that this length fills one cell. */
export function lengthScale(v: ArrayLike<number>, q = 0.9): number {
  const lens = new Float64Array(v.length / 2);
  for (let i = 0; i < lens.length; i++) lens[i] = Math.hypot(v[2 * i], v[2 * i + 1]);
  lens.sort();
  const s = lens[Math.min(lens.length - 1, Math.floor(q * lens.length))];
  return s > 0 && Number.isFinite(s) ? s : 1;
}

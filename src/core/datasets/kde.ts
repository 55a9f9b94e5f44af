// A Gaussian kernel density estimate, for the contours of a data set with no known density
// (drawn, pasted, or a preset such as the ring). Scott's rule per dimension: h = std * n^(-1/6).
import { fitStandardizer } from "../data";
import type { Mixture2D } from "../types";

export interface Kde {
  logDensity(x: number, y: number): number;
  bandwidth: [number, number];
}

export function gaussianKde(points: ArrayLike<number>): Kde {
  const n = points.length / 2;
  const { std } = fitStandardizer(points);
  const factor = n ** (-1 / 6);
  const hx = Math.max(std[0] * factor, 1e-3);
  const hy = Math.max(std[1] * factor, 1e-3);
  const logNorm = -Math.log(2 * Math.PI * hx * hy) - Math.log(n);
  return {
    bandwidth: [hx, hy],
    logDensity(x, y) {
      let max = Number.NEGATIVE_INFINITY;
      const terms = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const dx = (x - points[2 * i]) / hx;
        const dy = (y - points[2 * i + 1]) / hy;
        const e = -0.5 * (dx * dx + dy * dy);
        terms[i] = e;
        if (e > max) max = e;
      }
      let s = 0;
      for (let i = 0; i < n; i++) s += Math.exp(terms[i] - max);
      return max + Math.log(s) + logNorm;
    },
  };
}

/**
 * Scott's rule assumes one Gaussian bump and over-smooths thin shapes (a ring of radius 4 and
 * width 0.2 gets h = 1); the contours use half of it, so the ring's hole and the moons' gap show.
 */
export const KDE_CONTOUR_SCALE = 0.5;

/** Contours of more components than this cost too much per frame; every k-th point stands in. */
export const KDE_MAX_COMPONENTS = 600;

/**
 * The same estimate as a Gaussian mixture (one component per point, covariance diag(h^2)), so the
 * plots' mixture contours and the exact noising of a mixture apply to it unchanged. Above
 * maxComponents points, an evenly strided subset is used (the bandwidth still comes from all).
 */
export function kdeMixture(
  points: ArrayLike<number>,
  maxComponents = KDE_MAX_COMPONENTS,
  scale = KDE_CONTOUR_SCALE,
): Mixture2D {
  const n = points.length / 2;
  const { bandwidth } = gaussianKde(points);
  const hx = scale * bandwidth[0];
  const hy = scale * bandwidth[1];
  const stride = Math.max(1, Math.ceil(n / maxComponents));
  const m = Math.ceil(n / stride);
  const means: [number, number][] = [];
  const covs: [[number, number], [number, number]][] = [];
  for (let i = 0; i < n; i += stride) {
    means.push([points[2 * i], points[2 * i + 1]]);
    covs.push([
      [hx * hx, 0],
      [0, hy * hy],
    ]);
  }
  return { weights: new Array(m).fill(1 / m), means, covs };
}

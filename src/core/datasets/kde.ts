// A Gaussian kernel density estimate, for the contours of a data set with no known density
// (drawn, pasted, or a preset such as the ring). Scott's rule per dimension: h = std * n^(-1/6).
import { fitStandardizer } from "../data";

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

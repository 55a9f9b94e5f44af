// 2-D Gaussian mixtures: sampling, density, responsibilities, the noised marginal and the
// perfect-network noise predictor eps* (docs/math.md, "The perfect network").
import type { Rng } from "./random";
import type { Schedule } from "./schedule";
import type { Mixture2D, NoisePredictor } from "./types";

const LOG_2PI = Math.log(2 * Math.PI);

/** Precomputed per-component inverse covariance and log-normaliser. */
interface Component {
  logW: number;
  mx: number;
  my: number;
  // inverse covariance [[a, b], [b, c]]
  ia: number;
  ib: number;
  ic: number;
  logNorm: number; // -log(2 pi) - 0.5 log det
}

function prepare(m: Mixture2D): Component[] {
  return m.weights.map((w, k) => {
    const [[sxx, sxy], [, syy]] = m.covs[k];
    const det = sxx * syy - sxy * sxy;
    if (!(det > 0))
      throw new RangeError(`mixture component ${k} has a covariance that is not positive definite`);
    return {
      logW: Math.log(w),
      mx: m.means[k][0],
      my: m.means[k][1],
      ia: syy / det,
      ib: -sxy / det,
      ic: sxx / det,
      logNorm: -LOG_2PI - 0.5 * Math.log(det),
    };
  });
}

function mahalanobis2(c: Component, x: number, y: number): number {
  const dx = x - c.mx;
  const dy = y - c.my;
  return c.ia * dx * dx + 2 * c.ib * dx * dy + c.ic * dy * dy;
}

function logSumExp(v: Float64Array, n: number): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) if (v[i] > max) max = v[i];
  if (max === Number.NEGATIVE_INFINITY) return max;
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.exp(v[i] - max);
  return max + Math.log(s);
}

/** A mixture with its per-component precomputation, for fast repeated evaluation. */
export class MixtureDensity {
  readonly comps: Component[];
  private scratch: Float64Array;
  constructor(readonly mixture: Mixture2D) {
    this.comps = prepare(mixture);
    this.scratch = new Float64Array(this.comps.length);
  }

  /** Per-component log(w_k N(x; mu_k, Sigma_k)) into this.scratch. */
  private joint(x: number, y: number): Float64Array {
    const s = this.scratch;
    for (let k = 0; k < this.comps.length; k++) {
      const c = this.comps[k];
      s[k] = c.logW + c.logNorm - 0.5 * mahalanobis2(c, x, y);
    }
    return s;
  }

  logDensity(x: number, y: number): number {
    return logSumExp(this.joint(x, y), this.comps.length);
  }

  /** Responsibilities r_k(x), computed with log-sum-exp. */
  responsibilities(x: number, y: number): number[] {
    const s = this.joint(x, y);
    const lse = logSumExp(s, this.comps.length);
    return Array.from(s, (v) => Math.exp(v - lse));
  }

  /** Index of the most probable component (MAP). */
  mapComponent(x: number, y: number): number {
    const s = this.joint(x, y);
    let best = 0;
    for (let k = 1; k < s.length; k++) if (s[k] > s[best]) best = k;
    return best;
  }

  /** Squared Mahalanobis distance to the nearest component. */
  minMahalanobis2(x: number, y: number): number {
    let best = Number.POSITIVE_INFINITY;
    for (const c of this.comps) best = Math.min(best, mahalanobis2(c, x, y));
    return best;
  }
}

/** n exact samples, interleaved. */
export function sampleMixture(m: Mixture2D, n: number, rng: Rng): Float64Array {
  const cum: number[] = [];
  let acc = 0;
  for (const w of m.weights) {
    acc += w;
    cum.push(acc);
  }
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const u = rng.uniform() * acc;
    let k = 0;
    while (k < cum.length - 1 && u >= cum[k]) k++;
    const [[sxx, sxy], [, syy]] = m.covs[k];
    // Cholesky of the 2x2 covariance
    const l11 = Math.sqrt(sxx);
    const l21 = sxy / l11;
    const l22 = Math.sqrt(Math.max(syy - l21 * l21, 0));
    const z1 = rng.gaussian();
    const z2 = rng.gaussian();
    out[2 * i] = m.means[k][0] + l11 * z1;
    out[2 * i + 1] = m.means[k][1] + l21 * z1 + l22 * z2;
  }
  return out;
}

/** The noised marginal q_t: means sqrt(a) mu_k, covariances a Sigma_k + (1 - a) I. */
export function noisedMixture(m: Mixture2D, abar: number): Mixture2D {
  const sa = Math.sqrt(abar);
  return {
    weights: [...m.weights],
    means: m.means.map(([x, y]) => [sa * x, sa * y] as [number, number]),
    covs: m.covs.map(
      ([[sxx, sxy], [, syy]]) =>
        [
          [abar * sxx + (1 - abar), abar * sxy],
          [abar * sxy, abar * syy + (1 - abar)],
        ] as [[number, number], [number, number]],
    ),
  };
}

/** The empirical mixture: one zero-covariance component per training point (it memorises). */
export function empiricalMixture(points: ArrayLike<number>): Mixture2D {
  const n = points.length / 2;
  const means: [number, number][] = [];
  const covs: [[number, number], [number, number]][] = [];
  for (let i = 0; i < n; i++) {
    means.push([points[2 * i], points[2 * i + 1]]);
    covs.push([
      [0, 0],
      [0, 0],
    ]);
  }
  return { weights: new Array(n).fill(1 / n), means, covs };
}

/**
 * The perfect noise predictor eps*(x, t) = sqrt(1-a) sum_k r_k(x) C_k^{-1} (x - sqrt(a) mu_k),
 * C_k = a Sigma_k + (1 - a) I (docs/math.md, "The perfect network"). Works for zero covariances (empirical oracle).
 */
export function perfectPredictor(m: Mixture2D, schedule: Schedule): NoisePredictor {
  const cache = new Map<number, MixtureDensity>();
  const densityAt = (t: number) => {
    let d = cache.get(t);
    if (!d) {
      d = new MixtureDensity(noisedMixture(m, schedule.abar[t]));
      cache.set(t, d);
    }
    return d;
  };
  return (x, t) => {
    const a = schedule.abar[t];
    const s1a = Math.sqrt(1 - a);
    const d = densityAt(t);
    const K = d.comps.length;
    const logp = new Float64Array(K);
    const n = x.length / 2;
    const out = new Float64Array(x.length);
    for (let i = 0; i < n; i++) {
      const px = x[2 * i];
      const py = x[2 * i + 1];
      let max = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < K; k++) {
        const c = d.comps[k];
        const v = c.logW + c.logNorm - 0.5 * mahalanobis2(c, px, py);
        logp[k] = v;
        if (v > max) max = v;
      }
      let z = 0;
      let ex = 0;
      let ey = 0;
      for (let k = 0; k < K; k++) {
        const r = Math.exp(logp[k] - max);
        if (r === 0) continue;
        const c = d.comps[k];
        const dx = px - c.mx;
        const dy = py - c.my;
        z += r;
        ex += r * (c.ia * dx + c.ib * dy);
        ey += r * (c.ib * dx + c.ic * dy);
      }
      out[2 * i] = (s1a * ex) / z;
      out[2 * i + 1] = (s1a * ey) / z;
    }
    return out;
  };
}

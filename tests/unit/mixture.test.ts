// The perfect network eps* (docs/math.md, "The perfect network") against a finite-difference score of the noised density,
// and the mixture density's log-sum-exp evaluation.
import { describe, expect, it } from "vitest";
import { fitStandardizer, standardizeMixture, toModel, tutorialDataset } from "../../src/core/data";
import {
  empiricalMixture,
  MixtureDensity,
  noisedMixture,
  perfectPredictor,
  sampleMixture,
} from "../../src/core/mixture";
import { Rng } from "../../src/core/random";
import { makeSchedule } from "../../src/core/schedule";
import type { Mixture2D } from "../../src/core/types";

const ds = tutorialDataset();
const std = fitStandardizer(ds.points);

/** The four oracles of the dashboard: population or empirical, raw or standardised units. */
const ORACLES: [string, Mixture2D][] = [
  ["population, raw units", ds.mixture],
  ["population, standardised", standardizeMixture(std, ds.mixture)],
  ["empirical, raw units", empiricalMixture(ds.points)],
  ["empirical, standardised", empiricalMixture(toModel(std, ds.points))],
];

/** Density of one 2-D Gaussian, written out independently of MixtureDensity. */
function gaussianPdf(x: number, y: number, mu: [number, number], c: [[number, number], [number, number]]) {
  const [[a, b], [, d]] = c;
  const det = a * d - b * b;
  const dx = x - mu[0];
  const dy = y - mu[1];
  const m2 = (d * dx * dx - 2 * b * dx * dy + a * dy * dy) / det;
  return Math.exp(-0.5 * m2) / (2 * Math.PI * Math.sqrt(det));
}

function naiveLogDensity(m: Mixture2D, x: number, y: number): number {
  let p = 0;
  for (let k = 0; k < m.weights.length; k++) p += m.weights[k] * gaussianPdf(x, y, m.means[k], m.covs[k]);
  return Math.log(p);
}

/** Test points where q_t has its mass (drawn from q_t itself) plus points between the clusters. */
function probePoints(m: Mixture2D, abar: number, seed: number): Float64Array {
  const drawn = sampleMixture(noisedMixture(m, abar), 12, new Rng(seed, 11));
  const sa = Math.sqrt(abar);
  const between: number[] = [];
  for (let k = 0; k + 1 < Math.min(m.means.length, 4); k++) {
    between.push(
      sa * 0.5 * (m.means[k][0] + m.means[k + 1][0]),
      sa * 0.5 * (m.means[k][1] + m.means[k + 1][1]),
    );
  }
  return Float64Array.from([...drawn, ...between]);
}

describe("eps* is -sqrt(1 - abar) times the score of the noised density ", () => {
  for (const kind of ["linear", "cosine"] as const) {
    const schedule = makeSchedule(kind, 500);
    for (const [name, m] of ORACLES) {
      it(`${name}, ${kind} schedule, t = 0, 10, 100, 250, 499`, () => {
        const eps = perfectPredictor(m, schedule);
        let checked = 0;
        for (const t of [0, 10, 100, 250, 499]) {
          const a = schedule.abar[t];
          const q = new MixtureDensity(noisedMixture(m, a));
          const x = probePoints(m, a, t);
          const e = eps(x, t);
          // Central differences with a step well below the narrowest component (sqrt(1-a) for the
          // empirical oracle): truncation error ~ (h/sigma)^2, round-off ~ 1e-16 |log q| / h.
          const h = 1e-4 * Math.sqrt(1 - a);
          for (let i = 0; i < x.length / 2; i++) {
            const px = x[2 * i];
            const py = x[2 * i + 1];
            const gx = (q.logDensity(px + h, py) - q.logDensity(px - h, py)) / (2 * h);
            const gy = (q.logDensity(px, py + h) - q.logDensity(px, py - h)) / (2 * h);
            const fx = -Math.sqrt(1 - a) * gx;
            const fy = -Math.sqrt(1 - a) * gy;
            const scale = Math.max(1, Math.hypot(fx, fy));
            expect(Math.abs(e[2 * i] - fx) / scale).toBeLessThan(1e-6);
            expect(Math.abs(e[2 * i + 1] - fy) / scale).toBeLessThan(1e-6);
            checked++;
          }
        }
        expect(checked).toBeGreaterThanOrEqual(5 * 12);
      });
    }
  }

  it("eps* returns a fresh array of the input's length and leaves the input alone", () => {
    const schedule = makeSchedule("linear", 500);
    const eps = perfectPredictor(ds.mixture, schedule);
    const x = Float64Array.from([0.5, -0.5, 6, 6, -4, 5]);
    const copy = Float64Array.from(x);
    const e = eps(x, 100);
    expect(e).toHaveLength(6);
    expect(e).not.toBe(x);
    expect(x).toEqual(copy);
  });
});

describe("mixture density and responsibilities", () => {
  it("log-density equals the naive log of the weighted sum of Gaussians near the data", () => {
    for (const [, m] of ORACLES.slice(0, 2)) {
      for (const abar of [1, 0.9, 0.3, 0.01]) {
        const nm = noisedMixture(m, abar);
        const d = new MixtureDensity(nm);
        const x = sampleMixture(nm, 50, new Rng(3, 11));
        for (let i = 0; i < 50; i++) {
          expect(d.logDensity(x[2 * i], x[2 * i + 1])).toBeCloseTo(
            naiveLogDensity(nm, x[2 * i], x[2 * i + 1]),
            12,
          );
        }
      }
    }
  });

  it("responsibilities sum to 1 and match the naive Bayes rule near the data", () => {
    const m = ds.mixture;
    const d = new MixtureDensity(m);
    const x = sampleMixture(m, 200, new Rng(4, 11));
    for (let i = 0; i < 200; i++) {
      const px = x[2 * i];
      const py = x[2 * i + 1];
      const r = d.responsibilities(px, py);
      expect(r.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 14);
      const joint = m.weights.map((w, k) => w * gaussianPdf(px, py, m.means[k], m.covs[k]));
      const total = joint.reduce((s, v) => s + v, 0);
      for (let k = 0; k < 3; k++) expect(r[k]).toBeCloseTo(joint[k] / total, 12);
    }
  });

  it("stays finite far from the data, where the naive sum underflows (log-sum-exp)", () => {
    const schedule = makeSchedule("linear", 500);
    for (const [name, m] of ORACLES) {
      const nm = noisedMixture(m, schedule.abar[0]);
      const d = new MixtureDensity(nm);
      for (const [px, py] of [
        [300, -400],
        [-1e3, 1e3],
        [50, 50],
      ]) {
        expect(naiveLogDensity(nm, px, py), name).toBe(Number.NEGATIVE_INFINITY);
        const lp = d.logDensity(px, py);
        expect(Number.isFinite(lp), name).toBe(true);
        // log q lies between the best single component's log term and that plus log K.
        const terms = nm.weights.map(
          (w, k) =>
            Math.log(w) -
            Math.log(2 * Math.PI) -
            0.5 * Math.log(nm.covs[k][0][0] * nm.covs[k][1][1] - nm.covs[k][0][1] ** 2) -
            0.5 * d.comps[k].ia * (px - nm.means[k][0]) ** 2 -
            d.comps[k].ib * (px - nm.means[k][0]) * (py - nm.means[k][1]) -
            0.5 * d.comps[k].ic * (py - nm.means[k][1]) ** 2,
        );
        const best = Math.max(...terms);
        expect(lp).toBeGreaterThanOrEqual(best - 1e-9 * Math.abs(best));
        expect(lp).toBeLessThanOrEqual(best + Math.log(nm.weights.length) + 1e-9 * Math.abs(best));
        const r = d.responsibilities(px, py);
        expect(r.every(Number.isFinite)).toBe(true);
        expect(r.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
        // eps* there is finite and, with one component dominating, equals that component's term.
        const e = perfectPredictor(m, schedule)(Float64Array.from([px, py]), 0);
        expect(e.every(Number.isFinite), name).toBe(true);
        const k = terms.indexOf(best);
        if (r[k] > 1 - 1e-12) {
          const c = d.comps[k];
          const dx = px - c.mx;
          const dy = py - c.my;
          const s1a = Math.sqrt(1 - schedule.abar[0]);
          expect(e[0]).toBeCloseTo(s1a * (c.ia * dx + c.ib * dy), 6);
          expect(e[1]).toBeCloseTo(s1a * (c.ib * dx + c.ic * dy), 6);
        }
      }
    }
  });

  it("the noised mixture at abar = 1 is the mixture itself, and q_t tends to N(0, I) as abar -> 0", () => {
    const m = ds.mixture;
    expect(noisedMixture(m, 1)).toEqual(m);
    const n0 = noisedMixture(m, 1e-12);
    for (let k = 0; k < 3; k++) {
      expect(Math.hypot(...n0.means[k])).toBeLessThan(1e-5);
      expect(n0.covs[k][0][0]).toBeCloseTo(1, 10);
      expect(n0.covs[k][1][1]).toBeCloseTo(1, 10);
      expect(n0.covs[k][0][1]).toBeCloseTo(0, 10);
    }
  });

  it("MAP component and squared Mahalanobis distance agree with the component formulas", () => {
    const d = new MixtureDensity(ds.mixture);
    expect(d.mapComponent(0, 0)).toBe(0);
    expect(d.mapComponent(6, 6)).toBe(1);
    expect(d.mapComponent(-4, 5)).toBe(2);
    expect(d.minMahalanobis2(6, 6)).toBe(0);
    // one unit along x from (-4, 5) with variance 0.8: 1 / 0.8
    expect(d.minMahalanobis2(-3, 5)).toBeCloseTo(1 / 0.8, 12);
  });
});

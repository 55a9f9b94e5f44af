// The forward process on the training set (docs/math.md, "Schedules and indices"): x_t = sqrt(abar_t) x_0 +
// sqrt(1 - abar_t) eps in model coordinates, shown in raw units, with the exact noised density.

import { type Standardizer, standardizeMixture, toRaw } from "../../core/data";
import type { Problem } from "../../core/experiment";
import { noisedMixture } from "../../core/mixture";
import { Rng, STREAM } from "../../core/random";
import type { Mixture2D } from "../../core/types";

/** One eps per training point, fixed by the seed, so moving t moves every point smoothly. */
export function forwardNoise(n: number, seed: number): Float32Array {
  return new Rng(seed, STREAM.data).gaussianArray(2 * n);
}

/** x_t of every training point, in raw units. */
export function noisedPoints(problem: Problem, eps: ArrayLike<number>, t: number): Float64Array {
  const a = problem.schedule.abar[t];
  const sa = Math.sqrt(a);
  const sn = Math.sqrt(1 - a);
  const x0 = problem.modelPoints;
  const xt = new Float64Array(x0.length);
  for (let i = 0; i < x0.length; i++) xt[i] = sa * x0[i] + sn * eps[i];
  return toRaw(problem.standardizer, xt);
}

/** The inverse of the standardising map, as a Standardizer (so core's exact mixture map applies). */
function inverse(s: Standardizer): Standardizer {
  return { mean: [-s.mean[0] / s.std[0], -s.mean[1] / s.std[1]], std: [1 / s.std[0], 1 / s.std[1]] };
}

/**
 * The density of x_t (raw units): the noised marginal q_t mapped back from model coordinates.
 * `modelDensity` is the data's density in model coordinates: the exact mixture where known, else
 * a kernel density estimate (itself a Gaussian mixture, so its noising is exact too).
 */
export function noisedDensityRaw(problem: Problem, t: number, modelDensity: Mixture2D): Mixture2D {
  return standardizeMixture(
    inverse(problem.standardizer),
    noisedMixture(modelDensity, problem.schedule.abar[t]),
  );
}

/** The timesteps shown side by side: 0, 50, 100, 250 and T-1 (those below T-1 only). */
export function snapshotTimes(T: number): number[] {
  const ts = [0, 50, 100, 250].filter((t) => t < T - 1);
  return [...ts, T - 1];
}

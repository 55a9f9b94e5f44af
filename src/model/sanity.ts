// Plausibility of a network file that is well formed: a file can hold only finite numbers of the
// right shapes and still make no sense (a standardiser std of 1e308 or 5e-324, weights of 1e10,
// a loss history that does not match the step count). Such a network is refused when loaded, by
// the dashboard and the CLI alike, instead of producing samples that are NaN or off the chart.
import type { ProblemConfig } from "../core/config";
import { type Dataset, fitStandardizer, type Standardizer } from "../core/data";
import type { EpsNetwork } from "./network";

/** Smallest positive normal double: anything between it and 0 is a denormal. */
const MIN_NORMAL = 2 ** -1022;
/** Standardiser bounds: 2-D teaching data in any sensible unit lies well inside them. */
export const STD_MIN = 1e-6;
export const STD_MAX = 1e6;
export const MEAN_MAX = 1e6;
/** Largest |weight| accepted: trained or freshly initialised weights of these MLPs are O(1). */
export const WEIGHT_MAX = 1e6;
/**
 * Largest |eps| accepted on the probe batch. The target eps is standard normal and training stops
 * at a loss of 1e3 (a typical |eps error| near 30), so 1e3 is far beyond any network that trained.
 */
export const EPS_MAX = 1e3;

const isDenormal = (v: number) => v !== 0 && Math.abs(v) < MIN_NORMAL;

/** Why a standardiser makes no sense for the problem (and the data set, when known), or null. */
export function standardizerError(s: Standardizer, problem: ProblemConfig, data?: Dataset): string | null {
  const values = [...s.mean, ...s.std];
  if (!values.every(Number.isFinite)) return "the standardiser holds a non-finite number";
  if (values.some(isDenormal)) return "the standardiser holds a denormal number (too close to 0 to be real)";
  if (s.std.some((v) => !(v >= STD_MIN && v <= STD_MAX)))
    return `the standardiser's std must be from ${STD_MIN} to ${STD_MAX}, got ${s.std.join(", ")}`;
  if (s.mean.some((v) => Math.abs(v) > MEAN_MAX))
    return `the standardiser's mean must be from -${MEAN_MAX} to ${MEAN_MAX}, got ${s.mean.join(", ")}`;
  // In raw units the network sees the data as it is: the map must be the identity
  // (docs/math.md, "Data and standardisation").
  if (problem.units === "raw") {
    if (s.mean.some((v) => v !== 0) || s.std.some((v) => v !== 1))
      return "a network in raw units must have the identity standardiser (mean 0, std 1)";
    return null;
  }
  if (data) {
    const fit = fitStandardizer(data.points);
    for (let d = 0; d < 2; d++) {
      const tol = 1e-6 * fit.std[d];
      if (Math.abs(s.mean[d] - fit.mean[d]) > tol || Math.abs(s.std[d] - fit.std[d]) > tol)
        return `the standardiser does not match the data set "${data.name}" (mean ${fit.mean.map((v) => v.toPrecision(4)).join(", ")}, std ${fit.std.map((v) => v.toPrecision(4)).join(", ")})`;
    }
  }
  return null;
}

/** Why a loss history does not belong to a network trained for trainSteps steps, or null. */
export function historyError(trainSteps: number, history: ArrayLike<number>): string | null {
  // The trainer appends one loss per step and a restore cuts both back together.
  if (history.length !== trainSteps)
    return `the loss history has ${history.length} points for ${trainSteps} training steps (one per step expected)`;
  for (let i = 0; i < history.length; i++) {
    const l = history[i];
    if (!Number.isFinite(l) || l < 0)
      return `the loss history holds an impossible loss (${l}) at step ${i + 1}`;
  }
  return null;
}

/** Why a weight tensor is implausible, or null. */
export function weightError(values: Float32Array): string | null {
  for (let i = 0; i < values.length; i++) {
    if (Math.abs(values[i]) > WEIGHT_MAX)
      return `holds a weight of ${values[i].toPrecision(3)} (at most ${WEIGHT_MAX})`;
  }
  return null;
}

/** A fixed probe batch: a 4 x 4 grid over [-3, 3]^2 in model coordinates. */
function probePoints(): Float64Array {
  const out = new Float64Array(32);
  for (let i = 0; i < 16; i++) {
    out[2 * i] = -3 + 2 * (i % 4);
    out[2 * i + 1] = -3 + 2 * Math.floor(i / 4);
  }
  return out;
}

/**
 * Why the network's eps predictions on the probe batch (at the first, middle and last timestep,
 * raw and EMA weights) are not finite numbers of plausible size, or null.
 */
export function probeError(net: EpsNetwork): string | null {
  const x = probePoints();
  const T = net.problem.T;
  for (const useEma of [true, false]) {
    for (const t of [0, Math.floor(T / 2), T - 1]) {
      const eps = net.predict(x, t, useEma);
      for (const v of eps) {
        if (!Number.isFinite(v))
          return `its ${useEma ? "EMA" : "raw"} weights predict a non-finite eps at t=${t}`;
        if (Math.abs(v) > EPS_MAX)
          return `its ${useEma ? "EMA" : "raw"} weights predict |eps| of ${Math.abs(v).toPrecision(3)} at t=${t} (at most ${EPS_MAX} is plausible)`;
      }
    }
  }
  return null;
}

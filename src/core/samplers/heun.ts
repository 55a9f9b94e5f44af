// Heun's second-order method for the probability-flow ODE (docs/math.md, "Samplers"): an Euler
// predictor, a second network call at its end point, and the average of the two slopes. The last
// step goes to clean data, where sigma = 0 and no network is defined, so it stays an Euler step:
// 2S - 1 network calls in all.
import { prevOf } from "../grids";
import { abarAt } from "../schedule";
import { sigmaOf } from "./euler";
import type { Sampler } from "./types";
import { x0HatInto } from "./x0hat";

export const heun: Sampler = ({ predictor, schedule, grid, xT, onStep }) => {
  const x = Float64Array.from(xT);
  const x0Hat = onStep ? new Float64Array(x.length) : null;
  let nfe = 0;
  const xEuler = new Float64Array(x.length);
  for (let i = 0; i < grid.length; i++) {
    const t = grid[i];
    const prev = prevOf(grid, i);
    const a = abarAt(schedule, t);
    const ap = abarAt(schedule, prev);
    const e = predictor(x, t);
    nfe++;
    // x0_hat of the first call (at the step's start), the same definition as every other sampler.
    if (x0Hat) x0HatInto(x0Hat, x, e, a);
    const dSigma = sigmaOf(ap) - sigmaOf(a);
    const sa = Math.sqrt(a);
    const sap = Math.sqrt(ap);
    if (prev < 0) {
      for (let j = 0; j < x.length; j++) x[j] = sap * (x[j] / sa + dSigma * e[j]);
    } else {
      for (let j = 0; j < x.length; j++) xEuler[j] = sap * (x[j] / sa + dSigma * e[j]);
      const e2 = predictor(xEuler, prev);
      nfe++;
      for (let j = 0; j < x.length; j++) x[j] = sap * (x[j] / sa + dSigma * 0.5 * (e[j] + e2[j]));
    }
    if (x0Hat) onStep?.(i, x, x0Hat);
  }
  return { x, nfe };
};

// Probability-flow ODE solvers in sigma = sqrt((1-a)/a) space on the scaled variable
// x~ = x / sqrt(a), where dx~/dsigma = eps (SPEC section 6). Euler equals DDIM eta=0.
import { prevOf } from "../grids";
import { abarAt } from "../schedule";
import type { Sampler } from "./types";

const sigmaOf = (a: number) => Math.sqrt((1 - a) / a);

export const euler: Sampler = ({ predictor, schedule, grid, xT, onStep }) => {
  const x = Float64Array.from(xT);
  let nfe = 0;
  for (let i = 0; i < grid.length; i++) {
    const t = grid[i];
    const a = abarAt(schedule, t);
    const ap = abarAt(schedule, prevOf(grid, i));
    const e = predictor(x, t);
    nfe++;
    const dSigma = sigmaOf(ap) - sigmaOf(a);
    const sa = Math.sqrt(a);
    const sap = Math.sqrt(ap);
    for (let j = 0; j < x.length; j++) x[j] = sap * (x[j] / sa + dSigma * e[j]);
    onStep?.(i, x);
  }
  return { x, nfe };
};

/** Heun's 2nd-order method: 2 calls per step, except the last (no network at clean data). */
export const heun: Sampler = ({ predictor, schedule, grid, xT, onStep }) => {
  const x = Float64Array.from(xT);
  let nfe = 0;
  const xEuler = new Float64Array(x.length);
  for (let i = 0; i < grid.length; i++) {
    const t = grid[i];
    const prev = prevOf(grid, i);
    const a = abarAt(schedule, t);
    const ap = abarAt(schedule, prev);
    const e = predictor(x, t);
    nfe++;
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
    onStep?.(i, x);
  }
  return { x, nfe };
};

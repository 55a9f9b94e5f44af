// Euler's method for the probability-flow ODE in sigma = sqrt((1-a)/a) space on the scaled
// variable x~ = x / sqrt(a), where dx~/dsigma = eps (docs/math.md, "Samplers"). It equals DDIM
// eta=0 step for step; the tests show it to rounding.
import { prevOf } from "../grids";
import { abarAt } from "../schedule";
import type { Sampler } from "./types";
import { x0HatInto } from "./x0hat";

export const sigmaOf = (a: number) => Math.sqrt((1 - a) / a);

export const euler: Sampler = ({ predictor, schedule, grid, xT, onStep }) => {
  const x = Float64Array.from(xT);
  const x0Hat = onStep ? new Float64Array(x.length) : null;
  let nfe = 0;
  for (let i = 0; i < grid.length; i++) {
    const t = grid[i];
    const a = abarAt(schedule, t);
    const ap = abarAt(schedule, prevOf(grid, i));
    const e = predictor(x, t);
    nfe++;
    if (x0Hat) x0HatInto(x0Hat, x, e, a);
    const dSigma = sigmaOf(ap) - sigmaOf(a);
    const sa = Math.sqrt(a);
    const sap = Math.sqrt(ap);
    for (let j = 0; j < x.length; j++) x[j] = sap * (x[j] / sa + dSigma * e[j]);
    if (x0Hat) onStep?.(i, x, x0Hat);
  }
  return { x, nfe };
};

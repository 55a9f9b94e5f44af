// DDIM (Song et al. 2021) with noise level eta (docs/math.md, "Samplers").
import { prevOf } from "../grids";
import { abarAt } from "../schedule";
import type { Sampler } from "./types";
import { x0HatInto } from "./x0hat";

export function checkEta(eta: number): void {
  if (!(eta >= 0 && eta <= 1)) throw new RangeError(`eta must be a number from 0 to 1, got ${eta}`);
}

export const ddim: Sampler = ({ predictor, schedule, grid, xT, rng, eta = 0, onStep }) => {
  checkEta(eta);
  const x = Float64Array.from(xT);
  const x0Hat = new Float64Array(x.length);
  let nfe = 0;
  for (let i = 0; i < grid.length; i++) {
    const t = grid[i];
    const a = abarAt(schedule, t);
    const ap = abarAt(schedule, prevOf(grid, i));
    const e = predictor(x, t);
    nfe++;
    const sigma = eta * Math.sqrt((1 - ap) / (1 - a)) * Math.sqrt(1 - a / ap);
    const sap = Math.sqrt(ap);
    // max(., 0) only absorbs rounding: eta <= 1 keeps 1 - a' - sigma^2 >= 0 mathematically.
    const dir = Math.sqrt(Math.max(1 - ap - sigma * sigma, 0));
    const noisy = sigma > 0;
    x0HatInto(x0Hat, x, e, a);
    for (let j = 0; j < x.length; j++) {
      x[j] = sap * x0Hat[j] + dir * e[j] + (noisy ? sigma * rng.gaussian() : 0);
    }
    onStep?.(i, x, x0Hat);
  }
  return { x, nfe };
};

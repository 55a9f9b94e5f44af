// DPM-Solver++(2M) (Lu et al. 2022): multistep, data prediction, one call per step; the first
// and the last steps are first order (docs/math.md, "Samplers").
// lambda = log(sqrt(a) / sqrt(1-a)) is the half log-SNR.
import { prevOf } from "../grids";
import { abarAt } from "../schedule";
import type { Sampler } from "./types";

const lambdaOf = (a: number) => 0.5 * Math.log(a / (1 - a));

export const dpmpp2m: Sampler = ({ predictor, schedule, grid, xT, onStep }) => {
  const x = Float64Array.from(xT);
  let nfe = 0;
  let x0Prev: Float64Array | null = null;
  let hPrev = 0;
  for (let i = 0; i < grid.length; i++) {
    const t = grid[i];
    const prev = prevOf(grid, i);
    const a = abarAt(schedule, t);
    const ap = abarAt(schedule, prev);
    const e = predictor(x, t);
    nfe++;
    const sa = Math.sqrt(a);
    const s1a = Math.sqrt(1 - a);
    const x0 = new Float64Array(x.length);
    for (let j = 0; j < x.length; j++) x0[j] = (x[j] - s1a * e[j]) / sa;
    if (prev < 0) {
      // Last step to clean data: first order, the update is x0 itself.
      x.set(x0);
    } else {
      const h = lambdaOf(ap) - lambdaOf(a);
      const ratio = Math.sqrt(1 - ap) / s1a;
      const coef = Math.sqrt(ap) * -Math.expm1(-h); // alpha' (1 - e^{-h})
      if (x0Prev === null) {
        for (let j = 0; j < x.length; j++) x[j] = ratio * x[j] + coef * x0[j];
      } else {
        const r = hPrev / h;
        const c1 = 1 + 1 / (2 * r);
        const c2 = 1 / (2 * r);
        for (let j = 0; j < x.length; j++) x[j] = ratio * x[j] + coef * (c1 * x0[j] - c2 * x0Prev[j]);
      }
      hPrev = h;
    }
    x0Prev = x0;
    onStep?.(i, x, x0);
  }
  return { x, nfe };
};

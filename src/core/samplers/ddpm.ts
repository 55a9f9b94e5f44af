// DDPM ancestral sampling (Ho et al. 2020), docs/math.md, "Samplers". On a grid with S < T the
// step uses the respaced beta' = 1 - abar[t]/abar[t_prev], which is beta_t itself when S = T.
import { prevOf } from "../grids";
import { abarAt } from "../schedule";
import type { Sampler } from "./types";
import { x0HatInto } from "./x0hat";

export const ddpm: Sampler = ({ predictor, schedule, grid, xT, rng, variance = "small", onStep }) => {
  const x = Float64Array.from(xT);
  // x0_hat is only needed by onStep: the update below is written with eps directly.
  const x0Hat = onStep ? new Float64Array(x.length) : null;
  let nfe = 0;
  for (let i = 0; i < grid.length; i++) {
    const t = grid[i];
    const prev = prevOf(grid, i);
    const a = abarAt(schedule, t);
    const ap = abarAt(schedule, prev);
    const alpha = a / ap;
    const beta = 1 - alpha;
    const e = predictor(x, t);
    nfe++;
    if (x0Hat) x0HatInto(x0Hat, x, e, a);
    const last = prev < 0;
    const sigma = last ? 0 : Math.sqrt(variance === "small" ? (beta * (1 - ap)) / (1 - a) : beta);
    const c = beta / Math.sqrt(1 - a);
    const sAlpha = Math.sqrt(alpha);
    const noisy = sigma > 0;
    for (let j = 0; j < x.length; j++) {
      x[j] = (x[j] - c * e[j]) / sAlpha + (noisy ? sigma * rng.gaussian() : 0);
    }
    if (x0Hat) onStep?.(i, x, x0Hat);
  }
  return { x, nfe };
};

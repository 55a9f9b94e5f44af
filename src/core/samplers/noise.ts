// Where stochastic samplers get their fresh noise z. A run draws 2n normals per step except the
// last, in a fixed order (step by step, then point by point, x before y), and every point's
// update uses only its own draws. So the z's can be drawn up front by a coordinator and handed to
// workers that each take a slice of the points: the result is bit-identical to one run on all
// points (docs/math.md, "Determinism, inversion and interpolation").
import type { SamplerConfig } from "../config";
import { Rng, STREAM } from "../random";
import { noiseDraws } from "./registry";

/** A source of standard normals; the seeded Rng is one. */
export interface NoiseSource {
  gaussian(): number;
}

/** Every z a run of n points with these settings draws from the seed's z stream, in order. */
export function drawNoise(
  cfg: Pick<SamplerConfig, "sampler" | "eta" | "steps">,
  n: number,
  seed: number,
): Float64Array {
  const rng = new Rng(seed, STREAM.z);
  const z = new Float64Array(noiseDraws(cfg, n));
  for (let i = 0; i < z.length; i++) z[i] = rng.gaussian();
  return z;
}

/**
 * The z's of points from..to-1 (of n) out of a run's full noise (drawNoise), as a NoiseSource for
 * a sampler run on just those points.
 */
export function noiseSlice(z: ArrayLike<number>, n: number, from: number, to: number): NoiseSource {
  if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from < to && to <= n))
    throw new RangeError(`noise slice must be 0 <= from < to <= n, got ${from}..${to} of ${n}`);
  const width = 2 * (to - from);
  let base = 2 * from;
  let k = 0;
  return {
    gaussian() {
      if (k === width) {
        base += 2 * n;
        k = 0;
      }
      const i = base + k++;
      if (i >= z.length) throw new RangeError("the run drew more noise than was drawn up front");
      return z[i];
    },
  };
}

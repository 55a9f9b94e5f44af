// Datasets and standardisation (docs/math.md, "Data and standardisation").
import tutorial from "../../data/tutorial-mog.json";
import type { Mixture2D } from "./types";

export interface Dataset {
  name: string;
  /** Training points in raw units, interleaved, float32 as generated. */
  points: Float32Array;
  /**
   * The population distribution the points were drawn from, or null when no density is known
   * (drawn, pasted, and most presets): then the perfect network is the empirical one and the
   * quality figures use the points themselves as the reference (docs/math.md, "The perfect network").
   */
  mixture: Mixture2D | null;
}

/** The tutorial's 300 points (seed 42) and its 3-component mixture. */
export function tutorialDataset(): Dataset & { mixture: Mixture2D } {
  return {
    name: tutorial.name,
    points: Float32Array.from(tutorial.points.flat()),
    mixture: tutorial.mixture as Mixture2D,
  };
}

/** Per-dimension affine map x' = (x - mean) / std (population std, dividing by n). */
export interface Standardizer {
  mean: [number, number];
  std: [number, number];
}

export const IDENTITY: Standardizer = { mean: [0, 0], std: [1, 1] };

export function fitStandardizer(points: ArrayLike<number>): Standardizer {
  const n = points.length / 2;
  const mean: [number, number] = [0, 0];
  for (let i = 0; i < n; i++) {
    mean[0] += points[2 * i];
    mean[1] += points[2 * i + 1];
  }
  mean[0] /= n;
  mean[1] /= n;
  const v = [0, 0];
  for (let i = 0; i < n; i++) {
    v[0] += (points[2 * i] - mean[0]) ** 2;
    v[1] += (points[2 * i + 1] - mean[1]) ** 2;
  }
  return { mean, std: [Math.sqrt(v[0] / n), Math.sqrt(v[1] / n)] };
}

export function toModel(s: Standardizer, raw: ArrayLike<number>): Float64Array {
  const out = new Float64Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = (raw[i] - s.mean[i & 1]) / s.std[i & 1];
  return out;
}

export function toRaw(s: Standardizer, model: ArrayLike<number>): Float64Array {
  const out = new Float64Array(model.length);
  for (let i = 0; i < model.length; i++) out[i] = model[i] * s.std[i & 1] + s.mean[i & 1];
  return out;
}

/** The exact image of a mixture under the standardising map. */
export function standardizeMixture(s: Standardizer, m: Mixture2D): Mixture2D {
  const [sx, sy] = s.std;
  return {
    weights: [...m.weights],
    means: m.means.map(([x, y]) => [(x - s.mean[0]) / sx, (y - s.mean[1]) / sy] as [number, number]),
    covs: m.covs.map(
      ([[a, b], [, c]]) =>
        [
          [a / (sx * sx), b / (sx * sy)],
          [b / (sx * sy), c / (sy * sy)],
        ] as [[number, number], [number, number]],
    ),
  };
}

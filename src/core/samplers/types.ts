import type { Schedule } from "../schedule";
import type { DdpmVariance, NoisePredictor } from "../types";
import type { NoiseSource } from "./noise";

/** Everything a sampler needs (docs/math.md, "Samplers"). All samplers take the same predictor and x_T. */
export type StepCallback = (i: number, x: Float64Array, x0Hat: Float64Array) => void;

export interface SamplerInput {
  predictor: NoisePredictor;
  schedule: Schedule;
  /** Strictly decreasing timestep indices; the last step goes to -1 (clean data). */
  grid: readonly number[];
  /** x_T in model coordinates, interleaved. */
  xT: ArrayLike<number>;
  /** Source of the fresh noise z of stochastic samplers. */
  rng: NoiseSource;
  /** DDIM noise level in [0, 1]. */
  eta?: number;
  /** DDPM ancestral variance choice. */
  variance?: DdpmVariance;
  /**
   * Called after each step with the step index i (0-based), the new x and x0Hat, the clean-data
   * prediction of the network call at the point the step started from (model coordinates). Both
   * arrays are reused by the sampler: copy them, do not keep them.
   */
  onStep?: StepCallback;
}

export interface SamplerOutput {
  x: Float64Array;
  /** Number of network calls. */
  nfe: number;
}

export type Sampler = (input: SamplerInput) => SamplerOutput;

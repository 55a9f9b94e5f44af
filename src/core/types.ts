// Shared shapes of the core. Point sets are interleaved [x0, y0, x1, y1, ...].

/** A noise predictor eps(x, t): points in model coordinates (interleaved, length 2n), t in 0..T-1. */
export type NoisePredictor = (x: Float64Array, t: number) => Float64Array;

export interface Mixture2D {
  weights: number[];
  /** means[k] = [mx, my] */
  means: [number, number][];
  /** covs[k] = [[sxx, sxy], [sxy, syy]] */
  covs: [[number, number], [number, number]][];
}

export type ScheduleKind = "linear" | "cosine";
export type Spacing = "leading" | "trailing" | "linspace";
export type SamplerKind = "ddim" | "ddpm" | "euler" | "heun" | "dpmpp2m";
export type DdpmVariance = "small" | "large";
export type Units = "standardized" | "raw";

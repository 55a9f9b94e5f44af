// Shared shapes of the core. Point sets are interleaved [x0, y0, x1, y1, ...].
// The name unions derive from the `as const` lists in core/config.ts (one home for each list).
export type { DdpmVariance, SamplerKind, ScheduleKind, Spacing, Units } from "./config";

/** A noise predictor eps(x, t): points in model coordinates (interleaved, length 2n), t in 0..T-1. */
export type NoisePredictor = (x: Float64Array, t: number) => Float64Array;

export interface Mixture2D {
  weights: number[];
  /** means[k] = [mx, my] */
  means: [number, number][];
  /** covs[k] = [[sxx, sxy], [sxy, syy]] */
  covs: [[number, number], [number, number]][];
}

// Recording a sampling run for the player: every x_t and every clean-data guess x0Hat, written
// straight into one preallocated Float32Array per field (raw units), so a 500-step, 1000-point run
// is 4 MB per field and goes to the page by transfer, not by copy (docs/architecture.md).
import type { Standardizer } from "../core/data";
import { abarAt, type Schedule } from "../core/schedule";
import type { NoisePredictor } from "../core/types";
import type { Trajectory } from "./api";

/** Largest recording allowed: frames x points (8 bytes each per field); 500 steps x 8000 points. */
export const TRAJECTORY_POINT_FRAMES_MAX = 501 * 8000;

/** Writes model-coordinate points as raw units into `out` at `offset` (the formula of core's toRaw). */
function writeRaw(
  s: Standardizer,
  model: ArrayLike<number>,
  count: number,
  out: Float32Array,
  offset: number,
) {
  for (let j = 0; j < count; j++) out[offset + j] = model[j] * s.std[j & 1] + s.mean[j & 1];
}

/**
 * Records the first `n` points of a run with `steps` steps. Use `wrap(predictor)` as the sampler's
 * predictor and `onStep` as its step callback. x0Hat of a step is (x_t - sqrt(1-abar_t) eps)/sqrt(abar_t)
 * from the step's first network call (docs/math.md, "Samplers"); when the sampler hands its own x0Hat
 * to onStep, that one is used instead.
 */
export class TrajectoryRecorder {
  readonly x: Float32Array;
  readonly x0Hat: Float32Array;
  private readonly width: number;
  /** x0Hat (model coordinates) of the step in progress, from its first network call. */
  private readonly pending: Float64Array;
  private fresh = true;

  constructor(
    private readonly standardizer: Standardizer,
    private readonly schedule: Schedule,
    readonly steps: number,
    readonly n: number,
    xT: ArrayLike<number>,
  ) {
    this.width = 2 * n;
    this.x = new Float32Array((steps + 1) * this.width);
    this.x0Hat = new Float32Array(steps * this.width);
    this.pending = new Float64Array(this.width);
    writeRaw(standardizer, xT, this.width, this.x, 0);
  }

  wrap(predictor: NoisePredictor): NoisePredictor {
    return (x, t) => {
      const e = predictor(x, t);
      if (this.fresh) {
        // x is the sampler's working array, updated in place after this call: read it now.
        const a = abarAt(this.schedule, t);
        const sa = Math.sqrt(a);
        const s1a = Math.sqrt(1 - a);
        for (let j = 0; j < this.width; j++) this.pending[j] = (x[j] - s1a * e[j]) / sa;
        this.fresh = false;
      }
      return e;
    };
  }

  readonly onStep = (i: number, x: Float64Array, x0Hat?: Float64Array): void => {
    if (i < 0 || i >= this.steps) return;
    writeRaw(this.standardizer, x, this.width, this.x, (i + 1) * this.width);
    writeRaw(this.standardizer, x0Hat ?? this.pending, this.width, this.x0Hat, i * this.width);
    this.fresh = true;
  };

  result(): Trajectory {
    return { x: this.x, x0Hat: this.x0Hat, frames: this.steps + 1, n: this.n };
  }
}

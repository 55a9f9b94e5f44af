// Recording a sampling run for the player: every x_t and every clean-data guess x0Hat, written
// straight into one preallocated Float32Array per field (raw units), so a 500-step, 1000-point run
// is 4 MB per field and goes to the page by transfer, not by copy (docs/architecture.md).
import type { Standardizer } from "../core/data";
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
 * Records the first `n` points of a run with `steps` steps: pass `onStep` as the sampler's step
 * callback; it receives x_t and the step's x0Hat (docs/math.md, "Samplers") and copies them here.
 */
export class TrajectoryRecorder {
  readonly x: Float32Array;
  readonly x0Hat: Float32Array;
  private readonly width: number;

  constructor(
    private readonly standardizer: Standardizer,
    readonly steps: number,
    readonly n: number,
    xT: ArrayLike<number>,
  ) {
    this.width = 2 * n;
    this.x = new Float32Array((steps + 1) * this.width);
    this.x0Hat = new Float32Array(steps * this.width);
    writeRaw(standardizer, xT, this.width, this.x, 0);
  }

  readonly onStep = (i: number, x: Float64Array, x0Hat: Float64Array): void => {
    if (i < 0 || i >= this.steps) return;
    writeRaw(this.standardizer, x, this.width, this.x, (i + 1) * this.width);
    writeRaw(this.standardizer, x0Hat, this.width, this.x0Hat, i * this.width);
  };

  result(): Trajectory {
    return { x: this.x, x0Hat: this.x0Hat, frames: this.steps + 1, n: this.n };
  }
}

// One unit of pooled sampling, run inside a worker: the points [offset, offset + m) of an
// n-point request. Every sampler acts on each point separately (docs/math.md, "Samplers"), so a
// unit gives exactly the rows a whole run gives, provided it sees the same x_T rows and the same
// fresh noise z: SkipRng replays the z stream of the whole run and hands this unit only its own
// draws, so pooled results equal a single worker's for the same seed, whatever the pool size.
import type { SamplerConfig } from "../core/config";
import type { Problem } from "../core/experiment";
import { makeGrid } from "../core/grids";
import { Rng, STREAM } from "../core/random";
import { SAMPLERS } from "../core/samplers";
import type { NoisePredictor } from "../core/types";
import type { Trajectory } from "./api";
import { TrajectoryRecorder } from "./trajectory";

export interface SampleUnit {
  sampler: SamplerConfig;
  model: "network" | "oracle" | "empirical";
  seed: number;
  /** x_T rows of this unit, model coordinates, interleaved. */
  xT: Float32Array;
  /** First point of this unit in the whole request, and the request's number of points. */
  offset: number;
  total: number;
  trajectory?: boolean;
}

export interface UnitResult {
  /** Samples of this unit's points, raw units. */
  samples: Float32Array;
  grid: number[];
  nfe: number;
  ms: number;
  trajectory?: Trajectory;
}

/**
 * The z stream of the whole n-point run, seen by the rows [offset, offset + m). Samplers draw,
 * in a noisy step, one z per coordinate in row order; a step that draws nothing draws nothing for
 * every row. So in step s the whole run draws d_s * total / m values when this unit drew d_s, and
 * this unit's k-th draw of the step is the whole run's draw (stepStart + 2 offset + k).
 */
export class SkipRng extends Rng {
  private consumed = 0;
  private stepStart = 0;
  private drawnThisStep = 0;

  constructor(
    seed: number,
    private readonly offset: number,
    private readonly m: number,
    private readonly total: number,
  ) {
    super(seed, STREAM.z);
  }

  override gaussian(): number {
    const target = this.stepStart + 2 * this.offset + this.drawnThisStep;
    if (this.consumed < target) {
      this.skipGaussians(target - this.consumed);
      this.consumed = target;
    }
    this.consumed++;
    this.drawnThisStep++;
    return super.gaussian();
  }

  /** Called after every sampler step. */
  endStep(): void {
    this.stepStart += (this.drawnThisStep / this.m) * this.total;
    this.drawnThisStep = 0;
  }
}

export function runUnit(problem: Problem, predictor: NoisePredictor, u: SampleUnit): UnitResult {
  const m = u.xT.length / 2;
  const rng = new SkipRng(u.seed, u.offset, m, u.total);
  const grid = makeGrid(u.sampler.spacing, problem.config.T, u.sampler.steps);
  const recorder = u.trajectory ? new TrajectoryRecorder(problem.standardizer, grid.length, m, u.xT) : null;
  const t0 = performance.now();
  const { x, nfe } = SAMPLERS[u.sampler.sampler].run({
    predictor,
    schedule: problem.schedule,
    grid,
    xT: u.xT,
    rng,
    eta: u.sampler.eta,
    variance: u.sampler.variance,
    onStep: (i, xs, x0Hat) => {
      rng.endStep();
      recorder?.onStep(i, xs, x0Hat);
    },
  });
  const ms = performance.now() - t0;
  const s = problem.standardizer;
  const samples = new Float32Array(x.length);
  for (let j = 0; j < x.length; j++) samples[j] = x[j] * s.std[j & 1] + s.mean[j & 1];
  const out: UnitResult = { samples, grid, nfe, ms };
  if (recorder) out.trajectory = recorder.result();
  return out;
}

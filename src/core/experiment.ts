// One place that turns (dataset, problem config, predictor, sampler config, x_T, seed) into a
// sample set with its grid, NFE and quality figures. The CLI, the worker and the tests share it.
import type { ProblemConfig, SamplerConfig } from "./config";
import {
  type Dataset,
  fitStandardizer,
  IDENTITY,
  type Standardizer,
  standardizeMixture,
  toModel,
  toRaw,
} from "./data";
import { makeGrid } from "./grids";
import { empiricalMixture, perfectPredictor } from "./mixture";
import { Rng, STREAM } from "./random";
import { type NoiseSource, SAMPLERS, type StepCallback } from "./samplers";
import { makeSchedule, type Schedule } from "./schedule";
import type { Mixture2D, NoisePredictor } from "./types";

export interface Problem {
  config: ProblemConfig;
  dataset: Dataset;
  schedule: Schedule;
  standardizer: Standardizer;
  /** The population mixture in model coordinates (null when the data has no known density). */
  modelMixture: Mixture2D | null;
  /** Training points in model coordinates. */
  modelPoints: Float64Array;
}

export function makeProblem(dataset: Dataset, config: ProblemConfig): Problem {
  const standardizer = config.units === "standardized" ? fitStandardizer(dataset.points) : IDENTITY;
  return {
    config,
    dataset,
    schedule: makeSchedule(config.schedule, config.T),
    standardizer,
    modelMixture: dataset.mixture ? standardizeMixture(standardizer, dataset.mixture) : null,
    modelPoints: toModel(standardizer, dataset.points),
  };
}

export type OracleKind = "oracle" | "empirical";

/**
 * Which perfect network "oracle" means for this data: the exact mixture oracle where the density
 * is known, the memorising (empirical) optimum otherwise (docs/math.md, "The perfect network").
 */
export function perfectKind(problem: Problem, kind: OracleKind = "oracle"): OracleKind {
  return kind === "oracle" && problem.modelMixture ? "oracle" : "empirical";
}

/** The perfect network for the population mixture, or the memorising empirical one. */
export function oraclePredictor(problem: Problem, kind: OracleKind): NoisePredictor {
  const m =
    perfectKind(problem, kind) === "oracle" && problem.modelMixture
      ? problem.modelMixture
      : empiricalMixture(problem.modelPoints);
  return perfectPredictor(m, problem.schedule);
}

/** x_T ~ N(0, I) for n points, from the seed's x_T stream. */
export function drawXT(n: number, seed: number): Float32Array {
  return new Rng(seed, STREAM.xT).gaussianArray(2 * n);
}

export interface SampleRun {
  grid: number[];
  nfe: number;
  /** Samples in model coordinates. */
  model: Float64Array;
  /** Samples in raw data units. */
  raw: Float64Array;
}

/**
 * Runs one sampler. The z's of stochastic samplers come from the seed's z stream, so the run is
 * a pure function of (predictor, config, x_T, seed). Instead of a seed, a NoiseSource can supply
 * the z's (a slice of noise drawn up front: samplers/noise.ts). onStep receives model-coordinate
 * x and x0Hat.
 */
export function runSampler(
  problem: Problem,
  predictor: NoisePredictor,
  cfg: SamplerConfig,
  xT: ArrayLike<number>,
  seed: number | NoiseSource,
  onStep?: StepCallback,
): SampleRun {
  const grid = makeGrid(cfg.spacing, problem.config.T, cfg.steps);
  const { x, nfe } = SAMPLERS[cfg.sampler].run({
    predictor,
    schedule: problem.schedule,
    grid,
    xT,
    rng: typeof seed === "number" ? new Rng(seed, STREAM.z) : seed,
    eta: cfg.eta,
    variance: cfg.variance,
    onStep,
  });
  return { grid, nfe, model: x, raw: toRaw(problem.standardizer, x) };
}

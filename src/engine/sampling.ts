// Sampling, inversion and interpolation on plain arrays (docs/math.md, "Samplers" and
// "Determinism, inversion and interpolation"). Pure functions of
// (problem, predictor, request): the engine picks the predictor and validates the request first.
import { DEFAULT_SAMPLER, type SamplerConfig } from "../core/config";
import { toModel } from "../core/data";
import { drawXT, type Problem, runSampler } from "../core/experiment";
import { makeGrid } from "../core/grids";
import { ddimInvert, interpolationPath } from "../core/interpolate";
import { quality, type Reference } from "../core/metrics";
import { Rng, STREAM } from "../core/random";
import type { NoisePredictor, Spacing } from "../core/types";
import type { InterpolateResult, InvertResult, SampleRequest, SamplesOnly } from "./api";
import type { ParsedInterpolation } from "./requests";
import { TrajectoryRecorder } from "./trajectory";

const now = () => performance.now();

/** Human-readable warning when some samples are NaN/Inf (they are reported, not drawn). */
export function nonFiniteWarning(nonFinite: number, n: number): string | undefined {
  if (nonFinite === 0) return undefined;
  return (
    `${nonFinite} of ${n} samples are not finite numbers (NaN or infinity); they are left out of the plot ` +
    "and of the quality figures. The network has probably diverged: retrain it with a lower learning rate."
  );
}

/** Number of points with a non-finite coordinate (what the warning counts without the figures). */
export function countNonFinite(samples: ArrayLike<number>): number {
  let bad = 0;
  for (let i = 0; i + 1 < samples.length; i += 2)
    if (!Number.isFinite(samples[i]) || !Number.isFinite(samples[i + 1])) bad++;
  return bad;
}

/** A request's result; its quality figures only when asked (`quality: false` skips them). */
export function sampleWith(
  problem: Problem,
  predictor: NoisePredictor,
  ref: Reference,
  req: SampleRequest,
  xTCache?: Map<string, Float32Array>,
): SamplesOnly {
  const xT = req.xT ?? cachedXT(req.n, req.seed, xTCache);
  const n = xT.length / 2;
  const k = req.trajectoryPoints ?? 0;
  const recorder = k > 0 ? new TrajectoryRecorder(problem.standardizer, req.sampler.steps, k, xT) : null;
  const t0 = now();
  const run = runSampler(problem, predictor, req.sampler, xT, req.seed, recorder?.onStep);
  const ms = now() - t0;
  const result: SamplesOnly = {
    samples: Float32Array.from(run.raw),
    grid: run.grid,
    nfe: run.nfe,
    ms,
  };
  if (req.quality !== false) result.quality = quality(run.raw, ref);
  if (recorder) result.trajectory = recorder.result();
  const warning = nonFiniteWarning(result.quality?.nonFinite ?? countNonFinite(run.raw), n);
  if (warning) result.warning = warning;
  return result;
}

/** Columns of a comparison share x_T: the same (n, seed) gives the same array, drawn once. */
function cachedXT(n: number, seed: number, cache?: Map<string, Float32Array>): Float32Array {
  const key = `${n}:${seed}`;
  let xT = cache?.get(key);
  if (!xT) {
    xT = drawXT(n, seed);
    cache?.set(key, xT);
  }
  return xT;
}

/** Root mean square of the per-point Euclidean error, raw units. */
export function rmse(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s / (a.length / 2));
}

export function invertWith(
  problem: Problem,
  predictor: NoisePredictor,
  req: { points: Float32Array; steps: number; spacing: Spacing },
): InvertResult {
  const grid = makeGrid(req.spacing, problem.config.T, req.steps);
  const x0 = toModel(problem.standardizer, req.points);
  const { x: latents } = ddimInvert(predictor, problem.schedule, grid, x0);
  const cfg = {
    ...DEFAULT_SAMPLER,
    sampler: "ddim" as const,
    eta: 0,
    steps: req.steps,
    spacing: req.spacing,
  };
  const decoded = runSampler(problem, predictor, cfg, latents, 0);
  return {
    latents: Float32Array.from(latents),
    reconstructed: Float32Array.from(decoded.raw),
    rmse: rmse(req.points, decoded.raw),
  };
}

/** Endpoints: given, or drawn from the seed's endpoint stream (za first, then zb). */
export function endpointsOf(req: ParsedInterpolation): [Float64Array, Float64Array] {
  if (req.za && req.zb) return [req.za, req.zb];
  const rng = new Rng(req.seed, STREAM.endpoints);
  return [Float64Array.from(rng.gaussianArray(2 * req.n)), Float64Array.from(rng.gaussianArray(2 * req.n))];
}

/** The sampler that decodes interpolation frames: DDIM, eta = 0, the default spacing. */
export function decoderOf(steps: number): SamplerConfig {
  return { ...DEFAULT_SAMPLER, sampler: "ddim", eta: 0, steps };
}

export function interpolateWith(
  problem: Problem,
  predictor: NoisePredictor,
  req: ParsedInterpolation,
): InterpolateResult {
  const [za, zb] = endpointsOf(req);
  const { u, noise, normSlerp, normLerp } = interpolationPath(req.path, za, zb, req.frames);
  const t0 = now();
  // All frames are decoded in one batched sampler call: DDIM eta=0 acts on each point separately.
  const run = runSampler(problem, predictor, decoderOf(req.steps), noise, req.seed);
  return { noise, decoded: Float32Array.from(run.raw), normSlerp, normLerp, u, ms: now() - t0 };
}

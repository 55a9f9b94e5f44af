// Interpolation on the sampling pool: the page builds the frames' latents (the same core code as
// the engine's interpolateWith) and the pool decodes them, split into units over its workers like
// any deterministic sampling call (DDIM eta = 0 acts on each point separately: docs/math.md,
// "Determinism, inversion and interpolation"), so the result equals one worker's interpolate.
// The client starts it once the sampling calls already in the pool are done (at start-up: after
// the grid's columns, which it would otherwise delay), or after a time limit (docs/bench.md,
// "Page timings").

import { interpolationPath } from "../core/interpolate";
import { T_MAX } from "../core/schedule";
import type { InterpolateRequest, InterpolateResult } from "./api";
import type { SamplingPool } from "./pool";
import { parseInterpolateRequest } from "./requests";
import { decoderOf, endpointsOf } from "./sampling";

export async function pooledInterpolate(
  pool: SamplingPool,
  req: InterpolateRequest,
): Promise<InterpolateResult> {
  // Checked whole here (steps against T again by the workers), before any unit runs.
  const r = parseInterpolateRequest(req, T_MAX);
  const [za, zb] = endpointsOf(r);
  const { u, noise, normSlerp, normLerp } = interpolationPath(r.path, za, zb, r.frames);
  const run = await pool.sample({
    sampler: decoderOf(r.steps),
    model: r.model,
    n: noise.length / 2,
    seed: r.seed,
    // A copy: the pool slices it per unit, and the result hands `noise` itself to the page.
    xT: noise.slice(),
    quality: false,
  });
  return { noise, decoded: run.samples, normSlerp, normLerp, u, ms: run.ms };
}

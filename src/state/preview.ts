// The training panel's live preview: a few hundred samples of DDIM eta=0 in 20 steps on the
// current EMA weights, re-drawn about once a second while a run trains (the worker answers
// between chunks) and on request while paused. The same x_T every time, so the picture changes
// only because the network does (docs/math.md, "Determinism, inversion and interpolation").
import { DEFAULT_SAMPLER } from "../core/config";
import type { SampleRequest } from "../engine/api";

export const PREVIEW_POINTS = 300;
export const PREVIEW_STEPS = 20;
/** Least time between two preview requests while training. */
export const PREVIEW_EVERY_MS = 1000;
const PREVIEW_SEED = 20261129;

export const previewRequest = (): SampleRequest => ({
  sampler: { ...DEFAULT_SAMPLER, sampler: "ddim", eta: 0, steps: PREVIEW_STEPS, spacing: "trailing" },
  model: "network",
  n: PREVIEW_POINTS,
  seed: PREVIEW_SEED,
});

export interface PreviewShot {
  samples: Float32Array;
  /** The network's step count when the samples were drawn. */
  step: number;
}

/**
 * Whether a preview is due: only while the worker trains and its network has steps (a new run's
 * first chunk has arrived; before it the engine still holds the previous network), at most every
 * PREVIEW_EVERY_MS, one at a time.
 */
export function previewDue(o: {
  training: boolean;
  step: number;
  busy: boolean;
  lastAt: number;
  now: number;
}): boolean {
  return o.training && o.step > 0 && !o.busy && o.now - o.lastAt >= PREVIEW_EVERY_MS;
}

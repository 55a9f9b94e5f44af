// The training panel's live preview: a few hundred samples of DDIM eta=0 in 20 steps on the
// current EMA weights, re-drawn about once a second while a run trains (less often where a
// preview is slow, see PREVIEW_BUDGET) (the worker answers
// between chunks) and on request while paused. The same x_T every time, so the picture changes
// only because the network does (docs/math.md, "Determinism, inversion and interpolation").
import { DEFAULT_SAMPLER } from "../core/config";
import type { SampleRequest } from "../engine/api";

export const PREVIEW_POINTS = 300;
export const PREVIEW_STEPS = 20;
/** Least time between two preview requests while training. */
export const PREVIEW_EVERY_MS = 1000;
/**
 * Share of the run's wall time the preview may take. A preview costs the worker ~40 ms on an idle
 * laptop (sampling + quality figures) but several hundred ms on a loaded machine, so the gap
 * between previews grows with their measured cost: never more than this share, on any machine.
 */
export const PREVIEW_BUDGET = 0.08;
/**
 * The longest gap: a round trip also counts time queued behind other work (the comparison grid),
 * which the preview did not cost, so the measured cost can overstate it; still a picture every 10 s.
 */
export const PREVIEW_MAX_GAP_MS = 10_000;
const PREVIEW_SEED = 20261129;

export const previewRequest = (): SampleRequest => ({
  sampler: { ...DEFAULT_SAMPLER, sampler: "ddim", eta: 0, steps: PREVIEW_STEPS, spacing: "trailing" },
  model: "network",
  n: PREVIEW_POINTS,
  seed: PREVIEW_SEED,
  // Its own scheduling lane: a newer preview replaces an older one, the grid's calls never do.
  lane: "training-preview",
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
  /** Round trip of the last preview (ms), 0 before the first. */
  costMs: number;
  now: number;
}): boolean {
  const gap = Math.min(PREVIEW_MAX_GAP_MS, Math.max(PREVIEW_EVERY_MS, o.costMs / PREVIEW_BUDGET));
  return o.training && o.step > 0 && !o.busy && o.now - o.lastAt >= gap;
}

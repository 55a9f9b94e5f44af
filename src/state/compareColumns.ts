// Pure helpers of the comparison grid's columns: which column "Add column" offers, the order in
// which columns are sent to the worker, the trajectory a result carries, and the repeat check.
import { DEFAULT_SAMPLER, type SamplerConfig } from "../core/config";
import type { ModelChoice, SampleResult } from "../engine/api";

/** A column's settings (the grid adds an id). */
export interface ColumnSpec {
  sampler: SamplerConfig;
  model: ModelChoice;
}

/**
 * The reverse process of one column: frames (S+1, x_T first) x n points x 2, raw units, in one
 * Float32Array; x0Hat (S frames, the network's clean-data guess used by each step) when the
 * engine records it.
 */
export interface Trajectory {
  x: Float32Array;
  x0Hat: Float32Array | null;
  frames: number;
  n: number;
}

/** More columns do not fit a projector's width, and each one is a full sampling run. */
export const MAX_COLUMNS = 6;
export const columnLimitText = () =>
  `The grid holds at most ${MAX_COLUMNS} columns: remove one to add another.`;

/** What "Add column" offers, in order: the first one not already in the grid is added. */
const SUGGESTIONS: readonly ColumnSpec[] = [
  { sampler: { ...DEFAULT_SAMPLER, eta: 0, steps: 50 }, model: "oracle" },
  { sampler: { ...DEFAULT_SAMPLER, eta: 0, steps: 10 }, model: "network" },
  { sampler: { ...DEFAULT_SAMPLER, sampler: "heun", steps: 25 }, model: "network" },
  { sampler: { ...DEFAULT_SAMPLER, sampler: "dpmpp2m", steps: 20 }, model: "network" },
  { sampler: { ...DEFAULT_SAMPLER, eta: 1, steps: 50 }, model: "network" },
  { sampler: { ...DEFAULT_SAMPLER, sampler: "euler", steps: 50 }, model: "network" },
  { sampler: { ...DEFAULT_SAMPLER, eta: 0, steps: 50 }, model: "empirical" },
];

const specKey = (c: ColumnSpec) => JSON.stringify([c.sampler, c.model]);

/** A column that adds something to the grid (not a copy of one already there), fitted to T. */
export function suggestColumn(columns: readonly ColumnSpec[], T: number): ColumnSpec {
  const have = new Set(columns.map(specKey));
  const fit = (c: ColumnSpec) => ({
    ...c,
    sampler: { ...c.sampler, steps: Math.min(c.sampler.steps, T) },
  });
  const fresh = SUGGESTIONS.map(fit).find((c) => !have.has(specKey(c)));
  // Every suggestion is there already: a DDIM column with a step count nobody uses yet.
  if (fresh) return fresh;
  const used = new Set(columns.map((c) => c.sampler.steps));
  const steps = [5, 20, 100, 200, 1000, 2000].find((s) => s <= T && !used.has(s)) ?? Math.min(T, 25);
  return { sampler: { ...DEFAULT_SAMPLER, steps }, model: "network" };
}

/** Network calls of a column, roughly: the order in which columns are sent to the worker. */
export function columnCost(c: ColumnSpec): number {
  return c.sampler.steps * (c.sampler.sampler === "heun" ? 2 : 1);
}

/** The trajectory of a result as one Float32Array of (S+1) x n x 2, or null when there is none. */
export function trajectoryOf(result: SampleResult, n: number): Trajectory | null {
  const t: unknown = result.trajectory;
  if (t instanceof Float32Array) {
    const frames = t.length / (2 * n);
    return Number.isInteger(frames) && frames >= 2 ? { x: t, x0Hat: null, frames, n } : null;
  }
  if (t && typeof t === "object" && "x" in t && (t as { x: unknown }).x instanceof Float32Array) {
    const r = t as { x: Float32Array; x0Hat?: Float32Array; frames: number; n: number };
    return { x: r.x, x0Hat: r.x0Hat ?? null, frames: r.frames, n: r.n };
  }
  return null;
}

/** Largest |a_i - b_i|, NaN-aware (a NaN on either side counts as an infinite difference). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    m = Number.isNaN(d) ? Number.POSITIVE_INFINITY : Math.max(m, d);
  }
  return m;
}

// Pure helpers of the comparison grid's columns: which column "Add column" offers, the order in
// which columns are sent to the worker, the request a column sends, the trajectory a result carries
// and the repeat check.
export type { Trajectory } from "../engine/api";
export { MAX_COLUMNS };

import { DEFAULT_SAMPLER, MAX_COLUMNS, type SamplerConfig, SEED_MAX } from "../core/config";
import { drawXT } from "../core/experiment";
import { Rng } from "../core/random";
import { SAMPLERS } from "../core/samplers/registry";
import type { ModelChoice, SampleRequest, SampleResult, Trajectory } from "../engine/api";

/** A column's settings (the grid adds an id). */
export interface ColumnSpec {
  sampler: SamplerConfig;
  model: ModelChoice;
}

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
  return SAMPLERS[c.sampler.sampler].nfe(c.sampler.steps);
}

/** The recorded reverse process of a result ((S+1) x n x 2 x_t, S x n x 2 x0Hat), or null. */
export function trajectoryOf(result: SampleResult): Trajectory | null {
  const t = result.trajectory;
  return t && t.frames >= 2 && t.x.length === 2 * t.n * t.frames ? t : null;
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

/** The engine request of a column: its own copy of x_T (drawXT(n, seed)) and the z seed. */
export function request(col: ColumnSpec, n: number, xTSeed: number, zSeed: number): SampleRequest {
  // Each request gets its own copy of x_T: the client may transfer (detach) the buffers it sends.
  // The whole trajectory comes along (S+1 frames of all n points) so the player needs no re-run.
  return {
    sampler: col.sampler,
    model: col.model,
    n,
    seed: zSeed,
    xT: drawXT(n, xTSeed),
    trajectory: true,
  };
}

/** A seed for the z's of a repeat run: different from every earlier one, still reproducible. */
export function zSeedFor(seed: number, repeat: number): number {
  return new Rng(seed, 1000 + repeat).nextUint32() % (SEED_MAX + 1);
}

/** "" and non-numbers become NaN so the schema reports "... must be a number". */
export function toNumber(v: string | number): number {
  if (typeof v === "number") return v;
  return v.trim() === "" ? Number.NaN : Number(v);
}

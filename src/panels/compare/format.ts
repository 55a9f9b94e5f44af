// Short, consistent wording for columns and figures (shared by the grid, the chart and the tests).

import { formatEnergy } from "../../core/energy";
import { SAMPLERS, samplerTitle } from "../../core/samplers/registry";
import type { ColumnSpec } from "../../state/compareColumns";

/** "DDIM eta=0, S=50", from the sampler registry; eta=1 over a long grid is DDPM in disguise. */
export function columnTitle(col: ColumnSpec): string {
  const s = col.sampler;
  const ddpmLike = SAMPLERS[s.sampler].params.eta && s.eta === 1 && s.steps >= 500;
  return `${samplerTitle(s)}, S=${s.steps}${ddpmLike ? " (DDPM-equivalent)" : ""}`;
}

export const fixed = (v: number, digits: number) => (Number.isFinite(v) ? v.toFixed(digits) : "n/a");
export const percent = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)}%` : "n/a");

/** A difference readout that says "0" only when it is exactly zero. */
export function diffText(d: number): string {
  if (d === 0) return "0 (bit-identical)";
  if (!Number.isFinite(d)) return "not comparable";
  return d < 1e-3 ? d.toExponential(2) : d.toFixed(3);
}

/**
 * An energy distance with +-2 standard errors: "0.0123 ± 0.0082". A negative estimate within
 * 2 SE of 0 reads "0 (within noise)" (core's formatEnergy): the distance itself is never negative.
 */
export function energyText(value: number, se: number): string {
  const core = formatEnergy({ value, se }, 4);
  if (core === "n/a" || core === "0 (within noise)" || !Number.isFinite(se)) return core;
  return `${value.toFixed(4)} ± ${(2 * se).toFixed(4)}`;
}

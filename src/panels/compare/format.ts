// Short, consistent wording for columns and figures (shared by the grid, the chart and the tests).

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
 * An energy distance with its uncertainty (2 sd): "0.012 ± 0.010". A negative estimate reads
 * "0 (within noise)": the distance itself is >= 0, but an unbiased estimate of a distance near 0
 * comes out below 0 about half of the time.
 */
export function energyText(value: number, noise: number): string {
  if (!Number.isFinite(value)) return "n/a";
  const pm = `\u00b1 ${noise.toFixed(3)}`;
  return value < 0 ? `0 (within noise, ${pm})` : `${value.toFixed(3)} ${pm}`;
}

// Short, consistent wording for columns and figures (shared by the grid, the chart and the tests).

import { SAMPLER_LABELS } from "../../core/samplers";
import type { SamplerKind } from "../../core/types";
import type { CompareColumn } from "../../state/compare";

/** Which settings a sampler reads (the others are hidden in its column). */
export function samplerParams(kind: SamplerKind): { eta: boolean; variance: boolean; spacing: boolean } {
  return { eta: kind === "ddim", variance: kind === "ddpm", spacing: true };
}

export function columnTitle(col: CompareColumn): string {
  const s = col.sampler;
  const head = s.sampler === "ddim" ? `DDIM eta=${s.eta}` : SAMPLER_LABELS[s.sampler];
  const tag = s.sampler === "ddim" && s.eta === 1 && s.steps >= 500 ? " (DDPM-equivalent)" : "";
  return `${head}, S=${s.steps}${tag}`;
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

// Short, consistent wording for columns and figures (shared by the grid, the chart and the tests).
import { SAMPLER_LABELS } from "../../core/samplers";
import type { CompareColumn } from "../../state/compare";

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

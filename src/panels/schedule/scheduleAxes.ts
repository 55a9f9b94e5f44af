// What the schedule charts (ScheduleCharts.tsx) and their lazily loaded plots (SchedulePlot.tsx)
// share: the series, the tick format and the plot-area insets the grid overlay lines up with.
import { OKABE_ITO } from "../../ui/palette";

export const SERIES = [
  { key: "beta", name: "β_t", color: OKABE_ITO.vermillion, scale: "linear" as const },
  { key: "abar", name: "ᾱ_t", color: OKABE_ITO.blue, scale: "linear" as const },
  { key: "snr", name: "SNR_t = ᾱ/(1−ᾱ) (log)", color: OKABE_ITO.green, scale: "log" as const },
] as const;

export type Series = (typeof SERIES)[number];

/** Short tick labels: 0.005, 0.25, 1e3, 1e-4 (the SNR axis spans 8 decades). */
export function fmt(v: number): string {
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e3) return String(+v.toPrecision(3));
  const [m, e] = v.toExponential(1).split("e");
  return `${m === "1.0" ? "1" : m}e${Number(e)}`;
}

/** Room for half a label beyond the plot area: the top y label and the last t label (T - 1, up to
 * four digits) are centred on its edges. */
export const MARGIN = { top: 9, right: 18, bottom: 4, left: 4 };
export const Y_AXIS_WIDTH = 56;
export const X_AXIS_HEIGHT = 30;

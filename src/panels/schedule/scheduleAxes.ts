// What the schedule charts (ScheduleCharts.tsx) and their lazily loaded plots (SchedulePlot.tsx)
// share: the series, the ticks and their format, and the plot-area insets the grid overlay lines
// up with. The ticks are chosen here, few enough to never overlap at the panel's narrowest, so
// recharts draws them all (interval 0) instead of measuring every label in the DOM to drop the
// ones that would collide: a forced layout per label, ~60 ms of the page's thread at start-up.
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

/** The smallest of 1, 2, 2.5, 5 times a power of ten that is >= x (x > 0). */
function niceAtLeast(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x * (1 - 1e-9)) return m * p;
  return 10 * p;
}

/** t axis: multiples of a round step (about five), then T - 1, the last timestep. */
export function timeTicks(T: number): number[] {
  const last = Math.max(1, T - 1);
  const step = Math.max(1, niceAtLeast(last / 5));
  const ticks: number[] = [];
  // A multiple closer than 0.6 steps to T - 1 would crowd its label: T - 1 replaces it.
  for (let t = 0; t <= last - 0.6 * step; t += step) ticks.push(t);
  ticks.push(last);
  return ticks;
}

/** A linear axis from 0: [0, top / 2, top] with top a round value >= max. */
export function linearAxis(max: number): { domain: [number, number]; ticks: number[] } {
  const top = max > 0 && Number.isFinite(max) ? niceAtLeast(max) : 1;
  return { domain: [0, top], ticks: [0, top / 2, top] };
}

/** A log axis over whole decades around [min, max]: at most five labelled decades. */
export function decadeAxis(min: number, max: number): { domain: [number, number]; ticks: number[] } {
  const ok = min > 0 && max >= min && Number.isFinite(max);
  const lo = ok ? Math.floor(Math.log10(min)) : -1;
  const hi = ok ? Math.max(lo + 1, Math.ceil(Math.log10(max))) : 1;
  const every = Math.ceil((hi - lo + 1) / 5);
  const ticks: number[] = [];
  for (let e = lo; e <= hi; e++) if (((e % every) + every) % every === 0) ticks.push(10 ** e);
  return { domain: [10 ** lo, 10 ** hi], ticks };
}

// The terminal signal level (docs/math.md, "Data and standardisation"): how far each cluster's mean still is from the
// origin at the last step, sqrt(abar[T-1]) * |mu_k|, in raw and in standardised units.
import { fitStandardizer, standardizeMixture } from "../../core/data";
import type { Schedule } from "../../core/schedule";
import type { Mixture2D } from "../../core/types";

export interface TerminalRow {
  k: number;
  mean: [number, number];
  raw: number;
  standardized: number;
}

export function terminalSignal(
  schedule: Schedule,
  mixture: Mixture2D,
  points: ArrayLike<number>,
): {
  sqrtAbarLast: number;
  rows: TerminalRow[];
} {
  const s = Math.sqrt(schedule.abar[schedule.T - 1]);
  const std = standardizeMixture(fitStandardizer(points), mixture);
  const rows = mixture.means.map((m, k) => ({
    k: k + 1,
    mean: m,
    raw: s * Math.hypot(m[0], m[1]),
    standardized: s * Math.hypot(std.means[k][0], std.means[k][1]),
  }));
  return { sqrtAbarLast: s, rows };
}

export interface ScheduleRow {
  t: number;
  beta: number;
  abar: number;
  snr: number;
}

/** Chart rows, thinned to about maxRows (T can be 2000). */
export function scheduleRows(schedule: Schedule, maxRows = 500): ScheduleRow[] {
  const every = Math.max(1, Math.ceil(schedule.T / maxRows));
  const rows: ScheduleRow[] = [];
  for (let t = 0; t < schedule.T; t++) {
    if (t % every !== 0 && t !== schedule.T - 1) continue;
    const a = schedule.abar[t];
    rows.push({ t, beta: schedule.beta[t], abar: a, snr: a / (1 - a) });
  }
  return rows;
}

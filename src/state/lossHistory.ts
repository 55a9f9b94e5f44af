// The loss curve's data: one point per training chunk (mean loss of its steps) plus an
// exponentially smoothed line, thinned for drawing so a 200k-step run stays cheap to render.

export interface LossPoint {
  /** Training step at the end of the chunk. */
  step: number;
  /** Mean loss of the chunk (diverged chunks are not recorded). */
  loss: number;
}

export function chunkPoint(endStep: number, losses: ArrayLike<number>): LossPoint | null {
  if (losses.length === 0) return null;
  let s = 0;
  for (let i = 0; i < losses.length; i++) s += losses[i];
  return { step: endStep, loss: s / losses.length };
}

/** A per-step history (e.g. from a saved network) binned into points of `bin` steps. */
export function binHistory(history: ArrayLike<number>, bin = 50): LossPoint[] {
  const out: LossPoint[] = [];
  for (let start = 0; start < history.length; start += bin) {
    const end = Math.min(history.length, start + bin);
    let s = 0;
    for (let i = start; i < end; i++) s += history[i];
    out.push({ step: end, loss: s / (end - start) });
  }
  return out;
}

export interface ChartPoint {
  step: number;
  raw: number | null;
  smooth: number | null;
}

/** Thinned points with an exponential moving average (finite, positive values only: log axis). */
export function chartPoints(points: LossPoint[], maxPoints = 400): ChartPoint[] {
  // Average over about 5% of the run: enough to see the trend, short enough to follow it.
  const smoothing = 1 - 1 / Math.max(1, points.length / 20);
  const out: ChartPoint[] = [];
  let ema: number | null = null;
  const every = Math.max(1, Math.ceil(points.length / maxPoints));
  points.forEach((p, i) => {
    const ok = Number.isFinite(p.loss) && p.loss > 0;
    if (ok) ema = ema === null ? p.loss : smoothing * ema + (1 - smoothing) * p.loss;
    if (i % every === 0 || i === points.length - 1) {
      out.push({ step: p.step, raw: ok ? p.loss : null, smooth: ema });
    }
  });
  return out;
}

// Ticks for a log-scale axis that always label both ends: the domain is the data's range rounded
// outwards to two significant digits, and the ticks are both ends plus the "nice" values m x 10^k
// inside (thinned to 1-2-5, then decades, when there are too many). recharts' own log ticks can
// leave the bottom of a short range (a loss curve from 1.1 to 0.6) unlabelled.
const ALL = [1, 2, 3, 4, 5, 6, 7, 8, 9];
const COARSE = [1, 2, 5];
/** Nice ticks closer than this ratio to an end would print on top of the end's label. */
const MIN_GAP = 1.08;

function round2(v: number, dir: "down" | "up"): number {
  const k = 10 ** (Math.floor(Math.log10(v)) - 1);
  return +((dir === "down" ? Math.floor(v / k) : Math.ceil(v / k)) * k).toPrecision(2);
}

function niceBetween(lo: number, hi: number, mantissas: number[]): number[] {
  const out: number[] = [];
  for (let k = Math.floor(Math.log10(lo)); k <= Math.ceil(Math.log10(hi)); k++) {
    for (const m of mantissas) {
      const v = +(m * 10 ** k).toPrecision(6);
      if (v > lo * MIN_GAP && v < hi / MIN_GAP) out.push(v);
    }
  }
  return out;
}

/** Domain [lo, hi] around positive data and the ticks in it; null for no usable data. */
export function logAxis(
  values: readonly number[],
  maxTicks = 7,
): { domain: [number, number]; ticks: number[] } | null {
  const pos = values.filter((v) => Number.isFinite(v) && v > 0);
  if (pos.length === 0) return null;
  const lo = round2(Math.min(...pos), "down");
  const hi = round2(Math.max(...pos), "up");
  if (lo === hi) return { domain: [lo, hi], ticks: [lo] };
  let inner: number[] = [];
  for (const mantissas of [ALL, COARSE, [1]]) {
    inner = niceBetween(lo, hi, mantissas);
    if (inner.length + 2 <= maxTicks) break;
  }
  return { domain: [lo, hi], ticks: [lo, ...inner, hi] };
}

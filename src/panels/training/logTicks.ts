// Ticks for a log-scale axis that always label both ends: the domain is widened to the nearest
// "nice" values m x 10^k around the data, and the ticks are those values (thinned to 1-2-5 when
// there are too many). recharts' own log ticks can leave the bottom of a short range unlabelled.
const ALL = [1, 2, 3, 4, 5, 6, 7, 8, 9];
const COARSE = [1, 2, 5];

function candidates(lo: number, hi: number, mantissas: number[]): number[] {
  const out: number[] = [];
  for (let k = Math.floor(Math.log10(lo)) - 1; k <= Math.ceil(Math.log10(hi)); k++) {
    for (const m of mantissas) out.push(+(m * 10 ** k).toPrecision(6));
  }
  return out;
}

/** Domain [below, above] around positive data and the ticks in it; null for no usable data. */
export function logAxis(
  values: readonly number[],
  maxTicks = 7,
): { domain: [number, number]; ticks: number[] } | null {
  const pos = values.filter((v) => Number.isFinite(v) && v > 0);
  if (pos.length === 0) return null;
  const lo = Math.min(...pos);
  const hi = Math.max(...pos);
  for (const mantissas of [ALL, COARSE, [1]]) {
    const c = candidates(lo, hi, mantissas);
    const below = Math.max(...c.filter((v) => v <= lo));
    const above = Math.min(...c.filter((v) => v >= hi));
    const ticks = c.filter((v) => v >= below && v <= above);
    if (ticks.length <= maxTicks || mantissas.length === 1) return { domain: [below, above], ticks };
  }
  return null;
}

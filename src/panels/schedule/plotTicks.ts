// The schedule plots' ticks, chosen here, few enough never to overlap at the panel's narrowest, so
// recharts draws them all (interval 0) instead of measuring every label in the DOM to drop the
// ones that would collide: a forced layout per label, ~60 ms of the page's thread at start-up.
// Only the lazily loaded SchedulePlot.tsx uses them, so they load with it.
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

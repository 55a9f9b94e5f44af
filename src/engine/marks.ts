// Start-up milestones as User Timing marks (performance.mark): the page's and each worker's own
// clock, read by tests/bench/page-timings.ts to say where the first seconds go (docs/bench.md,
// "Page timings"). Each name is marked once per thread, so a long session never fills the
// browser's timeline buffer; marking costs a few microseconds and changes nothing else.
const marked = new Set<string>();

export function markOnce(name: string): void {
  if (marked.has(name)) return;
  marked.add(name);
  try {
    performance.mark(`ddim:${name}`);
  } catch {
    // No User Timing here (an old runtime): the milestones are for the bench only.
  }
}

/** How many calls of each method get start/end marks: start-up and the first clicks, no more. */
export const MARKED_CALLS = 24;

/**
 * The method table with the first MARKED_CALLS calls of each method marked at start and end
 * ("sampleUnit#0:start" ...). Results pass through untouched (the same object, so a transfer
 * registered for it still applies).
 */
export function markedCalls<T extends object>(table: T): T {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(table)) {
    if (typeof fn !== "function") {
      out[name] = fn;
      continue;
    }
    let count = 0;
    out[name] = (...args: unknown[]) => {
      const k = count++;
      if (k >= MARKED_CALLS) return fn(...args);
      markOnce(`${name}#${k}:start`);
      return Promise.resolve(fn(...args)).finally(() => markOnce(`${name}#${k}:end`));
    };
  }
  return out as T;
}

// When the page's start-up is over: the comparison grid has shown every column's first result, or
// it is not on the page, or it failed, or START_UP_LIMIT_MS passed since navigation. Work that can
// wait waits for it (the loss chart's render, the offline copy's downloads), so at start-up the
// cores go to the workers sampling the grid (docs/bench.md, "The grid is CPU-bound on two cores").
// Once over, it stays over: later edits of the grid hold nothing back.
import { type CompareState, useCompare } from "./compare";
import { useInterpolate } from "./interpolate";
import { useApp } from "./store";
import { panelShown, useView } from "./view";

/** The longest anything waits for the grid (ms since navigation). */
export const START_UP_LIMIT_MS = 6000;

let over = false;
let stopWatching: (() => void) | null = null;
const waiters = new Set<() => void>();

const gridIncomplete = (c: CompareState) => c.error === null && c.columns.some((col) => !(col.id in c.runs));

function check(): void {
  if (over) return;
  const late = performance.now() >= START_UP_LIMIT_MS;
  if (!late && gridIncomplete(useCompare.getState()) && panelShown("compare", useApp.getState().hidden))
    return;
  over = true;
  stopWatching?.();
  stopWatching = null;
  const ready = [...waiters];
  waiters.clear();
  for (const w of ready) w();
}

/** Re-checks on every change of the grid, the hidden panels and the view, and at the time limit. */
function watch(): void {
  if (stopWatching) return;
  const stops = [useCompare.subscribe(check), useApp.subscribe(check), useView.subscribe(check)];
  const timer = setTimeout(check, Math.max(0, START_UP_LIMIT_MS - performance.now()));
  stopWatching = () => {
    for (const stop of stops) stop();
    clearTimeout(timer);
  };
}

/** True once start-up is over. */
export function startupOver(): boolean {
  check();
  return over;
}

/** Calls `then` once start-up is over (at once if it is); returns a cancel. */
export function whenStartupOver(then: () => void): () => void {
  if (startupOver()) {
    then();
    return () => undefined;
  }
  waiters.add(then);
  watch();
  return () => {
    waiters.delete(then);
  };
}

/** The longest the page waits for the interpolation's first frames after start-up (ms since navigation). */
export const SETTLED_LIMIT_MS = 8000;

/**
 * Calls `then` once start-up is over and the interpolation, the other panel that samples when
 * the page opens, has its first frames too (or is not on the page, or failed, or
 * SETTLED_LIMIT_MS passed): the offline copy's downloads wait for both (pwa/register.ts).
 */
export function whenPageSettled(then: () => void): void {
  whenStartupOver(() => {
    const done = () => {
      const s = useInterpolate.getState();
      const hidden = useApp.getState().hidden;
      const late = performance.now() >= SETTLED_LIMIT_MS;
      return late || s.result !== null || s.error !== null || !panelShown("interpolate", hidden);
    };
    if (done()) return then();
    const finish = () => {
      stop();
      clearTimeout(timer);
      then();
    };
    const stop = useInterpolate.subscribe(() => done() && finish());
    const timer = setTimeout(finish, Math.max(0, SETTLED_LIMIT_MS - performance.now()));
  });
}

/** Tests: a fresh page. */
export function resetStartup(): void {
  over = false;
  stopWatching?.();
  stopWatching = null;
  waiters.clear();
}

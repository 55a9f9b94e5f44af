// Whether the page's start-up is past its headline: the comparison grid has shown every column's
// first result (or it is not on the page, or it failed, or START_UP_LIMIT_MS passed). Offscreen
// work that can wait (the loss chart's recharts render, ~0.2 s of the page's thread) waits for
// it, so at start-up the two cores go to the workers sampling the grid (docs/bench.md, "The grid
// is CPU-bound on two cores"). Once true it stays true: later edits of the grid hold nothing.
import { useEffect, useState } from "react";
import { type CompareState, useCompare } from "../state/compare";
import { useApp } from "../state/store";
import { panelShown, useView } from "../state/view";

/** The longest anything waits for the grid. */
export const START_UP_LIMIT_MS = 6000;

let over = false;

const gridIncomplete = (c: CompareState) => c.error === null && c.columns.some((col) => !(col.id in c.runs));

export function useGridShown(): boolean {
  const incomplete = useCompare(gridIncomplete);
  const hidden = useApp((s) => s.hidden);
  useView((s) => `${s.mode}/${s.panel}`); // panelShown reads the view: re-render when it changes
  const [late, setLate] = useState(over);
  useEffect(() => {
    if (over) return;
    const timer = setTimeout(() => setLate(true), Math.max(0, START_UP_LIMIT_MS - performance.now()));
    return () => clearTimeout(timer);
  }, []);
  if (!over && (late || !incomplete || !panelShown("compare", hidden))) over = true;
  return over;
}

/** Tests: a fresh page. */
export function resetGridShown(): void {
  over = false;
}

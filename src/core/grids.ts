// Timestep grids, S of the T steps (docs/math.md, "Timestep grids"). Every grid is strictly decreasing; the step
// from grid[i] goes to grid[i+1], and the last one goes to -1 (clean data).
import type { Spacing } from "./types";

/** Round half to even (NumPy's rule), not Math.round: they differ on exact .5 ties. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  if (Math.abs(x % 1) === 0.5 && r % 2 !== 0) return r - 1;
  return r;
}

export function checkSteps(S: number, T: number): void {
  if (!Number.isInteger(S) || S < 1 || S > T) {
    throw new RangeError(`steps S must be an integer from 1 to T=${T}, got ${S}`);
  }
}

export function makeGrid(spacing: Spacing, T: number, S: number): number[] {
  checkSteps(S, T);
  const grid: number[] = [];
  if (spacing === "leading") {
    const c = Math.floor(T / S);
    for (let i = S - 1; i >= 0; i--) grid.push(i * c);
  } else if (spacing === "trailing") {
    for (let i = 0; i < S; i++) grid.push(roundHalfEven(T - (i * T) / S) - 1);
  } else {
    if (S === 1) return [0];
    for (let i = S - 1; i >= 0; i--) grid.push(roundHalfEven((i * (T - 1)) / (S - 1)));
  }
  return grid;
}

/** The index each step lands on: grid[i+1], and -1 after the last. */
export function prevOf(grid: readonly number[], i: number): number {
  return i + 1 < grid.length ? grid[i + 1] : -1;
}

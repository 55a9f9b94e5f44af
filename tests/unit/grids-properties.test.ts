// Grid properties over many (T, S), beyond the pinned examples of grids.test.ts: every grid is
// checked against an exact integer-arithmetic version of docs/math.md, "Timestep grids" (no floating point at all).
import { describe, expect, it } from "vitest";
import { makeGrid, prevOf } from "../../src/core/grids";
import type { Spacing } from "../../src/core/types";

/** round-half-to-even of the rational p / q (q > 0), in integers only. */
function roundRational(p: number, q: number): number {
  let f = Math.floor(p / q);
  let r = p - f * q; // integers well below 2^53: exact
  // guard against the float quotient landing on the wrong side of an integer
  if (r < 0) [f, r] = [f - 1, r + q];
  if (r >= q) [f, r] = [f + 1, r - q];
  if (2 * r > q) return f + 1;
  if (2 * r < q) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** The grid definitions, written with integer arithmetic. */
function exactGrid(spacing: Spacing, T: number, S: number): number[] {
  const out: number[] = [];
  if (spacing === "leading") {
    const c = (T - (T % S)) / S;
    for (let i = S - 1; i >= 0; i--) out.push(i * c);
  } else if (spacing === "trailing") {
    // T - i T / S = (T S - i T) / S
    for (let i = 0; i < S; i++) out.push(roundRational(T * S - i * T, S) - 1);
  } else {
    if (S === 1) return [0];
    for (let i = S - 1; i >= 0; i--) out.push(roundRational(i * (T - 1), S - 1));
  }
  return out;
}

const SPACINGS: Spacing[] = ["leading", "trailing", "linspace"];

describe("timestep grids over many (T, S)", () => {
  it("the integer-only version agrees with the pinned examples", () => {
    expect(exactGrid("leading", 1000, 50)).toEqual(Array.from({ length: 50 }, (_, i) => 980 - 20 * i));
    expect(exactGrid("trailing", 1000, 50)).toEqual(Array.from({ length: 50 }, (_, i) => 999 - 20 * i));
    expect(exactGrid("linspace", 1000, 50).slice(0, 3)).toEqual([999, 979, 958]);
    expect(exactGrid("trailing", 500, 8)).toEqual([499, 437, 374, 311, 249, 187, 124, 61]);
  });

  it("T=1000, S=50 linspace in full equals the exact rational rounding", () => {
    const g = makeGrid("linspace", 1000, 50);
    expect(g).toEqual(exactGrid("linspace", 1000, 50));
    expect(g[0]).toBe(999);
    expect(g[g.length - 1]).toBe(0);
  });

  it("every (T, S) with T = 2..120, all three spacings: exact, strictly decreasing, inside 0..T-1", () => {
    let n = 0;
    for (let T = 2; T <= 120; T++) {
      for (let S = 1; S <= T; S++) {
        for (const spacing of SPACINGS) {
          const g = makeGrid(spacing, T, S);
          const want = exactGrid(spacing, T, S);
          if (g.length !== S || g.some((v, i) => v !== want[i])) expect.fail(`${spacing} T=${T} S=${S}`);
          for (let i = 1; i < S; i++)
            if (!(g[i] < g[i - 1])) expect.fail(`${spacing} T=${T} S=${S} not decreasing`);
          if (g[0] > T - 1 || g[S - 1] < 0) expect.fail(`${spacing} T=${T} S=${S} out of range`);
          n++;
        }
      }
    }
    expect(n).toBe(3 * ((120 * 121) / 2 - 1));
  });

  it("every S for T = 500, 999, 1000 and 2000: exact and strictly decreasing", () => {
    for (const T of [500, 999, 1000, 2000]) {
      for (let S = 1; S <= T; S++) {
        for (const spacing of SPACINGS) {
          const g = makeGrid(spacing, T, S);
          const want = exactGrid(spacing, T, S);
          for (let i = 0; i < S; i++) if (g[i] !== want[i]) expect.fail(`${spacing} T=${T} S=${S} at ${i}`);
          for (let i = 1; i < S; i++)
            if (!(g[i] < g[i - 1])) expect.fail(`${spacing} T=${T} S=${S} not decreasing`);
        }
      }
      expect(makeGrid("linspace", T, T)).toEqual(makeGrid("trailing", T, T));
    }
  });

  it("shape of each spacing: leading ends at 0 with a constant stride floor(T/S); trailing starts at T-1; linspace spans T-1..0", () => {
    for (const [T, S] of [
      [500, 37],
      [100, 7],
      [1000, 3],
      [10, 4],
    ]) {
      const lead = makeGrid("leading", T, S);
      const c = Math.floor(T / S);
      expect(lead[S - 1]).toBe(0);
      for (let i = 1; i < S; i++) expect(lead[i - 1] - lead[i]).toBe(c);
      expect(makeGrid("trailing", T, S)[0]).toBe(T - 1);
      const lin = makeGrid("linspace", T, S);
      expect([lin[0], lin[S - 1]]).toEqual([T - 1, 0]);
    }
  });

  it("S = 1 corners for every T: leading and linspace [0], trailing [T-1]; S = T is T-1..0", () => {
    for (const T of [2, 3, 10, 37, 500, 2000]) {
      expect(makeGrid("leading", T, 1)).toEqual([0]);
      expect(makeGrid("linspace", T, 1)).toEqual([0]);
      expect(makeGrid("trailing", T, 1)).toEqual([T - 1]);
      for (const spacing of SPACINGS) {
        expect(makeGrid(spacing, T, T)).toEqual(Array.from({ length: T }, (_, i) => T - 1 - i));
      }
    }
  });

  it("the previous step is always the next grid element, and -1 after the last (never t - T/S)", () => {
    const g = makeGrid("linspace", 1000, 50); // 999, 979, 958, ...: strides 20 and 21
    expect(prevOf(g, 0)).toBe(979);
    expect(prevOf(g, 1)).toBe(958);
    expect(prevOf(g, 49)).toBe(-1);
    const t = makeGrid("trailing", 500, 37);
    for (let i = 0; i + 1 < t.length; i++) expect(prevOf(t, i)).toBe(t[i + 1]);
    expect(prevOf(t, 36)).toBe(-1);
  });
});

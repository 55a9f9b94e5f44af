import { describe, expect, it } from "vitest";
import { makeGrid, roundHalfEven } from "../../src/core/grids";

describe("timestep grids", () => {
  it("T=1000, S=50 leading is 980, 960, ..., 20, 0", () => {
    const g = makeGrid("leading", 1000, 50);
    expect(g).toEqual(Array.from({ length: 50 }, (_, i) => 980 - 20 * i));
  });

  it("T=1000, S=50 trailing is 999, 979, ..., 19", () => {
    const g = makeGrid("trailing", 1000, 50);
    expect(g).toEqual(Array.from({ length: 50 }, (_, i) => 999 - 20 * i));
  });

  it("T=1000, S=50 linspace is 999, 979, 958, ..., 20, 0", () => {
    const g = makeGrid("linspace", 1000, 50);
    expect(g.slice(0, 3)).toEqual([999, 979, 958]);
    expect(g.slice(-2)).toEqual([20, 0]);
    expect(g).toHaveLength(50);
  });

  it("S=T gives T-1, ..., 0 for every spacing", () => {
    for (const spacing of ["leading", "trailing", "linspace"] as const) {
      for (const T of [10, 500, 1000]) {
        expect(makeGrid(spacing, T, T)).toEqual(Array.from({ length: T }, (_, i) => T - 1 - i));
      }
    }
  });

  it("S=1 is [0] for leading and linspace and [T-1] for trailing", () => {
    expect(makeGrid("leading", 500, 1)).toEqual([0]);
    expect(makeGrid("linspace", 500, 1)).toEqual([0]);
    expect(makeGrid("trailing", 500, 1)).toEqual([499]);
  });

  it("uses round-half-to-even on ties (T=500, S=8 trailing hits 312.5 and 62.5)", () => {
    expect(makeGrid("trailing", 500, 8)).toEqual([499, 437, 374, 311, 249, 187, 124, 61]);
    expect(roundHalfEven(2.5)).toBe(2);
    expect(roundHalfEven(3.5)).toBe(4);
    expect(roundHalfEven(-0.4)).toBe(-0);
  });

  it("every grid is strictly decreasing and inside 0..T-1", () => {
    for (const spacing of ["leading", "trailing", "linspace"] as const) {
      for (const T of [10, 37, 500, 1000]) {
        for (let S = 1; S <= T; S += Math.max(1, Math.floor(T / 23))) {
          const g = makeGrid(spacing, T, S);
          expect(g).toHaveLength(S);
          for (let i = 1; i < S; i++) expect(g[i]).toBeLessThan(g[i - 1]);
          expect(g[0]).toBeLessThanOrEqual(T - 1);
          expect(g[S - 1]).toBeGreaterThanOrEqual(0);
        }
      }
    }
  });

  it("rejects S < 1, S > T and fractional S with a clear message", () => {
    expect(() => makeGrid("trailing", 500, 0)).toThrow(/steps S must be an integer from 1 to T=500/);
    expect(() => makeGrid("trailing", 500, 501)).toThrow(/from 1 to T=500/);
    expect(() => makeGrid("leading", 500, 2.5)).toThrow(/integer/);
  });
});

// The schedule plots' ticks (src/panels/schedule/plotTicks.ts): recharts draws all of them, so
// they must be few, round, inside the domain and never crowd the last timestep's label.
import { describe, expect, it } from "vitest";
import { decadeAxis, linearAxis, timeTicks } from "../../src/panels/schedule/plotTicks";

describe("schedule plot ticks", () => {
  it("t axis: round multiples, then T - 1, never a multiple within 0.6 steps of it", () => {
    expect(timeTicks(500)).toEqual([0, 100, 200, 300, 400, 499]);
    expect(timeTicks(1000)).toEqual([0, 200, 400, 600, 800, 999]);
    expect(timeTicks(50)).toEqual([0, 10, 20, 30, 40, 49]);
    expect(timeTicks(10)).toEqual([0, 2, 4, 6, 9]);
    expect(timeTicks(2)).toEqual([0, 1]);
    for (let T = 2; T <= 4000; T += 7) {
      const t = timeTicks(T);
      expect(t.length).toBeGreaterThanOrEqual(2);
      expect(t.length).toBeLessThanOrEqual(7);
      expect(t.at(-1)).toBe(T - 1);
      const step = t[1] - t[0];
      expect(T - 1 - (t.at(-2) ?? 0)).toBeGreaterThanOrEqual(0.6 * step - 1e-9);
    }
  });

  it("linear axis: 0, half and a round top at or above the maximum", () => {
    expect(linearAxis(0.02)).toEqual({ domain: [0, 0.02], ticks: [0, 0.01, 0.02] });
    expect(linearAxis(0.9999)).toEqual({ domain: [0, 1], ticks: [0, 0.5, 1] });
    expect(linearAxis(0.035).domain[1]).toBeCloseTo(0.05, 12);
    expect(linearAxis(-Infinity)).toEqual({ domain: [0, 1], ticks: [0, 0.5, 1] });
  });

  it("log axis: whole decades around the data, at most five labelled", () => {
    const a = decadeAxis(0.0063, 9999);
    expect(a.domain[0]).toBeCloseTo(1e-3, 15);
    expect(a.domain[1]).toBeCloseTo(1e4, 9);
    expect(a.ticks.length).toBeLessThanOrEqual(5);
    expect(a.ticks.map((v) => Math.round(Math.log10(v)))).toEqual([-2, 0, 2, 4]);
    for (const v of a.ticks) {
      expect(v).toBeGreaterThanOrEqual(a.domain[0]);
      expect(v).toBeLessThanOrEqual(a.domain[1]);
    }
    expect(decadeAxis(2, 3).ticks.map((v) => Math.round(Math.log10(v)))).toEqual([0, 1]);
    expect(decadeAxis(Infinity, -Infinity).ticks.length).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from "vitest";
import { logAxis } from "../../src/panels/training/logTicks";

describe("log-scale loss axis", () => {
  it("labels both ends of a short range: a loss from 1.08 down to 0.61", () => {
    const axis = logAxis([1.08, 0.93, 0.71, 0.62, 0.61]);
    expect(axis?.domain).toEqual([0.61, 1.1]);
    expect(axis?.ticks).toEqual([0.61, 0.7, 0.8, 0.9, 1, 1.1]);
  });

  it("thins a wide range to 1-2-5 and then to decades", () => {
    expect(logAxis([0.013, 1.9], 9)?.ticks).toEqual([0.013, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 1.9]);
    expect(logAxis([0.013, 1.9], 7)?.ticks).toEqual([0.013, 0.1, 1, 1.9]);
    expect(logAxis([1e-4, 900], 7)?.ticks).toEqual([1e-4, 0.001, 0.01, 0.1, 1, 10, 100, 900]);
  });

  it("the domain always contains the data and the ticks start and end on it", () => {
    const cases = [[0.37], [0.5, 0.5], [3, 0.004], [0.9, Number.NaN, -1, 0, 1.2], [0.6049, 0.6051]];
    for (const v of cases) {
      const axis = logAxis(v);
      const pos = v.filter((x) => Number.isFinite(x) && x > 0);
      expect(axis?.domain[0]).toBeLessThanOrEqual(Math.min(...pos));
      expect(axis?.domain[1]).toBeGreaterThanOrEqual(Math.max(...pos));
      expect(axis?.ticks[0]).toBe(axis?.domain[0]);
      expect(axis?.ticks.at(-1)).toBe(axis?.domain[1]);
    }
    expect(logAxis([Number.NaN, 0, -2])).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { logAxis } from "../../src/panels/training/logTicks";

describe("log-scale loss axis", () => {
  it("labels both ends of a short range (0.6..1.1 gets 0.6 at the bottom, 2 at the top)", () => {
    const axis = logAxis([1.08, 0.93, 0.71, 0.62, 0.61]);
    expect(axis?.domain).toEqual([0.6, 2]);
    expect(axis?.ticks).toEqual([0.6, 0.7, 0.8, 0.9, 1, 2]);
  });

  it("thins a wide range to 1-2-5 and then to decades (decades even past the limit)", () => {
    const wide = logAxis([0.013, 1.9], 8);
    expect(wide?.domain).toEqual([0.01, 2]);
    expect(wide?.ticks).toEqual([0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2]);
    expect(logAxis([0.013, 1.9], 7)?.ticks).toEqual([0.01, 0.1, 1, 10]);
    const huge = logAxis([1e-4, 900], 7);
    expect(huge?.ticks).toEqual([1e-4, 0.001, 0.01, 0.1, 1, 10, 100, 1000]);
  });

  it("the domain always contains the data; non-positive and non-finite values are ignored", () => {
    for (const v of [[0.37], [0.5, 0.5], [3, 0.004], [0.9, Number.NaN, -1, 0, 1.2]]) {
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

import { describe, expect, it } from "vitest";
import { binHistory, chartPoints, chunkPoint } from "../../src/state/lossHistory";

describe("loss curve data", () => {
  it("one point per chunk at its last step, with the chunk's mean loss", () => {
    expect(chunkPoint(100, Float32Array.from([1, 2, 3]))).toEqual({ step: 100, loss: 2 });
    expect(chunkPoint(100, new Float32Array(0))).toBeNull();
  });

  it("a saved per-step history is binned (the restored chart looks like the live one)", () => {
    const h = Array.from({ length: 120 }, (_, i) => (i < 50 ? 1 : 0.5));
    expect(binHistory(h, 50)).toEqual([
      { step: 50, loss: 1 },
      { step: 100, loss: 0.5 },
      { step: 120, loss: 0.5 },
    ]);
  });

  it("thins long runs to at most ~400 points, keeps the last, and skips NaN on the log axis", () => {
    const pts = Array.from({ length: 5000 }, (_, i) => ({
      step: 10 * (i + 1),
      loss: i === 4999 ? Number.NaN : 1 / (i + 1),
    }));
    const c = chartPoints(pts);
    expect(c.length).toBeLessThanOrEqual(401);
    expect(c[c.length - 1].step).toBe(50000);
    expect(c[c.length - 1].raw).toBeNull();
    expect(Number.isFinite(c[c.length - 1].smooth)).toBe(true);
    // the smoothed line falls with the raw one
    expect(c[200].smooth ?? 0).toBeLessThan(c[10].smooth ?? 0);
  });
});

// When the live preview asks the worker for samples: only while training, after the run's first
// chunk, one at a time, about once a second, and never more than PREVIEW_BUDGET of the time.
import { describe, expect, it } from "vitest";
import {
  PREVIEW_BUDGET,
  PREVIEW_EVERY_MS,
  PREVIEW_MAX_GAP_MS,
  previewDue,
  previewRequest,
} from "../../src/state/preview";

const base = { training: true, step: 50, busy: false, lastAt: 0, costMs: 0, now: 10_000 };

describe("live preview schedule", () => {
  it("is due while training once a second has passed, and not otherwise", () => {
    expect(previewDue(base)).toBe(true);
    expect(previewDue({ ...base, training: false })).toBe(false);
    expect(previewDue({ ...base, step: 0 })).toBe(false); // the engine still holds the previous network
    expect(previewDue({ ...base, busy: true })).toBe(false);
    expect(previewDue({ ...base, now: PREVIEW_EVERY_MS - 1 })).toBe(false);
  });

  it("a slow preview spaces the next ones so that they take at most the budget", () => {
    const costMs = 400; // a loaded machine
    const gap = costMs / PREVIEW_BUDGET;
    expect(gap).toBeGreaterThan(PREVIEW_EVERY_MS);
    expect(previewDue({ ...base, costMs, now: gap - 1 })).toBe(false);
    expect(previewDue({ ...base, costMs, now: gap })).toBe(true);
    expect(costMs / (gap + costMs)).toBeLessThan(0.15);
    // A round trip inflated by queueing (the grid ahead of it) still gives a picture every 10 s.
    expect(previewDue({ ...base, costMs: 60_000, now: PREVIEW_MAX_GAP_MS })).toBe(true);
  });

  it("asks for DDIM eta=0 in 20 steps, 300 points, on the network, with a fixed x_T", () => {
    const r = previewRequest();
    expect(r.sampler).toMatchObject({ sampler: "ddim", eta: 0, steps: 20 });
    expect(r).toMatchObject({ model: "network", n: 300 });
    expect(previewRequest().seed).toBe(r.seed);
  });
});

import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/random";

describe("the seeded generator", () => {
  it("replays the same sequence for the same seed and stream", () => {
    expect(new Rng(7, 1).gaussianArray(100)).toEqual(new Rng(7, 1).gaussianArray(100));
  });

  it("gives different sequences for other seeds and other streams", () => {
    const a = new Rng(7, 1).gaussianArray(10);
    expect(new Rng(8, 1).gaussianArray(10)).not.toEqual(a);
    expect(new Rng(7, 2).gaussianArray(10)).not.toEqual(a);
  });

  it("draws uniforms in [0, 1) and Gaussians with mean 0 and variance 1", () => {
    const rng = new Rng(1);
    const u = rng.uniformArray(100_000);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    const g = rng.gaussianArray(200_000);
    let m = 0;
    let v = 0;
    for (const x of g) m += x;
    m /= g.length;
    for (const x of g) v += (x - m) ** 2;
    v /= g.length;
    expect(Math.abs(m)).toBeLessThan(0.01);
    expect(Math.abs(v - 1)).toBeLessThan(0.01);
  });

  it("int(n) covers 0..n-1 evenly", () => {
    const rng = new Rng(3);
    const counts = new Array(5).fill(0);
    for (let i = 0; i < 50_000; i++) counts[rng.int(5)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
  });
});

describe("skipGaussians", () => {
  it("leaves the generator where k calls of gaussian() leave it, pending spare or not", () => {
    for (const before of [0, 1, 2, 3]) {
      for (const k of [0, 1, 2, 3, 4, 7, 10, 501]) {
        const drawn = new Rng(7, 1);
        const skipped = new Rng(7, 1);
        for (let i = 0; i < before; i++) {
          drawn.gaussian();
          skipped.gaussian();
        }
        for (let i = 0; i < k; i++) drawn.gaussian();
        skipped.skipGaussians(k);
        const next = (r: Rng) => [r.gaussian(), r.gaussian(), r.gaussian(), r.uniform()];
        expect(next(skipped), `${before} drawn, ${k} skipped`).toEqual(next(drawn));
      }
    }
  });
});

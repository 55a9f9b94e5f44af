import { describe, expect, it } from "vitest";
import { fitStandardizer, tutorialDataset } from "../../src/core/data";

// The checksums of the committed data file (docs/math.md, "Data and standardisation").
describe("the tutorial dataset", () => {
  const { points } = tutorialDataset();
  const n = points.length / 2;
  const at = (i: number) => [points[2 * i], points[2 * i + 1]];
  const mean = (from: number, to: number) => {
    let sx = 0;
    let sy = 0;
    for (let i = from; i < to; i++) {
      sx += points[2 * i];
      sy += points[2 * i + 1];
    }
    return [sx / (to - from), sy / (to - from)];
  };

  it("has 300 points whose first two match the checksums", () => {
    expect(n).toBe(300);
    expect(at(0)[0]).toBeCloseTo(-0.36103, 5);
    expect(at(0)[1]).toBeCloseTo(-0.4993, 5);
    expect(at(1)[0]).toBeCloseTo(-1.32243, 5);
    expect(at(1)[1]).toBeCloseTo(0.2006, 5);
  });

  it("has the overall mean and population std of the math reference", () => {
    const s = fitStandardizer(points);
    expect(s.mean[0]).toBeCloseTo(0.621, 4);
    expect(s.mean[1]).toBeCloseTo(3.7385, 4);
    expect(s.std[0]).toBeCloseTo(4.2299, 4);
    expect(s.std[1]).toBeCloseTo(2.8686, 4);
    // the 5-digit values docs/math.md quotes for the standardiser
    expect(s.mean[0]).toBeCloseTo(0.62104, 5);
    expect(s.std[1]).toBeCloseTo(2.86861, 5);
  });

  it("has the per-cluster means in file order (100 points each)", () => {
    const m = [mean(0, 100), mean(100, 200), mean(200, 300)];
    const want = [
      [0.0831, 0.1171],
      [5.893, 6.162],
      [-4.1129, 4.9363],
    ];
    for (let k = 0; k < 3; k++) {
      expect(m[k][0]).toBeCloseTo(want[k][0], 4);
      expect(m[k][1]).toBeCloseTo(want[k][1], 4);
    }
  });
});

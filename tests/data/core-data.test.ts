// Core pieces that let everything follow the data: the source check (every way a data set comes
// in), the KDE as a mixture (contours and its exact noising), problems and references without a
// known density, and the perfect network's fallback to the empirical optimum.
import { describe, expect, it } from "vitest";
import { DEFAULT_PROBLEM } from "../../src/core/config";
import { fitStandardizer } from "../../src/core/data";
import {
  checkSource,
  gaussianKde,
  kdeMixture,
  meanMixture,
  PRESET_N_MAX,
  presetPoints,
  resolveData,
} from "../../src/core/datasets";
import { makeProblem, oraclePredictor, perfectKind } from "../../src/core/experiment";
import { NO_DENSITY, quality, Reference } from "../../src/core/metrics";
import { MixtureDensity } from "../../src/core/mixture";

describe("checkSource", () => {
  it("accepts every good source and refuses bad ones with what is allowed", () => {
    expect(checkSource({ kind: "tutorial" })).toEqual({ ok: true, source: { kind: "tutorial" } });
    expect(checkSource({ kind: "preset", name: "moons", n: 50, seed: 0 }).ok).toBe(true);
    const bad: [unknown, RegExp][] = [
      [null, /must be an object/],
      [{ kind: "preset", name: "blob", n: 100, seed: 0 }, /one of moons, ring/],
      [{ kind: "preset", name: "ring", n: PRESET_N_MAX + 1, seed: 0 }, /from 50 to 5000/],
      [{ kind: "preset", name: "ring", n: 100.5, seed: 0 }, /whole number/],
      [{ kind: "preset", name: "ring", n: 100, seed: -3 }, /seed/],
      [{ kind: "custom", points: [1, 2, 3, 4], label: "x" }, /x,y pairs/],
      [{ kind: "custom", points: new Float32Array([1, 2]), label: "x" }, /2 to 20000 points/],
      [
        { kind: "custom", points: new Float32Array([0, 0, 1, Number.POSITIVE_INFINITY]), label: "x" },
        /finite/,
      ],
      [{ kind: "custom", points: new Float32Array([0, 1, 2, 1]), label: "x" }, /same y/],
      [{ kind: "banana" }, /course's mixture, a preset or your own points/],
    ];
    for (const [v, re] of bad) {
      const r = checkSource(v);
      expect(r.ok, JSON.stringify(v)).toBe(false);
      if (!r.ok) expect(r.error).toMatch(re);
    }
  });
});

describe("KDE as a mixture", () => {
  it("has one equal-weight component per point (strided above the cap) at half Scott's bandwidth", () => {
    const pts = presetPoints("ring", 400, 1);
    const m = kdeMixture(pts);
    expect(m.weights).toHaveLength(400);
    expect(m.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const h = gaussianKde(pts).bandwidth;
    expect(Math.sqrt(m.covs[0][0][0])).toBeCloseTo(0.5 * h[0], 12);
    expect(kdeMixture(presetPoints("ring", 1500, 1), 600).weights).toHaveLength(500);
  });

  it("shows the ring's hole: density at the centre far below density on the ring", () => {
    const d = new MixtureDensity(kdeMixture(presetPoints("ring", 400, 1)));
    expect(d.logDensity(4, 0) - d.logDensity(0, 0)).toBeGreaterThan(3);
  });

  it("meanMixture puts one component at the data's mean", () => {
    const pts = presetPoints("line", 300, 2);
    const st = fitStandardizer(pts);
    expect(meanMixture(pts).means[0]).toEqual([st.mean[0], st.mean[1]]);
  });
});

describe("problems and quality without a known density", () => {
  const ring = resolveData({ kind: "preset", name: "ring", n: 300, seed: 0 });
  it("the perfect network falls back to the empirical optimum", () => {
    const p = makeProblem(ring, DEFAULT_PROBLEM);
    expect(p.modelMixture).toBeNull();
    expect(perfectKind(p)).toBe("empirical");
    const x = Float64Array.from([0.3, -0.2, 1.1, 0.5]);
    expect(oraclePredictor(p, "oracle")(x, 100)).toEqual(oraclePredictor(p, "empirical")(x, 100));
    const course = makeProblem(resolveData({ kind: "tutorial" }), DEFAULT_PROBLEM);
    expect(perfectKind(course)).toBe("oracle");
  });

  it("the reference is the data itself; density figures are NaN/empty with the reason", () => {
    const ref = new Reference(null, ring.points);
    expect(ref.points).toEqual(Float64Array.from(ring.points));
    const q = quality(presetPoints("ring", 500, 9), ref);
    expect(q.noDensity).toBe(NO_DENSITY);
    expect(q.modeFractions).toEqual([]);
    expect(Number.isNaN(q.nll) && Number.isNaN(q.offManifold)).toBe(true);
    // Fresh points of the same ring score near 0; a blob at the centre scores far above.
    expect(Math.abs(q.energyDistance)).toBeLessThan(0.05);
    const blob = quality(
      presetPoints("ring", 500, 9).map((v) => v * 0.1),
      ref,
    );
    expect(blob.energyDistance).toBeGreaterThan(1);
  });
});

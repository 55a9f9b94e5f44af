// Data sources besides the course's mixture: seeded presets, CSV text, fingerprints, the KDE used
// for contours where no density is known (docs/math.md, "Data and standardisation").
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitStandardizer, standardizeMixture, toModel } from "../../src/core/data";
import {
  dataFingerprint,
  gaussianKde,
  MAX_CSV_POINTS,
  PRESET_NAMES,
  parsePointsCsv,
  pointsToCsv,
  presetMixture,
  presetPoints,
  resolveData,
} from "../../src/core/datasets";
import { MixtureDensity, noisedMixture, perfectPredictor } from "../../src/core/mixture";
import { makeSchedule } from "../../src/core/schedule";

function sum(a: Float32Array): number {
  let s = 0;
  for (const v of a) s += v;
  return s;
}

describe("presets are seeded and reproducible", () => {
  it("each preset gives the same points for the same (n, seed) and other points for another seed", () => {
    for (const name of PRESET_NAMES) {
      const a = presetPoints(name, 200, 7);
      const b = presetPoints(name, 200, 7);
      const c = presetPoints(name, 200, 8);
      expect(a.length).toBe(400);
      expect(Array.from(a)).toEqual(Array.from(b));
      expect(Array.from(a)).not.toEqual(Array.from(c));
      expect(a.every(Number.isFinite)).toBe(true);
    }
  });

  it("checksums of the default draws are pinned (a change to a generator shows up here)", () => {
    const sums = Object.fromEntries(
      PRESET_NAMES.map((n) => [n, Number(sum(presetPoints(n, 400, 0)).toFixed(3))]),
    );
    expect(sums).toMatchInlineSnapshot(`
      {
        "line": -30.467,
        "moons": 32.55,
        "ring": 68.276,
        "spiral": -680.565,
        "unequal": 843.068,
      }
    `);
  });

  it("each preset has the shape it is named after", () => {
    const ring = presetPoints("ring", 2000, 1);
    let inHole = 0;
    for (let i = 0; i < 2000; i++) if (Math.hypot(ring[2 * i], ring[2 * i + 1]) < 2.5) inHole++;
    expect(inHole).toBe(0); // radius 4, radial noise 0.2: 2.5 is 7.5 sd inside
    const line = presetPoints("line", 500, 1);
    for (let i = 0; i < 500; i++) expect(Math.abs(line[2 * i + 1] - 0.5 * line[2 * i])).toBeLessThan(1e-5);
    const unequal = presetPoints("unequal", 4000, 3);
    const m = new MixtureDensity(presetMixture("unequal")!);
    const counts = [0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[m.mapComponent(unequal[2 * i], unequal[2 * i + 1])]++;
    expect(counts[0] / 4000).toBeCloseTo(0.8, 1);
    expect(counts[1] / 4000).toBeCloseTo(0.15, 1);
    expect(counts[2] / 4000).toBeGreaterThan(0.03);
    expect(counts[2] / 4000).toBeLessThan(0.07);
  });

  it("the unequal mixture's perfect network is -sqrt(1-abar) times a finite-difference score", () => {
    const schedule = makeSchedule("linear", 500);
    const pts = presetPoints("unequal", 400, 0);
    const m = standardizeMixture(fitStandardizer(pts), presetMixture("unequal")!);
    const eps = perfectPredictor(m, schedule);
    const probe = toModel(fitStandardizer(pts), pts.subarray(0, 40));
    for (const t of [0, 50, 250, 499]) {
      const a = schedule.abar[t];
      const q = new MixtureDensity(noisedMixture(m, a));
      const x = Float64Array.from(probe, (v) => v * Math.sqrt(a));
      const e = eps(x, t);
      const h = 1e-4 * Math.sqrt(1 - a);
      for (let i = 0; i < x.length / 2; i++) {
        const [px, py] = [x[2 * i], x[2 * i + 1]];
        const fx = (-Math.sqrt(1 - a) * (q.logDensity(px + h, py) - q.logDensity(px - h, py))) / (2 * h);
        const fy = (-Math.sqrt(1 - a) * (q.logDensity(px, py + h) - q.logDensity(px, py - h))) / (2 * h);
        const scale = Math.max(1, Math.hypot(fx, fy));
        expect(Math.abs(e[2 * i] - fx) / scale).toBeLessThan(1e-6);
        expect(Math.abs(e[2 * i + 1] - fy) / scale).toBeLessThan(1e-6);
      }
    }
  });

  it("resolveData: the course's set keeps its mixture, presets without a density say so", () => {
    const tutorial = resolveData({ kind: "tutorial" });
    expect(tutorial.points.length).toBe(600);
    expect(tutorial.mixture?.weights.length).toBe(3);
    expect(resolveData({ kind: "preset", name: "ring", n: 100, seed: 0 }).mixture).toBeNull();
    expect(resolveData({ kind: "preset", name: "unequal", n: 100, seed: 0 }).mixture?.weights).toEqual([
      0.8, 0.15, 0.05,
    ]);
  });
});

describe("CSV text of the user's points", () => {
  it("reads x,y lines with a header, comments, blank lines and any of , ; tab space", () => {
    const r = parsePointsCsv("x,y\n# my points\n1,2\n\n3;4\n5\t6\n 7   8 \r\n-1e-3,+.5\n");
    expect(r).toEqual({
      ok: true,
      points: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, -1e-3, 0.5]),
      skippedHeader: true,
    });
  });

  it("round-trips through pointsToCsv", () => {
    const pts = presetPoints("spiral", 50, 2);
    const r = parsePointsCsv(pointsToCsv(pts));
    expect(r.ok && Array.from(r.points)).toEqual(Array.from(pts));
  });

  it.each([
    ["1,2\n3,4,5\n", /line 2 .*expected two numbers x,y, found 3/],
    ["1,2\n0x10,4\n", /line 2 .*"0x10" is not a decimal number/],
    ["1,2\nNaN,4\n", /line 2 .*"NaN" is not a decimal number/],
    ["1,2\nInfinity,4\n", /line 2 .*not a decimal number/],
    ["1,2\n1e400,4\n", /line 2 .*within \+-1000000/],
    ["1,2\n", /found 1 points; a data set needs 2 to 20000/],
    ["", /found 0 points/],
    ["x,y\na,b\n", /line 2 .*"a" is not a decimal number/],
    ["1,5\n1,6\n1,7\n", /same x/],
  ])("refuses %j with a message naming the line", (text, message) => {
    const r = parsePointsCsv(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it(`refuses ${MAX_CSV_POINTS + 1} points and says how many are allowed`, () => {
    const rows = Array.from({ length: MAX_CSV_POINTS + 1 }, (_, i) => `${i},${i % 7}`).join("\n");
    const r = parsePointsCsv(rows);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/more than 20000 points .*use at most 20000/);
  });

  it("never throws and only accepts finite points within range, whatever the text (fuzzed)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc
            .array(fc.tuple(fc.double(), fc.double()), { maxLength: 30 })
            .map((a) => a.map(([x, y]) => `${x},${y}`).join("\n")),
        ),
        (text) => {
          const r = parsePointsCsv(text);
          if (r.ok) {
            expect(r.points.length % 2).toBe(0);
            expect(r.points.every((v) => Number.isFinite(v) && Math.abs(v) <= 1e6)).toBe(true);
          } else {
            expect(r.error.length).toBeLessThan(200);
            expect(r.error).not.toMatch(/\n/);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it("an error message never echoes a long or multi-line value whole", () => {
    const r = parsePointsCsv(`1,2\n${"9".repeat(100000)}x,1\n`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.length).toBeLessThan(200);
  });
});

describe("fingerprint and KDE", () => {
  it("the fingerprint changes when any point moves by one float32 step, and encodes n", () => {
    const pts = presetPoints("moons", 300, 0);
    const fp = dataFingerprint(pts);
    expect(fp).toMatch(/^300-[0-9a-f]{14}$/);
    expect(dataFingerprint(pts.slice())).toBe(fp);
    const moved = pts.slice();
    moved[417] = Math.fround(moved[417] * (1 + 2 ** -22));
    expect(moved[417]).not.toBe(pts[417]);
    expect(dataFingerprint(moved)).not.toBe(fp);
  });

  it("the KDE integrates to ~1 over the plane and is highest near the data", () => {
    const pts = presetPoints("ring", 400, 0);
    const kde = gaussianKde(pts);
    let mass = 0;
    const step = 0.1;
    for (let x = -7; x <= 7; x += step)
      for (let y = -7; y <= 7; y += step) mass += Math.exp(kde.logDensity(x, y)) * step * step;
    expect(mass).toBeGreaterThan(0.97);
    expect(mass).toBeLessThan(1.01);
    expect(kde.logDensity(4, 0)).toBeGreaterThan(kde.logDensity(0, 0) + 2);
  });
});

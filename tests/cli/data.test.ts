// `--data` for sample, metrics and train: names and CSV files through the same rules as the
// dashboard's (core/datasets), the perfect network only where a density is known, a network only
// for its own data, and the quality figures against the data in use.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveData } from "../../cli/data";
import { drawXT, makeProblem, oraclePredictor, runSampler } from "../../src/core/experiment";
import { quality, Reference } from "../../src/core/metrics";
import { cli, expectOneLineError, inProcess } from "./helpers";

const dir = mkdtempSync(join(tmpdir(), "ddim-cli-data-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const out = (name: string) => join(dir, name);
const F = {
  notJson: file("not.json", "hello"),
  csv: file("points.csv", "x,y\n0,0\n1,2\n3,1\n-1,4\n"),
  badCsv: file("bad.csv", "x,y\n0,0\nfoo,2\n"),
  flatCsv: file("flat.csv", "1,2\n1,3\n1,4\n"),
};
const UNEQUAL = ["sample", "--data", "unequal", "--n", "50", "--steps", "10", "--seed", "2"];

/** [arguments, the one line, also as a process?] */
const BAD: [string[], RegExp, boolean?][] = [
  // --data: names, CSV files through the dashboard's CSV rules, networks belong to their data
  [
    ["sample", "--data", "constructor"],
    /--data must be one of tutorial, moons, ring, spiral, unequal, line or a .csv file, got "constructor"/,
    true,
  ],
  [["sample", "--data", F.notJson], /--data must be one of .* or a .csv file/],
  [["sample", "--data", F.badCsv], /--data: ".*bad.csv": line 3 \("foo,2"\): "foo" is not a decimal number/],
  [["sample", "--data", F.flatCsv, "--model", "empirical"], /--data: .*every point has the same x/],
  [
    ["sample", "--data", join(dir, "missing.csv")],
    /--data: cannot read file ".*missing.csv" \(it does not exist\)/,
  ],
  [
    ["sample", "--data", "moons"],
    /--model: the perfect network needs a known density, which moons does not have; use --model empirical/,
  ],
  [["sample", "--data", F.csv], /--model: the perfect network needs a known density/],
  [
    ["sample", "--data", "moons", "--model", "pretrained"],
    /--model: the network was trained on the data set "tutorial-mog", not on moons/,
    true,
  ],
  [["train", "--data", "spiral.txt", "--out", out("t4")], /--data must be one of/],
];

beforeAll(() => {
  void cli(UNEQUAL);
  for (const [args, , spawned] of BAD) if (spawned) void cli(args);
});

describe("cli --data: bad values exit 2 with one line", () => {
  for (const [args, message, spawned] of BAD) {
    const name = args.join(" ").replace(dir, "DIR");
    it(name, async () => {
      expectOneLineError(await inProcess(args), message);
      if (spawned) expectOneLineError(await cli(args), message);
    });
  }
});

describe("cli --data: good runs", () => {
  it("--data unequal: the oracle and the figures of the unequal mixture, equal to the core's run", async () => {
    const r = await cli(UNEQUAL);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout);
    expect(o.config.data).toBe("unequal");
    const data = resolveData("unequal").dataset;
    const problem = makeProblem(data, { T: 500, schedule: "linear", units: "standardized" });
    const run = runSampler(problem, oraclePredictor(problem, "oracle"), o.config, drawXT(50, 2), 2);
    expect(o.samples.flat()).toEqual(Array.from(run.raw));
    expect(o.metrics).toEqual(quality(run.raw, new Reference(data.mixture, data.points)));
    expect(o.metrics.modeFractions).toHaveLength(3);
  });

  it("--data moons / a CSV file with the empirical model: samples, no mixture figures", async () => {
    for (const d of ["moons", F.csv]) {
      const r = await inProcess([
        "sample",
        "--data",
        d,
        "--model",
        "empirical",
        "--n",
        "20",
        "--steps",
        "10",
      ]);
      expect(r.code, r.stderr).toBe(0);
      const o = JSON.parse(r.stdout);
      expect(o.config.data).toBe(d);
      // no density: the energy distance to the data points, and a note saying what is left out
      expect(Object.keys(o.metrics).sort()).toEqual(["energyDistance", "energySe", "note"]);
      expect(Number.isFinite(o.metrics.energyDistance)).toBe(true);
      expect(o.metrics.note).toMatch(/no known density/);
      expect(o.samples).toHaveLength(20);
      expect(o.samples.flat().every(Number.isFinite)).toBe(true);
    }
  });

  it("metrics --data ring: energy distance to the ring's points, small for points of the ring itself", async () => {
    const ring = resolveData("ring").dataset.points;
    const pairs = (dx: number) => Array.from({ length: 200 }, (_, i) => [ring[2 * i] + dx, ring[2 * i + 1]]);
    const shifted = file("ring-shifted.json", JSON.stringify(pairs(3)));
    const own = file(
      "ring-points.json",
      JSON.stringify(Array.from({ length: 200 }, (_, i) => [ring[2 * i], ring[2 * i + 1]])),
    );
    const onRing = await inProcess(["metrics", "--data", "ring", "--in", own]);
    const offRing = await inProcess(["metrics", "--data", "ring", "--in", shifted]);
    expect(onRing.code, onRing.stderr).toBe(0);
    const a = JSON.parse(onRing.stdout);
    const b = JSON.parse(offRing.stdout);
    expect(a.data).toBe("ring");
    expect(a.n).toBe(200);
    expect(Math.abs(a.metrics.energyDistance)).toBeLessThan(3 * a.metrics.energySe);
    expect(b.metrics.energyDistance).toBeGreaterThan(a.metrics.energyDistance + 3 * b.metrics.energySe);
  });

  it("metrics --in a sample output measures against the data the samples were drawn for", async () => {
    const path = out("moons-samples.json");
    const run = await inProcess([
      "sample",
      "--data",
      "moons",
      "--model",
      "empirical",
      "--n",
      "30",
      "--steps",
      "5",
      "--out",
      path,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const r = await inProcess(["metrics", "--in", path]);
    expect(r.code, r.stderr).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.data).toBe("moons");
    expect(m.metrics).toEqual(JSON.parse(readFileSync(path, "utf8")).metrics);
    expectOneLineError(
      await inProcess(["metrics", "--in", path, "--data", "ring"]),
      /--data: the samples were drawn for "moons", not "ring"; leave out --data/,
    );
    const forged = file(
      "forged.json",
      JSON.stringify({
        config: { data: "constructor" },
        samples: [
          [0, 0],
          [1, 1],
        ],
      }),
    );
    expectOneLineError(
      await inProcess(["metrics", "--in", forged]),
      /--in: the file's config.data is not a data set \(--data must be one of .*got "constructor"\)/,
    );
  });
});

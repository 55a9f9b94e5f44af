// The numpy side of the time-to-quality bench (scripts/numpy_quality.py, docs/bench.md, "Time to
// quality") must score and stop exactly as the JS side does, or the two times are not comparable:
// its energy distance against core's (src/core/energy.ts) on the same points, its DDIM grid
// against core's trailing grid, and its "settled" rule against tests/bench/quality-run.ts.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { energyEstimate, referenceStats } from "../../src/core/energy";
import { makeGrid } from "../../src/core/grids";
import { Rng } from "../../src/core/random";
import { settledIndex } from "../bench/quality-run";

const ROOT = join(import.meta.dirname, "../..");
const hasNumpy = spawnSync("python3", ["-c", "import numpy"], { stdio: "ignore" }).status === 0;
/** In CI (.ci/run sets CI=1) a missing numpy is a failure: a skipped cross-check catches nothing. */
const required = process.env.CI === "1" || process.env.CI === "true";

const dir = mkdtempSync(join(tmpdir(), "ddim-numpy-quality-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SEQUENCES = [
  [0.05, 0.009, 0.011, 0.008, 0.007, 0.006, 0.02],
  [0.02, 0.01, 0.01, 0.01],
  [0.009, 0.009],
  [0.5, 0.3, 0.2],
  [],
];

/** Runs python with scripts/ on the path: the JSON it prints. */
function python(code: string, input: unknown): unknown {
  const file = join(dir, "input.json");
  writeFileSync(file, JSON.stringify(input));
  const py = spawnSync(
    "python3",
    ["-c", `import json, sys\nsys.path.insert(0, ${JSON.stringify(join(ROOT, "scripts"))})\n${code}`, file],
    { encoding: "utf8" },
  );
  if (py.status !== 0) throw new Error(py.stderr);
  return JSON.parse(py.stdout);
}

describe.skipIf(!hasNumpy && !required)("numpy time-to-quality protocol = the JS one", () => {
  it("energy distance: numpy_quality.Energy equals core's estimate on the same points", () => {
    const ref = new Rng(7, 1).gaussianArray(2 * 700);
    // Samples shifted and scaled a little, so the distance is well above 0.
    const samples = Float64Array.from(
      new Rng(8, 1).gaussianArray(2 * 300),
      (v, i) => 1.1 * v + (i & 1) * 0.2,
    );
    const refPoints = Float64Array.from(ref);
    const core = energyEstimate(samples, refPoints, referenceStats(refPoints)).value;
    const numpy = python(
      "import numpy as np\nfrom numpy_quality import Energy\nd = json.load(open(sys.argv[1]))\n" +
        "e = Energy(np.array(d['ref']).reshape(-1, 2))\nprint(json.dumps(e(np.array(d['x']).reshape(-1, 2))))",
      { ref: Array.from(refPoints), x: Array.from(samples) },
    ) as number;
    expect(core).toBeGreaterThan(0.01);
    expect(Math.abs(numpy - core)).toBeLessThan(1e-9 * Math.max(1, Math.abs(core)));
  });

  it("DDIM grid: numpy_mlp.ddim visits core's trailing grid", () => {
    // A sampler stub that records the timesteps numpy's DDIM asks for.
    const grids = python(
      "import numpy as np\nfrom numpy_mlp import ddim, linear_schedule\n" +
        "class Rec:\n    def __init__(self): self.t = []\n" +
        "    def eps(self, x, t):\n        self.t.append(int(t)); return np.zeros_like(x)\n" +
        "out = []\nfor T, S in json.load(open(sys.argv[1])):\n" +
        "    r = Rec(); ddim(r, linear_schedule(T)[1], S, np.zeros((1, 2))); out.append(r.t)\n" +
        "print(json.dumps(out))",
      [
        [500, 50],
        [500, 37],
        [1000, 50],
      ],
    ) as number[][];
    expect(grids).toEqual([
      makeGrid("trailing", 500, 50),
      makeGrid("trailing", 500, 37),
      makeGrid("trailing", 1000, 50),
    ]);
  });

  it("settled: numpy_quality.settled_index agrees with settledIndex", () => {
    const numpy = python(
      "from numpy_quality import settled_index\n" +
        "print(json.dumps([settled_index(s, 0.01, 2) for s in json.load(open(sys.argv[1]))]))",
      SEQUENCES,
    );
    const js = SEQUENCES.map((s) => settledIndex(s, 0.01, 2));
    expect(js).toEqual([3, 1, -1, -1, -1]);
    expect(numpy).toEqual(js);
  });
});

// Cross-check of the whole TypeScript path (CLI sample command -> core) against the independent
// float64 NumPy oracle scripts/reference_ddim.py: DDIM eta=0 with the perfect population network
// on the same x_T and the same grid, for the corners of docs/math.md, "Data and standardisation",
// "Schedules and indices" and "Timestep grids".
import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sampleCommand } from "../../cli/sample";
import { Rng } from "../../src/core/random";

const ROOT = join(import.meta.dirname, "../..");
const SCRIPT = join(ROOT, "scripts/reference_ddim.py");
const hasNumpy = spawnSync("python3", ["-c", "import numpy"], { stdio: "ignore" }).status === 0;
/** In CI (.ci/run sets CI=1) a missing oracle is a failure: a skipped cross-check catches nothing. */
const required = process.env.CI === "1" || process.env.CI === "true";

const dir = mkdtempSync(join(tmpdir(), "ddim-crosscheck-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 50 points of x_T in model coordinates, with a few far-out ones to exercise the tails. */
const noise: [number, number][] = [];
{
  const g = new Rng(2024, 40).gaussianArray(100);
  for (let i = 0; i < 50; i++) noise.push([g[2 * i], g[2 * i + 1]]);
  noise[0] = [4, -4];
  noise[1] = [-3.5, 0.25];
}
const noisePath = join(dir, "noise.json");
writeFileSync(noisePath, JSON.stringify(noise));

type Case = [
  T: number,
  schedule: "linear" | "cosine",
  spacing: string,
  S: number,
  units: "standardized" | "raw",
];

const CASES: Case[] = [
  // S = 1 for every spacing
  [500, "linear", "leading", 1, "standardized"],
  [500, "linear", "trailing", 1, "standardized"],
  [500, "linear", "linspace", 1, "raw"],
  // S = T
  [500, "linear", "trailing", 500, "standardized"],
  [500, "linear", "leading", 500, "raw"],
  // S not dividing T, every spacing
  [500, "linear", "leading", 37, "standardized"],
  [500, "linear", "trailing", 37, "standardized"],
  [500, "linear", "linspace", 37, "standardized"],
  [100, "linear", "leading", 7, "standardized"],
  [100, "linear", "trailing", 7, "raw"],
  [100, "linear", "linspace", 7, "standardized"],
  // round-half-to-even ties (T=500, S=8 trailing hits 312.5 and 62.5)
  [500, "linear", "trailing", 8, "standardized"],
  // raw units
  [500, "linear", "trailing", 50, "raw"],
  [500, "linear", "leading", 50, "raw"],
  // cosine schedule (abar[T-1] about 1e-8 at T=500: the first x0_hat amplifies by 1e4)
  [500, "cosine", "trailing", 50, "standardized"],
  [500, "cosine", "leading", 37, "raw"],
  [1000, "cosine", "linspace", 20, "raw"],
  [2000, "cosine", "trailing", 2000, "standardized"],
  // small T
  [10, "linear", "trailing", 10, "standardized"],
  [10, "linear", "leading", 3, "raw"],
  [10, "cosine", "linspace", 4, "standardized"],
  [20, "linear", "trailing", 20, "raw"],
  [20, "cosine", "linspace", 7, "raw"],
];

interface Out {
  grid: number[];
  samples: [number, number][];
}

/** Runs the NumPy oracle in a child process; one at a time, overlapping the in-process TS runs. */
const pythonRuns = new Map<string, Promise<Out>>();
let running = 0;
const waiting: (() => void)[] = [];
async function slot<T>(job: () => Promise<T>): Promise<T> {
  if (running >= 1) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await job();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function python(c: Case): Promise<Out> {
  const key = c.join();
  let p = pythonRuns.get(key);
  if (!p) {
    const [T, schedule, spacing, S, units] = c;
    const args = [SCRIPT, noisePath, String(T), schedule, spacing, String(S), units];
    p = slot(
      () =>
        new Promise<Out>((resolve, reject) => {
          execFile("python3", args, { maxBuffer: 1 << 24 }, (err, stdout, stderr) => {
            if (err) reject(new Error(`reference_ddim.py failed: ${stderr || err.message}`));
            else resolve(JSON.parse(stdout));
          });
        }),
    );
    pythonRuns.set(key, p);
  }
  return p;
}

function flagsOf(c: Case, out: string): string[] {
  const [T, schedule, spacing, S, units] = c;
  return [
    "--model",
    "oracle",
    "--sampler",
    "ddim",
    "--eta",
    "0",
    "--noise",
    noisePath,
    "--T",
    String(T),
    "--schedule",
    schedule,
    "--spacing",
    spacing,
    "--steps",
    String(S),
    "--units",
    units,
    "--out",
    out,
  ];
}

function maxAbsDiff(a: [number, number][], b: [number, number][]): number {
  expect(a).toHaveLength(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    m = Math.max(m, Math.abs(a[i][0] - b[i][0]), Math.abs(a[i][1] - b[i][1]));
  }
  return m;
}

describe("the CLI's DDIM eta=0 agrees with the NumPy float64 oracle (scripts/reference_ddim.py)", () => {
  beforeAll(() => {
    // start the oracle runs now (one at a time); each test awaits its own
    if (hasNumpy) for (const c of CASES) python(c).catch(() => {});
  });

  it.skipIf(!hasNumpy && !required)(
    "python3 with numpy is available (required when CI=1; elsewhere the cross-checks are skipped without it)",
    () => {
      expect(hasNumpy, "python3 -c 'import numpy' failed: install python3-numpy (.ci/run does)").toBe(true);
    },
  );

  for (const c of CASES) {
    const [T, schedule, spacing, S, units] = c;
    it.skipIf(!hasNumpy)(
      `T=${T} ${schedule} ${spacing} S=${S} ${units}: same grid, samples within 1e-6`,
      async () => {
        const out = join(dir, `out-${c.join("-")}.json`);
        vi.spyOn(process.stdout, "write").mockImplementation(() => true);
        try {
          expect(await sampleCommand(flagsOf(c, out))).toBe(0);
        } finally {
          vi.restoreAllMocks();
        }
        const ts = JSON.parse(readFileSync(out, "utf8")) as Out & { nfe: number };
        const py = await python(c);
        expect(ts.grid).toEqual(py.grid);
        expect(ts.grid).toHaveLength(S);
        expect(ts.nfe).toBe(S);
        expect(ts.samples).toHaveLength(noise.length);
        expect(maxAbsDiff(ts.samples, py.samples)).toBeLessThan(1e-6);
      },
    );
  }

  it.skipIf(!hasNumpy)("the same through a real CLI process (npx tsx cli/main.ts sample ...)", async () => {
    const c: Case = [100, "linear", "linspace", 7, "raw"];
    const out = join(dir, "spawned.json");
    const r = spawnSync("npx", ["tsx", "cli/main.ts", "sample", ...flagsOf(c, out)], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const ts = JSON.parse(readFileSync(out, "utf8")) as Out;
    const py = await python(c);
    expect(ts.grid).toEqual(py.grid);
    expect(maxAbsDiff(ts.samples, py.samples)).toBeLessThan(1e-6);
  });
});

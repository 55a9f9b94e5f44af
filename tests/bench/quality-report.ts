// Time to quality on both sides of the comparison (docs/bench.md, "Time to quality"): the
// Chromium worker through the client (tests/bench/quality-run.ts) and the numpy anchor
// (scripts/numpy_quality.py), scored against the same reference points from the same x_T, which
// this file writes for numpy from the engine's own definitions. Optionally the Node engine too.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { DEFAULT_NETWORK, DEFAULT_PROBLEM, DEFAULT_TRAIN } from "../../src/core/config";
import { fitStandardizer, tutorialDataset } from "../../src/core/data";
import { drawXT } from "../../src/core/experiment";
import { Reference } from "../../src/core/metrics";
import { createEngine } from "../../src/engine/engine";
import { openTestSite, ROOT } from "../browser/harness";
import { exposeWorkerCpu } from "../browser/worker-cpu";
import { median } from "./measure";
import { type QualityPlan, type QualityRun, runTimeToQuality } from "./quality-run";

/** The protocol's plan for every training seed, and where else to run it. */
export type QualityOptions = Omit<QualityPlan, "seed"> & {
  seeds: number[];
  /** Also run the protocol on the engine in this process (the kernel in Node). */
  node: boolean;
};

export const QUALITY_DEFAULTS: QualityOptions = {
  seeds: [0, 1, 2],
  every: 100,
  threshold: 0.01,
  confirm: 2,
  maxSteps: 8000,
  evalSeed: 0,
  points: 1000,
  rounds: 3,
  node: false,
};

interface NumpyRun {
  seed: number;
  settledStep: number | null;
  trainMs: number | null;
  cpuMs: number | null;
  evals: { step: number; energy: number }[];
}

const plansOf = (o: QualityOptions): QualityPlan[] =>
  o.seeds.map((seed) => ({
    seed,
    every: o.every,
    threshold: o.threshold,
    confirm: o.confirm,
    maxSteps: o.maxSteps,
    evalSeed: o.evalSeed,
    points: o.points,
    rounds: o.rounds,
  }));

/** The numpy side on the engine's reference sample, x_T, training points and standardiser. */
function numpyRuns(o: QualityOptions): NumpyRun[] | string {
  const dataset = tutorialDataset();
  const ref = new Reference(dataset.mixture, dataset.points); // the engine's (src/engine/engine.ts)
  const std = fitStandardizer(dataset.points);
  const spec = {
    ...DEFAULT_NETWORK,
    T: DEFAULT_PROBLEM.T,
    lr: DEFAULT_TRAIN.lr,
    batch: DEFAULT_TRAIN.batch,
    emaDecay: DEFAULT_TRAIN.emaDecay,
    S: 50,
    ...{ every: o.every, threshold: o.threshold, confirm: o.confirm, maxSteps: o.maxSteps, seeds: o.seeds },
    rounds: o.rounds,
    points: Array.from(dataset.points),
    mean: std.mean,
    std: std.std,
    reference: Array.from(ref.points),
    xT: Array.from(drawXT(o.points, o.evalSeed)),
  };
  if (DEFAULT_NETWORK.activation !== "silu" || DEFAULT_PROBLEM.schedule !== "linear")
    return "numpy side skipped: it implements SiLU and the linear schedule only";
  const dir = mkdtempSync(join(tmpdir(), "ddim-lab-quality-"));
  try {
    const file = join(dir, "spec.json");
    writeFileSync(file, JSON.stringify(spec));
    const py = spawnSync("python3", [join(ROOT, "scripts/bench-numpy.py"), "--time-to-quality", file], {
      encoding: "utf8",
      maxBuffer: 64 << 20,
      env: { ...process.env, OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1", MKL_NUM_THREADS: "1" },
    });
    if (py.error) return `numpy side skipped: python3 not found (${py.error.message})`;
    if (py.status !== 0) return `numpy side failed: ${py.stderr.trim().split("\n").at(-1)}`;
    return JSON.parse(py.stdout.trim().split("\n").at(-1) as string).runs as NumpyRun[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const s = (ms: number | null) => (ms === null ? "-" : (ms / 1000).toFixed(2));
const step = (n: number | null, max: number) => (n === null ? `>${max}` : String(n));
const mid = (xs: (number | null)[]) => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length === xs.length && v.length > 0 ? median(v) : null;
};
const ratio = (a: number | null, b: number | null) => (a !== null && b ? `${(a / b).toFixed(2)}x` : "-");

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join("  ")).join("\n");
}

/** One side's per-seed rows: settled step, wall and CPU seconds, scores. */
interface Line {
  /** The side's name (rows are summed up per side). */
  group: string;
  side: string;
  seed: number;
  settled: number | null;
  chunked: number | null;
  wall: number | null;
  cpu: number | null;
  energy: string;
  oracle: string;
}

function lines(sides: QualitySide[], np: NumpyRun[] | string): Line[] {
  const out: Line[] = [];
  for (const side of sides)
    for (const r of side.runs) {
      const at = r.evals.find((e) => e.step === r.settledStep);
      out.push({
        group: side.name,
        side: `${side.name} ${r.backend}${r.threads ? `, ${r.threads}` : ""}`,
        seed: r.seed,
        settled: r.settledStep,
        chunked: r.trainMs,
        wall: r.oneRunMs,
        cpu: r.oneRunCpuMs,
        energy: at ? `${at.energy.toFixed(4)} (${r.oneRunEnergy?.toFixed(4)})` : "-",
        oracle: r.oracleEnergy.toFixed(4),
      });
    }
  if (typeof np !== "string")
    for (const r of np) {
      const at = r.evals.find((e) => e.step === r.settledStep);
      out.push({
        group: "numpy",
        side: "numpy",
        seed: r.seed,
        settled: r.settledStep,
        chunked: null,
        wall: r.trainMs,
        cpu: r.cpuMs,
        energy: at ? at.energy.toFixed(4) : "-",
        oracle: "-",
      });
    }
  return out;
}

/** The protocol for every seed in the test page's worker (window.ddimTest.benchQuality). */
export async function chromiumQuality(page: Page, o: QualityOptions): Promise<QualityRun[]> {
  return (await page.evaluate(
    (p) =>
      (
        window as unknown as { ddimTest: { benchQuality(p: unknown): Promise<unknown> } }
      ).ddimTest.benchQuality(p),
    plansOf(o),
  )) as QualityRun[];
}

export interface QualitySide {
  name: string;
  runs: QualityRun[];
}

/**
 * The protocol on a test site opened for it: plain, or cross-origin isolated (COOP/COEP), where
 * the kernel trains on two threads as on the served dashboard (docs/backends.md, "Two threads").
 */
export async function chromiumQualityOnSite(isolate: boolean, o: QualityOptions): Promise<QualitySide> {
  // The marker finds this Chromium's processes in /proc for the workers' CPU time.
  const marker = `--ddim-bench-${isolate ? "isolated" : "plain"}=${process.pid}`;
  const site = await openTestSite([marker], isolate);
  try {
    await exposeWorkerCpu(site.page, marker);
    return { name: isolate ? "Chromium isolated" : "Chromium", runs: await chromiumQuality(site.page, o) };
  } finally {
    await site.close();
  }
}

/**
 * The report: the given sides (e.g. Chromium plain and cross-origin isolated, from
 * chromiumQuality), the engine in Node when o.node, and the numpy anchor run now.
 */
export async function timeToQualityReport(given: QualitySide[], o: QualityOptions): Promise<string> {
  const plans = plansOf(o);
  const sides = [...given];
  if (o.node) {
    const engine = createEngine();
    const cpu = async () => {
      const u = process.cpuUsage();
      return { process: (u.user + u.system) / 1000 };
    };
    const runs: QualityRun[] = [];
    for (const p of plans) runs.push(await runTimeToQuality(engine, p, cpu));
    sides.push({ name: "Node", runs });
  }
  const np = numpyRuns(o);
  const rows = lines(sides, np);
  const out = [
    `Time to quality: a fresh default network (3x128 SiLU, embed 32, lr ${DEFAULT_TRAIN.lr}, batch ${DEFAULT_TRAIN.batch}, ` +
      `EMA ${DEFAULT_TRAIN.emaDecay} with warm-up), scored every ${o.every} steps: DDIM-50 eta=0 (trailing), ` +
      `${o.points} points from x_T seed ${o.evalSeed}, EMA weights, energy distance against the engine's reference ` +
      `sample (5000 points); settled = the first evaluation <= ${o.threshold} that the next ${o.confirm} also are.`,
    "Seconds of training only (evaluations excluded). JS sides: 'chunked' = the protocol's train calls summed " +
      `(each call starts with a 1-step chunk); 'wall' and 'CPU' = a fresh network trained to the settled step in ` +
      `one call, as Train does (median of ${o.rounds}; CPU = the worker threads in Chromium, the process in Node). ` +
      `numpy: the protocol's training time (median of ${o.rounds} identical runs).`,
    table([
      [
        "side",
        "seed",
        "settled step",
        "chunked s",
        "wall s",
        "CPU s",
        "CPU ms/step",
        "ED at settled (one call)",
        "oracle ED",
      ],
      ...rows.map((l) => [
        l.side,
        String(l.seed),
        step(l.settled, o.maxSteps),
        s(l.chunked),
        s(l.wall),
        s(l.cpu),
        l.cpu !== null && l.settled ? (l.cpu / l.settled).toFixed(2) : "-",
        l.energy,
        l.oracle,
      ]),
    ]),
  ];
  if (typeof np === "string") out.push(np);
  const sideNames = [...sides.map((x) => x.name), ...(typeof np === "string" ? [] : ["numpy"])];
  const of = (name: string) => rows.filter((l) => l.group === name);
  const npWall = mid(of("numpy").map((l) => l.wall));
  const npCpu = mid(of("numpy").map((l) => l.cpu));
  for (const name of sideNames) {
    const ls = of(name);
    const wall = mid(ls.map((l) => l.wall));
    const cpu = mid(ls.map((l) => l.cpu));
    const vs =
      name === "numpy" ? "" : `: ${ratio(wall, npWall)} numpy's wall time, ${ratio(cpu, npCpu)} its CPU time`;
    out.push(
      `${name}: median settled step ${mid(ls.map((l) => l.settled)) ?? "-"}, training ${s(wall)} s wall, ` +
        `${s(cpu)} s CPU${vs}`,
    );
  }
  out.push("Goal: time to quality in the Chromium worker <= 2x numpy's time.");
  return out.join("\n");
}

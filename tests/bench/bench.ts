// `npm run bench`: training steps/s and sampling ms (DDIM-50, DDIM-500, DDPM-500 on 1000 points)
// for plain tfjs-wasm and the wasm-simd kernel, in Node and in a Chromium worker (production
// build), as medians of several rounds, each next to the strong numpy anchor
// (scripts/bench-numpy.py) run in the same command, as a ratio; then the sampling pool with 1, 2
// and 4 workers (tests/bench/pool-report.ts) and the time to quality (tests/bench/quality-report.ts).
// Options: --skip-browser, --skip-numpy, --cpu (adds the slow tfjs cpu backend), --rounds N,
// --skip-pool, --skip-quality, --only node,chromium,pool,quality (those parts; numpy always runs).
// Results and notes: docs/bench.md.
import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { join } from "node:path";
import { createEngine } from "../../src/engine/engine";
import { modelLayer } from "../../src/engine/network";
import { setupBackend } from "../../src/model";
import { benchIn, openTestSite, ROOT } from "../browser/harness";
import { exposeWorkerCpu } from "../browser/worker-cpu";
import { type BenchFigures, type BenchPlan, measure, SAMPLER_CASES } from "./measure";
import { poolBench } from "./pool-report";
import {
  chromiumQuality,
  chromiumQualityOnSite,
  QUALITY_DEFAULTS,
  type QualitySide,
  timeToQualityReport,
} from "./quality-report";

const argv = process.argv.slice(2);
const flags = new Set(argv);
const roundsAt = argv.indexOf("--rounds");
const onlyAt = argv.indexOf("--only");
const only = onlyAt >= 0 ? new Set((argv[onlyAt + 1] ?? "").split(",")) : null;
/** Whether a part of the bench runs: node, chromium (the table's columns), pool, quality. */
const runs = (part: string) => (only ? only.has(part) : !flags.has(`--skip-${part}`));
const ROUNDS = roundsAt >= 0 ? Math.max(3, Number(argv[roundsAt + 1]) || 3) : 5;
const wasm = {
  backend: "wasm",
  trainSteps: 300,
  trainRuns: ROUNDS,
  sampleRuns: ROUNDS,
  points: 1000,
} as const;
const PLANS: Record<string, BenchPlan> = {
  "tfjs-wasm": { ...wasm, kernel: false },
  kernel: { ...wasm, kernel: true },
  // cpu is 10-40x slower: fewer steps, and sampler times scaled from a DDIM-10 run by NFE.
  "tfjs-cpu": {
    backend: "cpu",
    trainSteps: 20,
    trainRuns: 3,
    sampleRuns: 3,
    points: 1000,
    estimateFromSteps: 10,
  },
};

type Row = { where: string } & BenchFigures;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const log = (s: string) => process.stderr.write(`${s}\n`);

/** An engine in this process whose backend set-up turns the kernel on or off as the plan says. */
function nodeEngine(plan: BenchPlan) {
  return createEngine({
    model: {
      ...modelLayer,
      setupBackend: (name, wasmPaths) => setupBackend(name, { wasmPaths, kernel: plan.kernel }),
    },
  });
}

function numpyBaseline(): BenchFigures | string {
  const py = spawnSync(
    "python3",
    [
      join(ROOT, "scripts/bench-numpy.py"),
      ...["--train-steps", "300", "--runs", String(ROUNDS), "--sample-runs", String(ROUNDS)],
    ],
    {
      encoding: "utf8",
      // Single thread, like tfjs-wasm here.
      env: { ...process.env, OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1", MKL_NUM_THREADS: "1" },
    },
  );
  if (py.error) return `numpy baseline skipped: python3 not found (${py.error.message})`;
  if (py.status !== 0) {
    const why = /No module named .?numpy/.test(py.stderr)
      ? "numpy is not installed"
      : py.stderr.trim().split("\n").at(-1);
    return `numpy baseline skipped: ${why}`;
  }
  const r = JSON.parse(py.stdout.trim().split("\n").at(-1) as string);
  return {
    backend: "numpy",
    stepsPerSecond: r.stepsPerSecond,
    ms: r.ms,
    estimated: false,
    cpuStepsPerSecond: r.cpuStepsPerSecond,
  };
}

const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

function table(rows: Row[], base: BenchFigures | null): string {
  const head = ["figure", ...rows.map((r) => `${r.where} ${r.backend}`), ...(base ? ["numpy"] : [])];
  const cell = (v: number, b: number | undefined, est: boolean) =>
    `${est ? "~" : ""}${fmt(v)}${b ? ` (${(v / b).toFixed(2)}x)` : ""}`;
  const lines = [
    head,
    [
      "training steps/s",
      ...rows.map((r) => cell(r.stepsPerSecond, base?.stepsPerSecond, false)),
      ...(base ? [fmt(base.stepsPerSecond)] : []),
    ],
    [
      "training steps/CPU-s",
      ...rows.map((r) =>
        r.cpuStepsPerSecond ? cell(r.cpuStepsPerSecond, base?.cpuStepsPerSecond, false) : "-",
      ),
      ...(base?.cpuStepsPerSecond ? [fmt(base.cpuStepsPerSecond)] : base ? ["-"] : []),
    ],
    ...Object.keys(SAMPLER_CASES).map((name) => [
      `${name} ms (1000 pts)`,
      ...rows.map((r) => cell(r.ms[name], base?.ms[name], r.estimated)),
      ...(base ? [fmt(base.ms[name])] : []),
    ]),
  ];
  const widths = head.map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  return lines.map((l) => l.map((c, i) => c.padEnd(widths[i])).join("  ")).join("\n");
}

const loadAverage = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");

async function main(): Promise<void> {
  const t0 = performance.now();
  const started = `${new Date().toISOString()}, load average ${loadAverage()}`;
  const after: string[] = [];
  let failure: string | null = null;
  const quality: QualitySide[] = [];
  const kinds = flags.has("--cpu") ? ["tfjs-wasm", "kernel", "tfjs-cpu"] : ["tfjs-wasm", "kernel"];
  const rows: Row[] = [];
  let base: BenchFigures | null = null;
  // numpy first, then Node, then Chromium: each at a different moment, so on a shared machine the
  // ratios carry the load's drift; docs/bench.md says how to read them.
  if (!flags.has("--skip-numpy")) {
    log("numpy baseline ...");
    const r = numpyBaseline();
    if (typeof r === "string") console.log(r);
    else base = r;
  }
  for (const k of runs("node") ? kinds : []) {
    log(`Node ${k} ...`);
    rows.push({ where: "Node", ...(await measure(nodeEngine(PLANS[k]), PLANS[k], cpuMs)) });
  }
  if (!flags.has("--skip-browser")) {
    log("building the test page and starting Chromium ...");
    // The marker finds this Chromium's processes in /proc (the workers' CPU time, time to quality).
    const marker = `--ddim-bench=${process.pid}`;
    const site = await openTestSite([marker]);
    try {
      await exposeWorkerCpu(site.page, marker);
      for (const k of runs("chromium") ? kinds : []) {
        log(`Chromium worker ${k} ...`);
        rows.push({ where: "Chromium", ...(await benchIn(site.page, PLANS[k])) });
      }
      if (runs("pool")) {
        log("Chromium: the sampling pool with 1, 2 and 4 workers ...");
        const pool = await poolBench(
          site.page,
          { sizes: [1, 2, 4], rounds: ROUNDS, points: 1000 },
          base?.ms ?? null,
        );
        after.push(pool.text);
        if (pool.mismatch)
          failure = `the pool returned different samples for different sizes: ${pool.mismatch}`;
      }
      if (runs("quality")) {
        log("time to quality: Chromium worker ...");
        quality.push({ name: "Chromium", runs: await chromiumQuality(site.page, QUALITY_DEFAULTS) });
      }
    } finally {
      await site.close();
    }
    if (runs("chromium")) {
      // The same build served with COOP/COEP: cross-origin isolated, the kernel trains on two
      // threads (docs/backends.md, "Two threads"); sampling goes through the same client's pool.
      log("Chromium worker, cross-origin isolated (two training threads) ...");
      const iso = await openTestSite([], true);
      try {
        rows.push({ where: "Chromium 2 threads", ...(await benchIn(iso.page, PLANS.kernel)) });
      } finally {
        await iso.close();
      }
    }
    if (runs("quality")) {
      log("time to quality: Chromium worker, cross-origin isolated (two training threads), and numpy ...");
      quality.push(await chromiumQualityOnSite(true, QUALITY_DEFAULTS));
      after.push(await timeToQualityReport(quality, QUALITY_DEFAULTS));
    }
  }
  if (flags.has("--skip-browser"))
    after.push("the pool and time to quality run in Chromium: skipped with --skip-browser");
  console.log(
    `DDIM Lab bench (${started}): default network (3x128 SiLU, embed 32), batch 256, T=500; medians of ${ROUNDS} rounds.\n` +
      "Columns are named by what computed (the engine's backend label). Cells: value (value / numpy);\n" +
      "steps/s higher is better, ms lower is better; ~ = cpu estimate (NFE x per-call ms of a DDIM-10 run).\n" +
      "steps/CPU-s: training steps per second of this process's CPU time (Node, numpy), what an idle core gives.",
  );
  console.log(table(rows, base));
  for (const text of after) console.log(`\n${text}`);
  console.log(
    `\nload average at the end ${loadAverage()}; total ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
  if (failure) throw new Error(failure);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  },
);

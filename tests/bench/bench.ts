// `npm run bench`: training steps/s and sampling ms (DDIM-50, DDIM-500, DDPM-500 on 1000 points)
// for wasm and cpu, in Node and in a Chromium worker (production build), as medians of several
// runs, each next to a numpy baseline of the same network (scripts/bench-numpy.py) as a ratio.
// Options: --skip-browser, --skip-numpy, --skip-cpu. Results and notes: docs/bench.md.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { createEngine } from "../../src/engine/engine";
import { openTestSite, ROOT } from "../browser/harness";
import { type BenchFigures, type BenchPlan, measure, SAMPLER_CASES } from "./measure";

const flags = new Set(process.argv.slice(2));
const PLANS: Record<"wasm" | "cpu", BenchPlan> = {
  wasm: { backend: "wasm", trainSteps: 200, trainRuns: 3, sampleRuns: 3, points: 1000 },
  // cpu is 10-40x slower: fewer steps, and sampler times scaled from a DDIM-10 run by NFE.
  cpu: { backend: "cpu", trainSteps: 20, trainRuns: 3, sampleRuns: 3, points: 1000, estimateFromSteps: 10 },
};

type Row = { where: string } & BenchFigures;
const log = (s: string) => process.stderr.write(`${s}\n`);

function numpyBaseline(): BenchFigures | string {
  const py = spawnSync(
    "python3",
    [join(ROOT, "scripts/bench-numpy.py"), "--train-steps", "200", "--runs", "3", "--sample-runs", "3"],
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
  return { backend: "numpy", stepsPerSecond: r.stepsPerSecond, ms: r.ms, estimated: false };
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
    ...Object.keys(SAMPLER_CASES).map((name) => [
      `${name} ms (1000 pts)`,
      ...rows.map((r) => cell(r.ms[name], base?.ms[name], r.estimated)),
      ...(base ? [fmt(base.ms[name])] : []),
    ]),
  ];
  const widths = head.map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  return lines.map((l) => l.map((c, i) => c.padEnd(widths[i])).join("  ")).join("\n");
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const backends = flags.has("--skip-cpu") ? (["wasm"] as const) : (["wasm", "cpu"] as const);
  const rows: Row[] = [];
  for (const b of backends) {
    log(`Node ${b} ...`);
    // One engine per backend: the engine keeps the tfjs backend it was set up with.
    rows.push({ where: "Node", ...(await measure(createEngine(), PLANS[b])) });
  }
  if (!flags.has("--skip-browser")) {
    log("building the test page and starting Chromium ...");
    const site = await openTestSite();
    try {
      for (const b of backends) {
        log(`Chromium worker ${b} ...`);
        const fig = (await site.page.evaluate(
          (plan) =>
            (window as unknown as { ddimTest: { bench(p: unknown): Promise<unknown> } }).ddimTest.bench(plan),
          PLANS[b],
        )) as BenchFigures;
        rows.push({ where: "Chromium", ...fig });
      }
    } finally {
      await site.close();
    }
  }
  let base: BenchFigures | null = null;
  if (!flags.has("--skip-numpy")) {
    log("numpy baseline ...");
    const r = numpyBaseline();
    if (typeof r === "string") console.log(r);
    else base = r;
  }
  console.log(
    "DDIM Lab bench: default network (3x128 SiLU, embed 32), batch 256, T=500; medians of 3 runs.\n" +
      "Cells: value (value / numpy); steps/s higher is better, ms lower is better; ~ = cpu estimate\n" +
      "(NFE x per-call ms of a DDIM-10 run).",
  );
  console.log(table(rows, base));
  console.log(`total ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  },
);

// `npm run bench:quality`: time to quality in the Chromium worker (production build of the test
// page, the real client) next to the numpy anchor in the same command (docs/bench.md, "Time to
// quality"). Options: --seeds 0,1,2, --every 100, --max-steps 8000, --eval-seed 0,
// --node (also the engine in Node), --skip-browser.
import { loadavg } from "node:os";
import { openTestSite } from "../browser/harness";
import { exposeWorkerCpu } from "../browser/worker-cpu";
import { QUALITY_DEFAULTS, type QualityOptions, timeToQualityReport } from "./quality-report";

const argv = process.argv.slice(2);
const value = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const int = (name: string, dflt: number) => {
  const v = Number(value(name));
  return Number.isInteger(v) && v > 0 ? v : dflt;
};

export function qualityOptions(): QualityOptions {
  const seeds = (value("seeds") ?? "")
    .split(",")
    .map(Number)
    .filter((x) => Number.isInteger(x) && x >= 0);
  return {
    ...QUALITY_DEFAULTS,
    seeds: seeds.length > 0 ? seeds : QUALITY_DEFAULTS.seeds,
    every: int("every", QUALITY_DEFAULTS.every),
    maxSteps: int("max-steps", QUALITY_DEFAULTS.maxSteps),
    evalSeed: value("eval-seed") === "0" ? 0 : int("eval-seed", QUALITY_DEFAULTS.evalSeed),
    rounds: int("rounds", QUALITY_DEFAULTS.rounds),
    node: argv.includes("--node"),
  };
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const load = () =>
    loadavg()
      .map((x) => x.toFixed(2))
      .join(" ");
  console.log(`${new Date().toISOString()}: load average ${load()}`);
  // The marker finds this Chromium's processes in /proc for the worker's CPU time.
  const marker = `--ddim-bench=${process.pid}`;
  const site = argv.includes("--skip-browser") ? null : await openTestSite([marker]);
  try {
    if (site) await exposeWorkerCpu(site.page, marker);
    console.log(await timeToQualityReport(site?.page ?? null, qualityOptions()));
  } finally {
    await site?.close();
  }
  console.log(`load average at the end ${load()}; total ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  },
);

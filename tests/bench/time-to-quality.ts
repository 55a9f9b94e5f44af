// `npm run bench:quality`: time to quality in the Chromium worker (production build of the test
// page, the real client) next to the numpy anchor in the same command (docs/bench.md, "Time to
// quality"). Options: --seeds 0,1,2, --every 100, --max-steps 8000, --eval-seed 0,
// --node (also the engine in Node), --skip-browser, --skip-isolated (no cross-origin isolated
// page, where training runs on two threads).
import { loadavg } from "node:os";
import {
  chromiumQualityOnSite,
  QUALITY_DEFAULTS,
  type QualityOptions,
  timeToQualityReport,
} from "./quality-report";

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
    .filter((x) => x.trim() !== "")
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
  const options = qualityOptions();
  const t0 = performance.now();
  const load = () =>
    loadavg()
      .map((x) => x.toFixed(2))
      .join(" ");
  console.log(`${new Date().toISOString()}: load average ${load()}`);
  // Plain (one training thread) and cross-origin isolated (two), each on its own test site.
  const sides = [];
  if (!argv.includes("--skip-browser")) {
    sides.push(await chromiumQualityOnSite(false, options));
    if (!argv.includes("--skip-isolated")) sides.push(await chromiumQualityOnSite(true, options));
  }
  console.log(await timeToQualityReport(sides, options));
  console.log(`load average at the end ${load()}; total ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  },
);

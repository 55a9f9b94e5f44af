// How busy the machine is while the page starts: the CPU time of every process and thread of this
// bench's own Chromium (read from /proc, Linux only; tests/browser/worker-cpu.ts) from navigation
// until the comparison grid is painted, against the wall time, per process type and per renderer
// thread. On a machine with C cores, "cores busy" near C means start-up is bound by the CPU, not
// by waiting (docs/bench.md, "The grid is CPU-bound on two cores"). A bench that prints figures,
// not a test. Every round is a fresh browser context (a first visit).
//   npx tsx tests/bench/page-cpu.ts [--rounds 4] [--dist DIR]   (DIR: a build; default: build this tree)
import { existsSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, serveDir } from "../browser/static";
import { browserThreadsCpu, type ThreadCpu } from "../browser/worker-cpu";
import { waitGridSettled } from "../e2e/dashboard";
import { benchBuild } from "../e2e/site";
import { median } from "./measure";

const { values: args } = parseArgs({ options: { rounds: { type: "string" }, dist: { type: "string" } } });
const ROUNDS = Number(args.rounds ?? 4);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1 || ROUNDS > 50) {
  console.error(`--rounds must be a whole number from 1 to 50, got ${args.rounds}`);
  process.exit(2);
}
if (args.dist !== undefined && !existsSync(join(args.dist, "index.html"))) {
  console.error(`--dist must be a folder holding a production build (its index.html), got ${args.dist}`);
  process.exit(2);
}
/** Finds this bench's Chromium (and only it) in /proc. */
const MARKER = `--ddim-page-cpu=${process.pid}`;

/** CPU ms so far of this browser's threads, summed per key. */
function cpuBy(key: (t: ThreadCpu) => string | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of browserThreadsCpu(MARKER)) {
    const k = key(t);
    if (k !== null) out[k] = (out[k] ?? 0) + t.ms;
  }
  return out;
}
/** Per process type (renderer, gpu-process, ...). */
const chromiumCpu = () => cpuBy((t) => t.process);
/** The renderer processes' threads, per thread name (the page's main thread, DedicatedWorker, ...). */
const rendererThreads = () => cpuBy((t) => (t.process === "renderer" ? t.name : null));

async function main(): Promise<void> {
  const build = await benchBuild(args.dist);
  const dir = build.dir;
  const server = await serveDir(dir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, MARKER] });
  const busy: number[] = [];
  console.log(`page CPU at start-up: ${cpus().length} CPUs, ${ROUNDS} rounds, build ${dir}`);
  try {
    for (let r = 0; r < ROUNDS; r++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      await page.goto("about:blank");
      const before = chromiumCpu();
      const threadsBefore = rendererThreads();
      const t0 = Date.now();
      await page.goto(server.origin);
      await waitGridSettled(page);
      const wall = Date.now() - t0;
      const after = chromiumCpu();
      const threadsAfter = rendererThreads();
      const per = Object.keys(after).map((k) => [k, Math.round(after[k] - (before[k] ?? 0))] as const);
      const total = per.reduce((s, [, v]) => s + v, 0);
      busy.push(total / wall);
      console.log(
        `  round ${r + 1}: grid settled ${wall} ms after navigation, Chromium CPU ${total} ms = ${(total / wall).toFixed(2)} cores busy (${per.map(([k, v]) => `${k} ${v}`).join(", ")})`,
      );
      const threads = Object.keys(threadsAfter)
        .map((k) => [k, Math.round(threadsAfter[k] - (threadsBefore[k] ?? 0))] as const)
        .filter(([, v]) => v > 0)
        .sort((a, b) => b[1] - a[1]);
      console.log(`    renderer threads: ${threads.map(([k, v]) => `${k} ${v}`).join(", ")}`);
      await context.close();
    }
    console.log(
      `median: ${median(busy).toFixed(2)} of ${cpus().length} cores busy from navigation to the painted grid`,
    );
  } finally {
    await browser.close();
    server.close();
    build.remove();
  }
}

void main();

// The engine-path bench: DDIM-500 (1000 points, pretrained network) 20 times through the real
// client and worker in headless Chromium, then the same in a worker calling the engine directly.
// Prints the median of the first 3 and of the last 3 runs and their ratio (a slowdown that grows
// with use shows as a ratio well above 1). Timings on a shared machine are noisy: read ratios.
// --tfjs: the same on plain tfjs (the wasm-simd kernel off, tests/bench/tfjs-worker.ts), the
// fallback path where the slowdown was first seen (docs/bench.md); --pool N sets the client's pool
// size; --ab alternates a long-lived tfjs worker with a new one per round (browser-bench.ts).
// Run: npx tsx tests/bench/engine-path.ts [--runs N] [--train STEPS] [--fresh] [--direct] [--profile] [--tfjs [--pool N] [--ab]]

import type { EnginePathTimes } from "../browser/engine-path-request";
import { openTestSite } from "../browser/harness";
import { exposeWorkerCpu } from "../browser/worker-cpu";
import { exposeWorkerProfiler } from "../browser/worker-profile";

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const RUNS = Math.max(6, arg("runs", 20));
/** Training steps before the runs (0: the pretrained network as loaded). */
const TRAIN = arg("train", 0);
/** --fresh: a new default network trained first and 4 DDIM-50 calls, as `npm run bench` does. */
const FRESH = process.argv.includes("--fresh");
/** --tfjs: workers with the kernel off (tfjs-wasm computes). */
const TFJS = process.argv.includes("--tfjs");
/** --pool N (with --tfjs): the client's sampling pool size (default: the client's own). */
const POOL = arg("pool", 0);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function line(label: string, t: EnginePathTimes): string {
  const first = median(t.wall.slice(0, 3));
  const last = median(t.wall.slice(-3));
  const wFirst = median(t.worker.slice(0, 3));
  const wLast = median(t.worker.slice(-3));
  let text =
    `${label}: DDIM-500 x ${t.wall.length}: first ${first.toFixed(0)} ms, last ${last.toFixed(0)} ms, ` +
    `last/first ${(last / first).toFixed(2)} (sampler time in the worker ${wFirst.toFixed(0)} -> ${wLast.toFixed(0)} ms)`;
  if (t.cpu.length === t.wall.length) {
    const cFirst = median(t.cpu.slice(0, 3));
    const cLast = median(t.cpu.slice(-3));
    text += `\n  worker CPU time (contention-free): first ${cFirst.toFixed(0)} ms, last ${cLast.toFixed(0)} ms, last/first ${(cLast / cFirst).toFixed(2)}`;
  }
  return text;
}

async function main(): Promise<void> {
  const marker = `--ddim-engine-path=${process.pid}`;
  const site = await openTestSite([marker]);
  await exposeWorkerCpu(site.page, marker);
  if (process.argv.includes("--profile")) {
    // Profiles the first and the last run of the client path (the direct worker is another target).
    await exposeWorkerProfiler(site.page, new Set([1, RUNS - 1]), (run, lines) =>
      console.log(`profile of run ${run} (self time):\n${lines.join("\n")}`),
    );
  }
  try {
    type Page = {
      ddimTest: Record<string, (runs: number, train: number, fresh: boolean) => Promise<EnginePathTimes>>;
      ddimBench: {
        enginePathTfjs(
          runs: number,
          train: number,
          direct: boolean,
          opts: { fresh?: boolean; poolSize?: number },
        ): Promise<EnginePathTimes>;
        enginePathTfjsAB(
          rounds: number,
          train: number,
          fresh: boolean,
        ): Promise<{ old: EnginePathTimes; young: EnginePathTimes }>;
      };
    };
    if (TFJS) {
      if (process.argv.includes("--ab")) {
        console.log(
          `plain tfjs (kernel off), long-lived vs new worker per round${FRESH ? ", fresh network" : ""}`,
        );
        const ab = await site.page.evaluate(
          ([runs, train, fresh]) =>
            (window as unknown as Page).ddimBench.enginePathTfjsAB(runs, train, fresh),
          [RUNS, TRAIN, FRESH] as const,
        );
        const row = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(" ");
        console.log(`  long-lived worker, CPU ms per run: ${row(ab.old.cpu)}`);
        console.log(`  new worker,        CPU ms per run: ${row(ab.young.cpu)}`);
        console.log(
          `  long-lived / new: ${ab.old.cpu.map((x, i) => (x / ab.young.cpu[i]).toFixed(2)).join(" ")}`,
        );
        console.log(line("long-lived worker", ab.old));
        return;
      }
      console.log(
        `plain tfjs (kernel off)${POOL ? `, pool of ${POOL}` : ""}${FRESH ? ", fresh network" : ""}`,
      );
      const viaClient = await site.page.evaluate(
        ([runs, train, fresh, poolSize]) =>
          (window as unknown as Page).ddimBench.enginePathTfjs(runs, train, false, { fresh, poolSize }),
        [RUNS, TRAIN, FRESH, POOL] as const,
      );
      console.log(line("client + worker", viaClient));
      console.log(`  every run, wall ms: ${viaClient.wall.map((x) => x.toFixed(0)).join(" ")}`);
      console.log(`  every run, CPU ms: ${viaClient.cpu.map((x) => x.toFixed(0)).join(" ")}`);
      if (process.argv.includes("--direct")) {
        const direct = await site.page.evaluate(
          ([runs, train]) => (window as unknown as Page).ddimBench.enginePathTfjs(runs, train, true, {}),
          [RUNS, TRAIN],
        );
        console.log(line("engine directly in a worker", direct));
        console.log(`  every run, wall ms: ${direct.wall.map((x) => x.toFixed(0)).join(" ")}`);
        console.log(`  every run, CPU ms: ${direct.cpu.map((x) => x.toFixed(0)).join(" ")}`);
      }
      return;
    }
    const viaClient = await site.page.evaluate(
      ([runs, train, fresh]) => (window as unknown as Page).ddimTest.enginePath(runs, train, fresh),
      [RUNS, TRAIN, FRESH] as const,
    );
    console.log(line("client + worker", viaClient));
    console.log(`  every run, wall ms: ${viaClient.wall.map((x) => x.toFixed(0)).join(" ")}`);
    console.log(`  every run, CPU ms: ${viaClient.cpu.map((x) => x.toFixed(0)).join(" ")}`);
    if (process.argv.includes("--direct")) {
      const direct = await site.page.evaluate(
        ([runs, train]) => (window as unknown as Page).ddimTest.enginePathDirect(runs, train, false),
        [RUNS, TRAIN],
      );
      console.log(line("engine directly in a worker", direct));
      console.log(`  every run, wall ms: ${direct.wall.map((x) => x.toFixed(0)).join(" ")}`);
      console.log(`  every run, CPU ms: ${direct.cpu.map((x) => x.toFixed(0)).join(" ")}`);
    }
  } finally {
    await site.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

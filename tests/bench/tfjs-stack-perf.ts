// Where the native stack pointer sits while tfjs-wasm's hottest code runs, before and after the
// plain-tfjs slowdown (docs/tfjs-slowdown-notes.md). Runs the engine-path bench with the arguments
// given (e.g. --tfjs --pool 1 --fresh --train 1500 --runs 8), samples its renderer with
// `perf record -e cpu-clock --user-regs=sp` (Linux perf, user-space only), and prints for the
// busiest worker thread, per run of the bench (laid back from the last sample by the wall times it
// prints): samples, how many fell in the hottest 256 bytes of code (the gemm microkernel's inner
// loop: a leaf, so its stack pointer is the same on every call from the same frames), and the stack
// pointers seen there (low bits, value mod 64 and count).
// If the slowdown came from the stack's alignment, the step would show as a new value mod 64.
// Run: npx tsx tests/bench/tfjs-stack-perf.ts -- <engine-path.ts arguments>
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { browserThreadsCpu } from "../browser/worker-cpu";
import { busiestHot, codeBin, commonSps, PERF_SCRIPT_FIELDS, perfSamples } from "./perf-samples";

const sep = process.argv.indexOf("--");
const benchArgs =
  sep > 0 ? process.argv.slice(sep + 1) : ["--tfjs", "--pool", "1", "--fresh", "--train", "1500"];
const MARKER = "--ddim-engine-path=";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "ddim-stack-perf-"));
  const data = join(dir, "perf.data");
  console.log(`load average ${loadavg()[0].toFixed(2)}; bench: engine-path.ts ${benchArgs.join(" ")}`);
  const bench = spawn("npx", ["tsx", "tests/bench/engine-path.ts", ...benchArgs], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  bench.stdout.on("data", (d: Buffer) => {
    out += d.toString();
    process.stdout.write(d);
  });
  const done = new Promise<void>((ok) => bench.on("exit", () => ok()));
  let perf: ChildProcess | null = null;
  let exited = false;
  done.then(() => {
    exited = true;
  });
  // The renderer: the process of the marked browser that runs DedicatedWorker threads.
  let renderer: string | null = null;
  while (!exited && !renderer) {
    await sleep(200);
    renderer = browserThreadsCpu(MARKER).find((t) => t.name.startsWith("DedicatedWorker"))?.pid ?? null;
  }
  if (renderer) {
    perf = spawn(
      "perf",
      ["record", "-q", "-e", "cpu-clock", "-F", "499", "--user-regs=sp", "-p", renderer, "-o", data],
      {
        stdio: "inherit",
      },
    );
  }
  const perfDone = perf && new Promise<number | null>((ok) => perf?.on("exit", (code) => ok(code)));
  await done;
  if (!perf || !perfDone) throw new Error("no renderer with worker threads was found");
  perf.kill("SIGINT");
  console.log(`perf exited with ${await perfDone}`);
  const script = spawnSync("perf", ["script", "-i", data, "-F", PERF_SCRIPT_FIELDS], {
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  rmSync(dir, { recursive: true, force: true });
  // The hottest 256-byte stretch of code: the gemm microkernel's inner loop.
  const { tid, mine, hot } = busiestHot(perfSamples(script.stdout));
  console.log(`busiest thread ${tid}: ${mine.length} samples; hottest code 0x${(hot << 8n).toString(16)}`);
  // The runs, laid back from the thread's last sample by the wall time the bench printed for each.
  const wall = (/every run, wall ms: ([\d ]+)/.exec(out)?.[1] ?? "").trim().split(/\s+/).map(Number);
  const cpu = (/every run, CPU ms: ([\d ]+)/.exec(out)?.[1] ?? "").trim().split(/\s+/).map(Number);
  let end = mine[mine.length - 1].time;
  const rows: string[] = [];
  for (let r = wall.length - 1; r >= -1; r--) {
    const start = r >= 0 ? end - wall[r] / 1000 : mine[0].time;
    const ss = mine.filter((s) => s.time > start && s.time <= end);
    const inHot = ss.filter((s) => codeBin(s.ip) === hot);
    const sps = commonSps(
      inHot.map((s) => s.sp),
      3,
    );
    const label = r >= 0 ? `run ${r + 1} (CPU ${cpu[r]} ms)` : "before the runs";
    rows.unshift(`  ${label}: ${ss.length} samples, ${inHot.length} in the hottest code, sp there: ${sps}`);
    end = start;
  }
  for (const row of rows) console.log(row);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

// Does the tfjs-wasm gemm's speed depend on where the native stack pointer sits? (docs/bench.md,
// "The tfjs path (kernel off)"; notes in docs/tfjs-slowdown-notes.md.) A Chromium worker
// (tfjs-stack-probe-worker.ts) times three works, each called with m = 0..pads-1 extra 8-byte
// argument slots on the stack (so the stack pointer inside moves by 8 * m bytes): the network's
// predict on tfjs-wasm (1000 points), one tfjs matMul [1000 x 128] x [128 x 128], and a standalone
// AssemblyScript gemm whose 6 x 16 tile keeps 24 v128 sums live (more than x64's 16 xmm registers,
// so the compiled code spills v128 values to the stack). It prints the median ms per call for each
// m and its ratio to the fastest m; a periodic dependence on m means stack alignment matters.
// Then (--burn B) B blocks of 200 unpadded predicts, to reach the late tier-up, and the sweeps again.
// --train S: the engine trains a new network S steps first (predict then runs a copy of it), as the
// engine-path bench does; --rounds R adds R rounds of one DDIM-500 and the sweeps. --perf W: each
// pad held 1.5 s under Linux perf instead (wall-time sweeps on a shared machine are noisy; this
// shows the stack pointer the gemm really got, and its time). predict runs with the network's
// stack-parity workaround off (src/model/network.ts), to see the raw effect.
// Run: npx tsx tests/bench/tfjs-stack-probe.ts [--reps 9] [--pads 16] [--burn 0] [--train S [--rounds R]]
//        [--works gemm,matmul,predict] [--perf predict [--pad-from F] [--pad-step S] [--perf-rounds R]]
//        [--js-flags=--no-wasm-dynamic-tiering]
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { buildTestPage, ROOT } from "../browser/harness";
import { CHROMIUM, CHROMIUM_ARGS, serveDir } from "../browser/static";
import { browserThreadsCpu } from "../browser/worker-cpu";
import { busiestHot, codeBin, commonSps, PERF_SCRIPT_FIELDS, perfSamples } from "./perf-samples";
import type { ProbeRequest, ProbeWork } from "./tfjs-stack-probe-worker";

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const REPS = Number(arg("reps", "9"));
const PADS = Number(arg("pads", "16"));
const BURN = Number(arg("burn", "0"));
/** --train S --rounds R: the engine trains a new network S steps, then R rounds of one DDIM-500
 * (the state indicator) and the sweeps, on a copy of the trained network. */
const TRAIN = Number(arg("train", "0"));
const ROUNDS = Number(arg("rounds", "0"));
const WORKS = arg("works", "gemm,matmul,predict").split(",") as ProbeWork[];
/** --perf W: for m = 0..pads-1, W (a work) called at pad m for 1.5 s under Linux perf: the stack
 * pointer in its hottest 256 bytes of code, and its median ms per call. */
const PERF = arg("perf", "") as ProbeWork | "";
/** --pad-from F --pad-step S (with --perf): pads F, F + S, ... instead of 0, 1, ... */
const PAD_FROM = Number(arg("pad-from", "0"));
const PAD_STEP = Number(arg("pad-step", "1"));
/** --perf-rounds R (with --perf): passes over the pads (default 2). */
const PERF_ROUNDS = Number(arg("perf-rounds", "2"));
const JS_FLAGS = process.argv.filter((a) => a.startsWith("--js-flags="));
const CALLS: Record<ProbeWork, number> = { gemm: 40, matmul: 20, predict: 10 };

// C[m x 16] = A[m x k] B[k x 16], 6 rows at a time: 24 f32x4 sums live across the k loop.
const GEMM_SOURCE = `
export function gemm(a: usize, b: usize, c: usize, m: i32, k: i32): f32 {
  for (let r = 0; r < m; r += 6) {
${[0, 1, 2, 3, 4, 5].map((i) => [0, 1, 2, 3].map((j) => `    let s${i}${j} = f32x4.splat(0);`).join("\n")).join("\n")}
    for (let q = 0; q < k; q++) {
      const pb = b + (<usize>q << 6);
      const b0 = v128.load(pb); const b1 = v128.load(pb, 16); const b2 = v128.load(pb, 32); const b3 = v128.load(pb, 48);
${[0, 1, 2, 3, 4, 5]
  .map(
    (i) =>
      `      const a${i} = v128.load32_splat(a + ((<usize>(r + ${i}) * <usize>k + <usize>q) << 2));\n` +
      [0, 1, 2, 3].map((j) => `      s${i}${j} = f32x4.add(s${i}${j}, f32x4.mul(a${i}, b${j}));`).join("\n"),
  )
  .join("\n")}
    }
${[0, 1, 2, 3, 4, 5]
  .map((i) =>
    [0, 1, 2, 3]
      .map((j) => `    v128.store(c + ((<usize>(r + ${i}) << 6) + ${j * 16}), s${i}${j});`)
      .join("\n"),
  )
  .join("\n")}
  }
  return load<f32>(c);
}
`;

function compileGemm(): number[] {
  const dir = mkdtempSync(join(tmpdir(), "ddim-stack-gemm-"));
  try {
    const src = join(dir, "gemm.ts");
    const out = join(dir, "gemm.wasm");
    writeFileSync(src, GEMM_SOURCE);
    const asc = join(ROOT, "node_modules/assemblyscript/bin/asc.js");
    const flags = ["-O3", "--runtime", "stub", "--noAssert", "--enable", "simd", "--initialMemory", "16"];
    const r = spawnSync(process.execPath, [asc, src, "--outFile", out, ...flags], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`asc failed:\n${r.stdout}${r.stderr}`);
    return [...readFileSync(out)];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const load = () => loadavg()[0].toFixed(2);

const MARKER = `--ddim-stack-probe=${process.pid}`;

/** perf record of one process (cpu-clock, user stack pointer); stop() -> the busiest thread's
 * stack pointers in its hottest 256 bytes of code, most frequent first. */
function perfRecord(pid: string): { stop(): Promise<string> } {
  const dir = mkdtempSync(join(tmpdir(), "ddim-stack-perf-"));
  const data = join(dir, "perf.data");
  const perf = spawn("perf", [
    "record",
    "-q",
    "-e",
    "cpu-clock",
    "-F",
    "999",
    "--user-regs=sp",
    "-p",
    pid,
    "-o",
    data,
  ]);
  const exited = new Promise((ok) => perf.on("exit", ok));
  return {
    async stop() {
      perf.kill("SIGINT");
      await exited;
      const out = spawnSync("perf", ["script", "-i", data, "-F", PERF_SCRIPT_FIELDS], {
        encoding: "utf8",
        maxBuffer: 1 << 28,
      });
      rmSync(dir, { recursive: true, force: true });
      const { mine, hot } = busiestHot(perfSamples(out.stdout));
      return commonSps(
        mine.filter((s) => codeBin(s.ip) === hot).map((s) => s.sp),
        2,
      );
    },
  };
}

async function main(): Promise<void> {
  const gemm = compileGemm();
  const dir = await buildTestPage("../bench/tfjs-stack-probe.html", "ddim-lab-stack-probe-");
  const server = await serveDir(dir);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS, MARKER, ...JS_FLAGS],
  });
  try {
    const page = await browser.newPage();
    page.on("pageerror", (e) => console.error(`page error: ${e.message}`));
    await page.goto(`${server.origin}tests/bench/tfjs-stack-probe.html`);
    await page.waitForFunction(() => document.getElementById("status")?.textContent === "ready");
    const probe = <T>(req: ProbeRequest) =>
      page.evaluate(
        (r) => (window as unknown as { probe: (r: ProbeRequest) => Promise<unknown> }).probe(r),
        req,
      ) as Promise<T>;
    await probe({ op: "init", gemm });
    console.log(`flags: ${JS_FLAGS.join(" ") || "(none)"}; load average ${load()}`);
    const sweep = async (label: string) => {
      for (const work of WORKS) {
        // Warm-up: every pad's call site and the work itself settle into their tiers first.
        await probe({ op: "sweep", work, reps: 2, calls: CALLS[work], pads: PADS });
        const ms = await probe<number[][]>({ op: "sweep", work, reps: REPS, calls: CALLS[work], pads: PADS });
        const med = ms.map(median);
        const best = Math.min(...med);
        console.log(
          `${label} ${work} (load ${load()}): median ms per call by m (8-byte slots), ratio to the fastest`,
        );
        console.log(`  ${med.map((v, m) => `m=${m} ${v.toFixed(3)} ${(v / best).toFixed(2)}`).join(" | ")}`);
      }
    };
    if (TRAIN > 0) {
      await probe({ op: "train", steps: TRAIN });
      console.log(`trained ${TRAIN} steps (load ${load()})`);
    }
    if (PERF) {
      const renderer = browserThreadsCpu(MARKER).find((t) => t.name.startsWith("DedicatedWorker"))?.pid;
      if (!renderer) throw new Error("no worker thread found");
      await probe({ op: "hold", work: PERF, pad: 0, ms: 3000 }); // warm-up
      for (let round = 0; round < PERF_ROUNDS; round++)
        for (let i = 0; i < PADS; i++) {
          const m = PAD_FROM + i * PAD_STEP;
          const rec = perfRecord(renderer);
          const ms = await probe<number>({ op: "hold", work: PERF, pad: m, ms: 1500 });
          const sps = await rec.stop();
          console.log(
            `${PERF} m=${m}: ${ms.toFixed(3)} ms per call (load ${load()}); sp in the hottest code: ${sps}`,
          );
        }
      return;
    }
    if (TRAIN > 0) {
      for (let r = 0; r < ROUNDS; r++) {
        const ms = await probe<number>({ op: "ddim" });
        console.log(`round ${r}: DDIM-500 ${ms.toFixed(0)} ms (load ${load()})`);
        await sweep(`round ${r}`);
      }
      return;
    }
    await sweep("before");
    if (BURN > 0) {
      const blocks = await probe<number[]>({ op: "burn", blocks: BURN, calls: 200 });
      console.log(
        `burn: ms per predict, blocks of 200 (load ${load()}): ${blocks.map((v) => v.toFixed(2)).join(" ")}`,
      );
      await sweep("after");
    }
  } finally {
    await browser.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

// Two-thread kernel training against one thread (docs/backends.md, "Two threads"), in Node with a
// worker_threads helper: the default network (3x128 SiLU, embedding 32), batch 256, rounds of
// --steps steps alternating one and two threads, medians of --rounds; wall time and steps/s, and
// whether both give the same bits. Then the same in headless Chromium through the real worker
// client: one build of the worker test page served twice, plain (one thread) and cross-origin
// isolated (two threads), rounds alternating between the two pages. First, the ceiling: the rate
// of one 128x128x128 float32 product per CPU-second, the kernel's gemm against numpy's BLAS
// (single thread), which bounds what one thread of the kernel can reach against numpy.
//   npx tsx tests/bench/kernel-threads.ts [--rounds 5] [--steps 300] [--skip-browser]
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { DEFAULT_NETWORK, DEFAULT_PROBLEM } from "../../src/core/config";
import { tutorialDataset } from "../../src/core/data";
import { makeProblem } from "../../src/core/experiment";
import { createNetwork, createTrainer, setupBackend } from "../../src/model";
import { loadThreading, preferThreads } from "../../src/model/kernel/load";
import { benchIn, openTestSite, type TestSite } from "../browser/harness";
import { nodeHelper, stopNodeHelpers } from "../model/nodeHelper";
import { type BenchPlan, median } from "./measure";

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Math.max(1, Number(process.argv[i + 1])) : dflt;
};
const ROUNDS = arg("--rounds", 5);
const STEPS = arg("--steps", 300);

async function round(threads: boolean): Promise<{ rate: number; hash: number }> {
  preferThreads(threads);
  const problem = makeProblem(tutorialDataset(), DEFAULT_PROBLEM);
  const net = createNetwork(problem, DEFAULT_NETWORK, 1);
  const tr = createTrainer(net, problem, { lr: 2e-3, batch: 256, emaDecay: 0.999 });
  tr.runChunk(20); // warm-up; the helper starts meanwhile
  const kn = net.kernel();
  while (threads && kn?.trainingThreads() !== 2) await new Promise((r) => setTimeout(r, 10));
  const t0 = performance.now();
  for (let done = 0; done < STEPS; done += 50) tr.runChunk(Math.min(50, STEPS - done));
  const rate = (1000 * STEPS) / (performance.now() - t0);
  const hash = net.lossHistory.reduce((h, l) => (Math.imul(h, 31) + Math.round(l * 1e9)) | 0, 0);
  tr.dispose();
  net.dispose();
  return { rate, hash };
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** GFLOP per CPU-second of the kernel's gemm on a 128x128 by 128x128 product (median of 5). */
function kernelGemmRate(): number {
  const wasm = readFileSync(new URL("../../src/model/kernel/generated/kernel.wasm", import.meta.url));
  const k = new WebAssembly.Instance(new WebAssembly.Module(wasm), {}).exports as unknown as {
    memory: WebAssembly.Memory;
    gemm(...args: number[]): void;
  };
  const n = 128;
  k.memory.grow(8);
  const [a, b, c] = [65536, 65536 + 4 * n * n, 65536 + 8 * n * n];
  const f = new Float32Array(k.memory.buffer);
  for (let i = a / 4; i < c / 4 + n * n; i++) f[i] = Math.sin(i);
  const rates: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = cpuMs();
    for (let i = 0; i < 2000; i++) k.gemm(a, n, 1, b, n, c, n, 0, n, n, n, 0);
    rates.push((2 * n ** 3 * 2000) / ((cpuMs() - t0) * 1e6));
  }
  return median(rates);
}

/** The same for numpy (one BLAS thread), or null without python3 + numpy. */
function numpyGemmRate(): number | null {
  const code = `import numpy as np, time
a=np.random.rand(128,128).astype(np.float32); b=np.random.rand(128,128).astype(np.float32); c=np.empty_like(a)
r=[]
for _ in range(5):
    t=time.process_time()
    for _ in range(2000): np.matmul(a,b,out=c)
    r.append(2*128**3*2000/(time.process_time()-t)/1e9)
print(sorted(r)[2])`;
  const env = { ...process.env, OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1" };
  const p = spawnSync("python3", ["-c", code], { encoding: "utf8", env });
  return p.status === 0 ? Number(p.stdout.trim()) : null;
}

async function main(): Promise<void> {
  const kg = kernelGemmRate();
  const ng = numpyGemmRate();
  console.log(
    `128x128x128 float32 product, one thread: kernel ${kg.toFixed(1)} GFLOP/CPU-s` +
      (ng ? `, numpy ${ng.toFixed(1)} (kernel/numpy ${(kg / ng).toFixed(2)}x)` : ", numpy not available"),
  );
  await setupBackend("wasm");
  if (!(await loadThreading(nodeHelper)))
    throw new Error("the shared kernel build is missing: npm run build:kernel");
  const one: number[] = [];
  const two: number[] = [];
  let same = true;
  for (let r = 0; r < ROUNDS; r++) {
    const a = await round(false);
    const b = await round(true);
    one.push(a.rate);
    two.push(b.rate);
    same &&= a.hash === b.hash;
  }
  const m1 = median(one);
  const m2 = median(two);
  console.log(
    `kernel training, default network, batch 256, ${STEPS} steps x ${ROUNDS} rounds (Node, alternating)`,
  );
  console.log(`  1 thread : ${m1.toFixed(0)} steps/s (${one.map((x) => x.toFixed(0)).join(", ")})`);
  console.log(`  2 threads: ${m2.toFixed(0)} steps/s (${two.map((x) => x.toFixed(0)).join(", ")})`);
  console.log(
    `  ratio 2/1: ${(m2 / m1).toFixed(2)}x; losses ${same ? "identical" : "DIFFERENT"} on one and two threads`,
  );
  await stopNodeHelpers();
  if (!same) process.exit(1);
  if (!process.argv.includes("--skip-browser")) await inChromium();
}

async function inChromium(): Promise<void> {
  const plan: BenchPlan = { backend: "wasm", trainSteps: STEPS, trainRuns: 1, sampleRuns: 1, points: 1000 };
  const sites: TestSite[] = [await openTestSite([], false), await openTestSite([], true)];
  try {
    const rates: [number[], number[]] = [[], []];
    for (let r = 0; r < ROUNDS; r++) {
      for (const [i, s] of sites.entries()) rates[i].push((await benchIn(s.page, plan)).stepsPerSecond);
    }
    const [m1, m2] = rates.map(median);
    console.log(`Chromium worker (production build, same build served plain and cross-origin isolated)`);
    console.log(`  1 thread : ${m1.toFixed(0)} steps/s (${rates[0].map((x) => x.toFixed(0)).join(", ")})`);
    console.log(`  2 threads: ${m2.toFixed(0)} steps/s (${rates[1].map((x) => x.toFixed(0)).join(", ")})`);
    console.log(`  ratio 2/1: ${(m2 / m1).toFixed(2)}x`);
  } finally {
    for (const s of sites) await s.close();
  }
}

await main();

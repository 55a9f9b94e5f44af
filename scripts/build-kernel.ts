// Builds the wasm-simd kernel (kernel/index.ts, AssemblyScript) into
// src/model/kernel/generated/kernel.wasm, and the same code for two-thread training into
// kernel-shared.wasm (it imports a shared memory instead of owning one); both are generated,
// never committed.
//   npx tsx scripts/build-kernel.ts          build (what `npm run build:kernel` runs)
//   npx tsx scripts/build-kernel.ts --if-stale  only when the .wasm is missing or older than the source
// vitest runs ensureKernel() as a global setup, so the model tests find the kernel.
// Flags: -O3, the stub runtime (the kernel allocates nothing: the JS side owns the memory layout),
// SIMD on, and nothing that could make the float results depend on the engine (no relaxed SIMD).
// The shared build adds only the memory import (threads feature, same maximum as
// SHARED_MAX_PAGES): the code and so the float results are the same.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { SHARED_MAX_PAGES } from "../src/model/kernel/layout.ts";

const ROOT = resolve(import.meta.dirname, "..");
const SOURCE = join(ROOT, "kernel/index.ts");
export const KERNEL_WASM = join(ROOT, "src/model/kernel/generated/kernel.wasm");
export const SHARED_WASM = join(ROOT, "src/model/kernel/generated/kernel-shared.wasm");
const ASC_FLAGS = ["-O3", "--runtime", "stub", "--noAssert", "--enable", "simd", "--initialMemory", "1"];
const SHARED_FLAGS = [
  ...["--enable", "threads", "--importMemory", "--sharedMemory"],
  ...["--maximumMemory", String(SHARED_MAX_PAGES)],
];

function stale(): boolean {
  const source = statSync(SOURCE).mtimeMs;
  return [KERNEL_WASM, SHARED_WASM].some((f) => !existsSync(f) || statSync(f).mtimeMs < source);
}

/** Builds the kernel; throws with asc's output when it fails. */
export function buildKernel(): void {
  mkdirSync(dirname(KERNEL_WASM), { recursive: true });
  const asc = join(ROOT, "node_modules/assemblyscript/bin/asc.js");
  for (const [out, extra] of [
    [KERNEL_WASM, []],
    [SHARED_WASM, SHARED_FLAGS],
  ] as const) {
    const r = spawnSync(process.execPath, [asc, SOURCE, "--outFile", out, ...ASC_FLAGS, ...extra], {
      cwd: ROOT,
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(`building the kernel failed:\n${r.stdout}${r.stderr}`);
  }
}

/** Builds the kernel only when it is missing or older than its source. */
export function ensureKernel(): void {
  if (stale()) buildKernel();
}

/** vitest globalSetup entry. */
export default function setup(): void {
  ensureKernel();
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  try {
    if (process.argv.includes("--if-stale")) ensureKernel();
    else buildKernel();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}

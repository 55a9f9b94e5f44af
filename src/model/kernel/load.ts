// Loading the wasm-simd kernel (built from kernel/ by `npm run build:kernel` into ./generated/,
// never committed). The same `new URL(..., import.meta.url)` works everywhere: vite turns it into
// a hashed asset URL in the worker bundle (dev and production), and under Node (tsx, vitest, the
// CLI) it is a file: URL read with fs. docs/backends.md, "The wasm-simd kernel" and "Two threads".
import type { Threading } from "./net";
import { type HelperHandle, webHelper } from "./team";

/** The compiled kernel, once loaded; null when it is not (yet) loaded or could not be. */
let compiled: WebAssembly.Module | null = null;
let failure: string | null = null;
let loading: Promise<WebAssembly.Module | null> | null = null;

/** The smallest module using a v128 instruction: validates only where WebAssembly SIMD exists. */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98,
  11,
]);

export function simdSupported(): boolean {
  try {
    return typeof WebAssembly === "object" && WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

async function readBytes(url: URL): Promise<ArrayBuffer> {
  if (url.protocol === "file:") {
    // A variable specifier keeps bundlers from trying to pack node:fs into the browser build.
    const fsName = "node:fs/promises";
    const fs = (await import(/* @vite-ignore */ fsName)) as typeof import("node:fs/promises");
    const buf = await fs.readFile(url);
    return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  }
  const res = await fetch(url);
  if (!res.ok) throw new Error(`HTTP ${res.status} for ${url.pathname}`);
  return res.arrayBuffer();
}

/**
 * Loads and compiles the kernel once. Resolves to null (and remembers why, see kernelFailure)
 * when WebAssembly SIMD is missing or the file cannot be read: callers then stay on tfjs.
 */
export function loadKernel(): Promise<WebAssembly.Module | null> {
  if (compiled) return Promise.resolve(compiled);
  if (!loading) {
    loading = (async () => {
      if (!simdSupported()) {
        failure = "this browser has no WebAssembly SIMD";
        return null;
      }
      try {
        const url = new URL("./generated/kernel.wasm", import.meta.url);
        compiled = await WebAssembly.compile(await readBytes(url));
        failure = null;
        if (threadsBlocker() === null) await loadThreading(webHelper);
        return compiled;
      } catch (err) {
        failure = `the kernel could not be loaded (${(err as Error).message}); run npm run build:kernel`;
        loading = null; // a later call may try again
        return null;
      }
    })();
  }
  return loading;
}

/** The loaded kernel module, or null. */
export function kernelModule(): WebAssembly.Module | null {
  return compiled;
}

/** Why the kernel is not loaded, when a load was tried and failed. */
export function kernelFailure(): string | null {
  return failure;
}

/** Whether networks with compute "auto" use the kernel (set by setupBackend). */
let enabled = false;
/** setupBackend's default for its `kernel` option (true; the bench's tfjs worker sets false). */
let preferred = true;

/** Sets setupBackend's default: false keeps every later setupBackend on plain tfjs. */
export function preferKernel(on: boolean): void {
  preferred = on;
}

export function kernelPreferred(): boolean {
  return preferred;
}

export function setKernelEnabled(on: boolean): void {
  enabled = on;
}

/** True when "auto" networks run on the kernel: it is wanted and loaded. */
export function kernelActive(): boolean {
  return enabled && compiled !== null;
}

/** The label the engine reports while the kernel computes (tfjs then only stores the weights). */
export const KERNEL_LABEL = "wasm-simd kernel";

/** The shared-memory build and its helper maker, once loaded for two-thread training. */
let threading: Threading | null = null;
let threadsWanted = true;

/** Why two training threads cannot run here (null: they can). */
export function threadsBlocker(): string | null {
  const g = globalThis as { crossOriginIsolated?: boolean; navigator?: { hardwareConcurrency?: number } };
  if (typeof Worker === "undefined") return "no workers here";
  // Browsers hide SharedArrayBuffer from pages that are not isolated: say the cause, not the symptom.
  if (g.crossOriginIsolated !== true) return "the page is not cross-origin isolated (COOP/COEP headers)";
  if (typeof SharedArrayBuffer === "undefined") return "no shared memory here";
  if ((g.navigator?.hardwareConcurrency ?? 1) < 2) return "this machine reports one CPU core";
  return null;
}

/**
 * Loads the shared-memory build so that networks made from now on train on two threads, the
 * second started by makeHelper (a Web Worker in the browser; the tests pass a Node worker).
 */
export async function loadThreading(makeHelper: () => HelperHandle): Promise<boolean> {
  try {
    const url = new URL("./generated/kernel-shared.wasm", import.meta.url);
    threading = { module: await WebAssembly.compile(await readBytes(url)), makeHelper };
    return true;
  } catch {
    threading = null;
    return false;
  }
}

/** false: networks made from now on train on one thread even where two could run (the bench). */
export function preferThreads(on: boolean): void {
  threadsWanted = on;
}

/** What a new kernel network gets for two-thread training, or null for one thread. */
export function kernelThreading(): Threading | null {
  return threadsWanted ? threading : null;
}

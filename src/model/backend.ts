// Backend choice (docs/backends.md): on "wasm" the wasm-simd kernel computes and tfjs-wasm (SIMD,
// single thread) holds the weights and is the fallback; cpu is the always-available fallback,
// webgl works in a worker but is software-rendered here.
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { KERNEL_LABEL, kernelActive, kernelPreferred, loadKernel, setKernelEnabled } from "./kernel/load";
import * as tf from "./tf";

export type BackendName = "wasm" | "cpu" | "webgl";

export interface BackendOptions {
  /**
   * Where the browser finds the .wasm binaries: a directory prefix or a map from file name
   * (tfjs-backend-wasm.wasm, tfjs-backend-wasm-simd.wasm, tfjs-backend-wasm-threaded-simd.wasm)
   * to URL, e.g. from vite `?url` imports. Node finds them in node_modules without this.
   */
  wasmPaths?: string | Record<string, string>;
  /**
   * Use the wasm-simd kernel for predictions and training on "wasm" (default: true, or what
   * preferKernel set; it is loaded
   * here and skipped, staying on tfjs, where WebAssembly SIMD or the file is missing). false runs
   * everything on tfjs (the reference, and the bench's comparison).
   */
  kernel?: boolean;
}

/**
 * Activates a backend and returns the one that is actually active: when wasm (or webgl) cannot
 * start, it falls back to cpu instead of failing.
 */
export async function setupBackend(name: BackendName, opts: BackendOptions = {}): Promise<BackendName> {
  // Production mode: no debug checks, and no "install tfjs-node" banner from the cpu backend.
  tf.enableProdMode();
  const wantKernel = name === "wasm" && (opts.kernel ?? kernelPreferred());
  setKernelEnabled(wantKernel);
  if (wantKernel) await loadKernel();
  if (tf.getBackend() === name) return name;
  try {
    if (name === "wasm") {
      // With cross-origin isolation tfjs picks its threaded build, which hangs after a production
      // build; single-thread must be forced before the backend initialises.
      tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
      if (opts.wasmPaths) setWasmPaths(opts.wasmPaths as never);
    }
    // webgl is a chunk of its own (~90 kB gzip) that loads only when someone picks it (tf.ts).
    if (name === "webgl") await import("@tensorflow/tfjs-backend-webgl");
    if (await tf.setBackend(name)) {
      await tf.ready();
      if (tf.getBackend() === name) return name;
    }
  } catch {
    // fall through to cpu
  }
  await tf.setBackend("cpu");
  await tf.ready();
  return "cpu";
}

/** What computes: "wasm-simd kernel" while the kernel is active, else the tfjs backend's name. */
export function computeLabel(): string {
  return kernelActive() ? KERNEL_LABEL : tf.getBackend();
}

/** The active backend's name ("wasm", "cpu", "webgl"). */
export function activeBackend(): string {
  return tf.getBackend();
}

/** Live tensors on the engine: flat across calls means nothing leaks. */
export function numTensors(): number {
  return tf.memory().numTensors;
}

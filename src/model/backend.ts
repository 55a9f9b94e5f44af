// Backend choice (issue 3 item 2): wasm (SIMD, single thread) is the fastest on CPU-only machines,
// cpu is the always-available fallback, webgl works in a worker but is software-rendered here.
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";

export type BackendName = "wasm" | "cpu" | "webgl";

export interface BackendOptions {
  /**
   * Where the browser finds the .wasm binaries: a directory prefix or a map from file name
   * (tfjs-backend-wasm.wasm, tfjs-backend-wasm-simd.wasm, tfjs-backend-wasm-threaded-simd.wasm)
   * to URL, e.g. from vite `?url` imports. Node finds them in node_modules without this.
   */
  wasmPaths?: string | Record<string, string>;
}

/**
 * Activates a backend and returns the one that is actually active: when wasm (or webgl) cannot
 * start, it falls back to cpu instead of failing.
 */
export async function setupBackend(name: BackendName, opts: BackendOptions = {}): Promise<BackendName> {
  // Production mode: no debug checks, and no "install tfjs-node" banner from the cpu backend.
  tf.enableProdMode();
  if (tf.getBackend() === name) return name;
  try {
    if (name === "wasm") {
      // With cross-origin isolation tfjs picks its threaded build, which hangs after a production
      // build; single-thread must be forced before the backend initialises.
      tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
      if (opts.wasmPaths) setWasmPaths(opts.wasmPaths as never);
    }
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

/** The active backend's name ("wasm", "cpu", "webgl"). */
export function activeBackend(): string {
  return tf.getBackend();
}

/** Live tensors on the engine: flat across calls means nothing leaks. */
export function numTensors(): number {
  return tf.memory().numTensors;
}

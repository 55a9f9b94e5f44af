// The kernel's determinism scenario, run on the engine in Node and on the real worker in Chromium
// (tests/browser/kernel-check.ts): for each activation, an architecture with odd sizes, a batch
// larger than one tile, training, then DDIM sampling; hashes of the saved weights, the losses and
// the samples. Equal hashes mean the wasm-simd kernel gives the same bits in both places.
import { DEFAULT_PROBLEM, DEFAULT_SAMPLER, type NetworkConfig } from "../../src/core/config";
import type { Engine } from "../../src/engine/api";

export const KERNEL_CASES: NetworkConfig[] = [
  { width: 128, depth: 3, activation: "silu", embedDim: 32 },
  { width: 37, depth: 2, activation: "relu", embedDim: 6 },
  { width: 21, depth: 4, activation: "gelu", embedDim: 2 },
  { width: 70, depth: 1, activation: "tanh", embedDim: 128 },
];

export interface KernelCaseResult {
  backend: string;
  weights: string;
  losses: string;
  samples: string;
  /** The training threads the engine reported ("2 threads", "1 thread (why)"), or "-". */
  threads: string;
}

/** FNV-1a over a string (the saved file's base64 fields) or the bytes of a float array. */
function fnv(data: string | Float32Array): string {
  let h = 0x811c9dc5;
  const bytes =
    typeof data === "string"
      ? new TextEncoder().encode(data)
      : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193);
  return (h >>> 0).toString(16).padStart(8, "0");
}

export async function runKernelCases(engine: Engine): Promise<KernelCaseResult[]> {
  const out: KernelCaseResult[] = [];
  for (const [i, network] of KERNEL_CASES.entries()) {
    const info = await engine.init({
      problem: DEFAULT_PROBLEM,
      network,
      train: { steps: 60, lr: 2e-3, batch: 300, seed: 20 + i, emaDecay: 0.99, backend: "wasm" },
    });
    let threads = "-";
    await engine.train(60, (p) => {
      threads = p.threads ?? threads;
    });
    const saved = (await engine.saveNetwork()) as {
      weights: { raw: string[]; ema: string[] };
      lossHistory: string;
    };
    const sample = await engine.sample({
      sampler: { ...DEFAULT_SAMPLER, steps: 20 },
      model: "network",
      n: 700,
      seed: 5,
    });
    out.push({
      backend: info.backend,
      weights: fnv(JSON.stringify(saved.weights)),
      losses: fnv(saved.lossHistory),
      samples: fnv(sample.samples),
      threads,
    });
  }
  return out;
}

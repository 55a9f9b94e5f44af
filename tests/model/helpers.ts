// Shared fixtures of the model tests: a small network so the suite stays fast.
import { DEFAULT_PROBLEM, type NetworkConfig } from "../../src/core/config";
import { tutorialDataset } from "../../src/core/data";
import { makeProblem } from "../../src/core/experiment";

export const SMALL: NetworkConfig = { width: 32, depth: 2, activation: "silu", embedDim: 16 };
export const problem = makeProblem(tutorialDataset(), DEFAULT_PROBLEM);

/** FNV-1a over the bytes of float32 arrays: equal hashes mean bit-identical values. */
export function hashFloats(arrays: ArrayLike<number>[]): string {
  let h = 0x811c9dc5;
  for (const a of arrays) {
    const bytes = new Uint8Array(Float32Array.from(a).buffer);
    for (const b of bytes) h = Math.imul(h ^ b, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

/** Points spread over the data range, model coordinates. */
export function probePoints(n: number): Float64Array {
  const x = new Float64Array(2 * n);
  for (let i = 0; i < 2 * n; i++) x[i] = Math.sin(1.7 * i + 0.3) * 2;
  return x;
}

// Leak soak (issue 5): 10,000 training steps in chunks and 100 calls of every sampler kind (plus
// sampleMany, inversion and interpolation) on the engine in Node, printing tfjs numTensors and
// the process heap before and after. Run: npx tsx tests/bench/soak.ts [--steps N] [--calls N]
import {
  DEFAULT_NETWORK,
  DEFAULT_PROBLEM,
  DEFAULT_SAMPLER,
  DEFAULT_TRAIN,
  SAMPLER_KINDS,
} from "../../src/core/config";
import { createEngine } from "../../src/engine/engine";

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const STEPS = arg("steps", 10_000);
const CALLS = arg("calls", 100);
const gc = (globalThis as { gc?: () => void }).gc;

function heapMB(): string {
  gc?.();
  return (process.memoryUsage().heapUsed / 2 ** 20).toFixed(1);
}

async function main(): Promise<void> {
  const engine = createEngine();
  // Small batch keeps the soak short; the number of steps, chunks and calls is what matters.
  await engine.init({
    problem: DEFAULT_PROBLEM,
    network: DEFAULT_NETWORK,
    train: { ...DEFAULT_TRAIN, batch: 32 },
  });
  await engine.train(50, () => {});
  const req = { model: "network" as const, n: 100, seed: 1 };
  await engine.sample({ ...req, sampler: { ...DEFAULT_SAMPLER, steps: 5 } });
  const t0 = performance.now();
  const before = { tensors: await engine.numTensors(), heap: heapMB() };
  console.log(
    `before: numTensors ${before.tensors}, heap ${before.heap} MB${gc ? "" : " (run with --expose-gc for exact heap)"}`,
  );
  let chunks = 0;
  await engine.train(STEPS, () => chunks++);
  const mid = { tensors: await engine.numTensors(), heap: heapMB() };
  console.log(
    `after ${STEPS} training steps (${chunks} chunks): numTensors ${mid.tensors}, heap ${mid.heap} MB`,
  );
  for (let i = 0; i < CALLS; i++) {
    for (const sampler of SAMPLER_KINDS)
      await engine.sample({ ...req, seed: i, sampler: { ...DEFAULT_SAMPLER, sampler, steps: 10, eta: 1 } });
    await engine.sampleMany([
      { ...req, sampler: { ...DEFAULT_SAMPLER, steps: 10 } },
      { ...req, model: "oracle", sampler: { ...DEFAULT_SAMPLER, steps: 10 } },
    ]);
    await engine.invert({ points: new Float32Array(200).fill(1), steps: 10, model: "network" });
    await engine.interpolate({ seed: i, n: 20, frames: 5, path: "slerp", steps: 10, model: "network" });
  }
  const after = { tensors: await engine.numTensors(), heap: heapMB() };
  console.log(
    `after ${CALLS} calls of each of ${SAMPLER_KINDS.join(", ")}, sampleMany, invert, interpolate: numTensors ${after.tensors}, heap ${after.heap} MB`,
  );
  console.log(
    `numTensors ${before.tensors} -> ${after.tensors} (${after.tensors === before.tensors ? "flat" : "LEAK"}); ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
  await engine.dispose();
  process.exit(after.tensors === before.tensors ? 0 : 1);
}

void main();

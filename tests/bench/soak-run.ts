// The leak soak (docs/bench.md, "Leak soak") through the Engine API, so it runs on the engine in Node and on the
// real worker in Chromium: training in chunks, then calls of every sampler kind, with live tensors
// and the JS heap of the compute thread before and after.
import {
  DEFAULT_NETWORK,
  DEFAULT_PROBLEM,
  DEFAULT_SAMPLER,
  DEFAULT_TRAIN,
  SAMPLER_KINDS,
} from "../../src/core/config";
import type { Engine } from "../../src/engine/api";
import type { EngineStats } from "../../src/engine/control";

export interface SoakResult {
  lines: string[];
  flat: boolean;
}

const mb = (s: EngineStats) => (s.heapBytes === null ? "n/a" : `${(s.heapBytes / 2 ** 20).toFixed(1)} MB`);

export async function runSoak(
  engine: Engine,
  stats: () => Promise<EngineStats>,
  steps: number,
  calls: number,
): Promise<SoakResult> {
  const lines: string[] = [];
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
  const before = await stats();
  lines.push(`before: numTensors ${before.numTensors}, heap ${mb(before)}`);
  let chunks = 0;
  await engine.train(steps, () => chunks++);
  const mid = await stats();
  lines.push(
    `after ${steps} training steps (${chunks} chunks): numTensors ${mid.numTensors}, heap ${mb(mid)}`,
  );
  for (let i = 0; i < calls; i++) {
    for (const sampler of SAMPLER_KINDS) {
      await engine.sample({ ...req, seed: i, sampler: { ...DEFAULT_SAMPLER, sampler, steps: 10, eta: 1 } });
    }
    await engine.sampleMany([
      { ...req, sampler: { ...DEFAULT_SAMPLER, steps: 10 } },
      { ...req, model: "oracle", sampler: { ...DEFAULT_SAMPLER, steps: 10 } },
    ]);
    await engine.invert({ points: new Float32Array(200).fill(1), steps: 10, model: "network" });
    await engine.interpolate({ seed: i, n: 20, frames: 5, path: "slerp", steps: 10, model: "network" });
  }
  const after = await stats();
  const kinds = [...SAMPLER_KINDS, "sampleMany", "invert", "interpolate"].join(", ");
  lines.push(`after ${calls} calls of each of ${kinds}: numTensors ${after.numTensors}, heap ${mb(after)}`);
  const flat = after.numTensors === before.numTensors;
  const secs = ((performance.now() - t0) / 1000).toFixed(0);
  lines.push(`numTensors ${before.numTensors} -> ${after.numTensors} (${flat ? "flat" : "LEAK"}); ${secs} s`);
  return { lines, flat };
}

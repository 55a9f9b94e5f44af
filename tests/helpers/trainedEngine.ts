// A small engine trained for 10 steps on the wasm kernel, and what a test feeding it bad network
// files compares against afterwards: the rejection of a file must leave its network as it was
// (the same samples for a fixed probe, no leaked tensors). Shared by the engine's request fuzz
// (tests/engine/fuzz.test.ts) and the plausibility fuzz (tests/model/sanity.fuzz.test.ts).
import { expect } from "vitest";
import { DEFAULT_PROBLEM, DEFAULT_SAMPLER } from "../../src/core/config";
import type { EngineSettings } from "../../src/engine/api";
import type { EngineWithControl } from "../../src/engine/control";
import { createEngine } from "../../src/engine/engine";
import type { SavedNetwork } from "../../src/model";

/** Small enough to train in well under a second; seed 3 for the network and its batches. */
export const TRAINED_SETTINGS: EngineSettings = {
  problem: DEFAULT_PROBLEM,
  network: { width: 16, depth: 1, activation: "silu", embedDim: 4 },
  train: { steps: 10, lr: 1e-3, batch: 16, seed: 3, emaDecay: 0.9, backend: "wasm" },
};

export interface TrainedEngine {
  engine: EngineWithControl;
  /** The engine's network as a file: valid, so a test can alter one part of it at a time. */
  good: SavedNetwork;
  /** Checks the engine still samples exactly as after training and holds no more tensors. */
  expectUnchanged(): Promise<void>;
}

/** Builds and trains the engine (the caller disposes it). */
export async function trainedEngine(): Promise<TrainedEngine> {
  const engine = createEngine({ chunkSteps: 10 });
  await engine.init(TRAINED_SETTINGS);
  await engine.train(10, () => {});
  const good = await engine.saveNetwork();
  const probe = { sampler: { ...DEFAULT_SAMPLER, steps: 3 }, model: "network" as const, n: 10, seed: 0 };
  const before = (await engine.sample(probe)).samples;
  const tensors = await engine.numTensors();
  return {
    engine,
    good,
    async expectUnchanged() {
      expect((await engine.sample(probe)).samples).toEqual(before);
      expect(await engine.numTensors()).toBe(tensors);
    },
  };
}

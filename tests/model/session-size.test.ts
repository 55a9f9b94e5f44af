// The largest network the settings allow, saved with the longest training history, still fits
// the one file-size limit (core/config.ts, shared by the dashboard and the CLI), so every network
// a user can train can be loaded back, and it passes the plausibility checks on load.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_FILE_BYTES, NetworkSchema, TrainSchema } from "../../src/core/config";
import { tutorialDataset } from "../../src/core/data";
import { createNetwork, networkFromSaved, saveNetwork, setupBackend } from "../../src/model";
import { makeSession, parseSessionText } from "../../src/state/persist";
import { problem } from "./helpers";

beforeAll(async () => {
  await setupBackend("wasm");
});

describe("saved session size", () => {
  const largest = NetworkSchema.parse({ width: 512, depth: 8, activation: "silu", embedDim: 128 });
  let net: ReturnType<typeof createNetwork> | null = null;
  afterAll(() => net?.dispose());

  it("the largest network with 200,000 steps of history loads back from a file", () => {
    net = createNetwork(problem, largest, 0);
    expect(() => NetworkSchema.parse({ ...largest, width: 513 })).toThrow();
    expect(() => NetworkSchema.parse({ ...largest, depth: 9 })).toThrow();
    const maxSteps = 200_000;
    expect(() => TrainSchema.shape.steps.parse(maxSteps + 1)).toThrow();
    net.trainSteps = maxSteps;
    net.lossHistory = Array.from({ length: maxSteps }, (_, i) => 2 / (1 + i / 1000));
    // The loss chart keeps one point per chunk; one-step chunks are the worst case.
    const loss = net.lossHistory.map((l, i) => ({ step: i + 1, loss: l }));
    const saved = saveNetwork(net);
    const text = JSON.stringify(makeSession(saved, { seed: 0 }, loss));
    expect(text.length).toBeLessThan(MAX_FILE_BYTES);
    const parsed = parseSessionText(text);
    expect(parsed.ok).toBe(true);
    const loaded = networkFromSaved(saved, tutorialDataset());
    expect(loaded.ok).toBe(true);
    if (loaded.ok) loaded.value.dispose();
  });
});

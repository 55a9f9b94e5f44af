// The largest network the settings allow, saved with the longest training history, still fits
// the browser's file-size limit, so every network a user can train can be loaded back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NetworkSchema, TrainSchema } from "../../src/core/config";
import { createNetwork, saveNetwork, setupBackend } from "../../src/model";
import { MAX_FILE_BYTES, makeSession, parseSessionText } from "../../src/state/persist";
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
    const text = JSON.stringify(makeSession(saveNetwork(net), { seed: 0 }, loss));
    expect(text.length).toBeLessThan(MAX_FILE_BYTES);
    const parsed = parseSessionText(text);
    expect(parsed.ok).toBe(true);
  });
});

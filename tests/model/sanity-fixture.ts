// Shared by the plausibility tests: a small valid saved network (3 steps of history) and helpers
// to copy, alter and load it. Call withValidNetwork() once per test file.
import { afterAll, beforeAll, expect } from "vitest";
import { tutorialDataset } from "../../src/core/data";
import {
  createNetwork,
  decodeFloat32,
  encodeFloat32,
  networkFromSaved,
  numTensors,
  type SavedNetwork,
  saveNetwork,
  setupBackend,
} from "../../src/model";
import { problem, SMALL } from "./helpers";

export const data = tutorialDataset();
let valid: SavedNetwork;

/** Builds the valid network before the file's tests and checks no tensor leaked after them. */
export function withValidNetwork() {
  let before = 0;
  beforeAll(async () => {
    await setupBackend("wasm");
    const net = createNetwork(problem, SMALL, 3);
    net.trainSteps = 3;
    net.lossHistory = [1.2, 1.1, 0.9];
    valid = saveNetwork(net);
    net.dispose();
    before = numTensors();
  });
  afterAll(() => {
    expect(numTensors()).toBe(before);
  });
}

export const copy = (): SavedNetwork => JSON.parse(JSON.stringify(valid));
export const scaled = (texts: string[], k: number, factor: number) =>
  texts.map((t, i) => (i === k ? encodeFloat32(Array.from(decodeFloat32(t) ?? [], (v) => v * factor)) : t));
/** Index of the output layer's W. */
export const last = () => valid.weights.raw.length - 2;

/** Loads and disposes; returns the error text, or "" when it loaded. */
export function load(file: unknown, withData = true): string {
  const r = networkFromSaved(file, withData ? data : undefined);
  if (r.ok) {
    r.value.dispose();
    return "";
  }
  return r.error;
}

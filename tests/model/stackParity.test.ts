// The stack-parity workaround of tfjs-wasm predictions (src/model/stackParity.ts) moves only the
// stack: every call runs its work once and returns its value, and predictions are bit-identical
// with the workaround on and off, through whole cycles of trials, with no tensor left behind.
import { beforeAll, describe, expect, it } from "vitest";
import { activeBackend, computeLabel, createNetwork, numTensors, setupBackend } from "../../src/model";
import { StackParity, setStackParity } from "../../src/model/stackParity";
import { probePoints, problem, SMALL } from "./helpers";

beforeAll(async () => {
  await setupBackend("wasm", { kernel: false });
});

describe("stack parity", () => {
  it("runs the work once per call and returns its value, trials and chosen parity alike", () => {
    const parity = new StackParity();
    let runs = 0;
    for (let i = 0; i < 2 * StackParity.CYCLE + 3; i++) expect(parity.run(() => ++runs)).toBe(i + 1);
    expect(runs).toBe(2 * StackParity.CYCLE + 3);
  });

  it("tfjs-wasm predictions are the same bits with the workaround on and off", () => {
    expect(activeBackend()).toBe("wasm");
    expect(computeLabel()).toBe("wasm"); // tfjs computes: the workaround's path
    const net = createNetwork(problem, SMALL, 5);
    const x = probePoints(64);
    const calls = StackParity.CYCLE + 20; // a whole cycle of trials and choices, and the next trials
    const run = () =>
      Array.from({ length: calls }, (_, i) => Array.from(net.predictor(i % 2 === 0)(x, i % 500)));
    const before = numTensors();
    const on = run();
    setStackParity(false);
    const off = run();
    setStackParity(true);
    expect(on).toEqual(off);
    expect(numTensors()).toBe(before);
    net.dispose();
  });
});

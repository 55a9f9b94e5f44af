// The eps network as a NoisePredictor, and the saved-network file format.
import { beforeAll, describe, expect, it } from "vitest";
import {
  createNetwork,
  createTrainer,
  networkFromSaved,
  numTensors,
  saveNetwork,
  setupBackend,
} from "../../src/model";
import { probePoints, problem, SMALL } from "./helpers";

beforeAll(async () => {
  await setupBackend("wasm");
});

function trained() {
  const net = createNetwork(problem, SMALL, 11);
  const trainer = createTrainer(net, problem, { lr: 1e-3, batch: 32, emaDecay: 0.9 });
  trainer.runChunk(30);
  trainer.dispose();
  net.trainSettings = { lr: 1e-3, batch: 32, emaDecay: 0.9, backend: "wasm" };
  return net;
}

describe("the eps network", () => {
  it("is a NoisePredictor: 2n numbers in, 2n finite numbers out, EMA differs from raw", () => {
    const net = trained();
    const x = probePoints(5);
    const e = net.predictor()(x, 100);
    expect(e).toBeInstanceOf(Float64Array);
    expect(e).toHaveLength(10);
    expect(e.every(Number.isFinite)).toBe(true);
    expect(Array.from(net.predictor(false)(x, 100))).not.toEqual(Array.from(e));
    net.dispose();
  });

  it("keeps numTensors flat over 50 predictor calls", () => {
    const net = trained();
    const before = numTensors();
    const x = probePoints(100);
    for (let i = 0; i < 50; i++) net.predictor(i % 2 === 0)(x, i * 10);
    expect(numTensors()).toBe(before);
    net.dispose();
  });

  it("survives a save -> JSON -> load round trip with identical predictions and history", () => {
    const net = trained();
    const json = JSON.parse(JSON.stringify(saveNetwork(net)));
    const loaded = networkFromSaved(json);
    if (!loaded.ok) throw new Error(loaded.error);
    const copy = loaded.value;
    const x = probePoints(20);
    for (const useEma of [true, false]) {
      expect(Array.from(copy.predict(x, 250, useEma))).toEqual(Array.from(net.predict(x, 250, useEma)));
    }
    expect(copy.trainSteps).toBe(30);
    expect(copy.lossHistory).toEqual(net.lossHistory);
    expect(copy.config).toEqual(SMALL);
    expect(copy.problem).toEqual(problem.config);
    expect(copy.standardizer).toEqual(problem.standardizer);
    expect(copy.trainSettings).toEqual(net.trainSettings);
    copy.dispose();
    net.dispose();
  });
});

describe("loading a saved network", () => {
  const net = (() => {
    // built lazily after the backend is set up
    let saved: ReturnType<typeof saveNetwork> | null = null;
    return () => {
      if (!saved) {
        const n = trained();
        saved = saveNetwork(n);
        n.dispose();
      }
      return JSON.parse(JSON.stringify(saved));
    };
  })();

  const nanTensor = () => {
    const s = net();
    const bytes = new Uint8Array(Buffer.from(s.weights.raw[0], "base64"));
    new DataView(bytes.buffer).setFloat32(0, Number.NaN, true);
    s.weights.raw[0] = Buffer.from(bytes).toString("base64");
    return s;
  };

  const cases: [string, () => unknown, RegExp][] = [
    ["not an object", () => "hello", /invalid network file/],
    ["null", () => null, /invalid network file/],
    ["another format", () => ({ ...net(), format: "keras" }), /not a DDIM Lab network file/],
    ["a newer version", () => ({ ...net(), version: 2 }), /unsupported network file version/],
    [
      "a bad network config",
      () => ({ ...net(), network: { ...SMALL, width: 5 } }),
      /width must be from 8 to 512/,
    ],
    ["weights of another shape", () => ({ ...net(), network: { ...SMALL, width: 40 } }), /wrong size for/],
    ["a bad T", () => ({ ...net(), problem: { ...problem.config, T: 3 } }), /T must be/],
    [
      "a missing tensor",
      () => {
        const s = net();
        s.weights.ema.pop();
        return s;
      },
      /EMA weights: expected/,
    ],
    [
      "a truncated tensor",
      () => {
        const s = net();
        s.weights.raw[1] = s.weights.raw[1].slice(0, 8);
        return s;
      },
      /raw weights: tensor 1 has the wrong size/,
    ],
    [
      "garbage base64",
      () => {
        const s = net();
        s.weights.raw[2] = "*".repeat(s.weights.raw[2].length);
        return s;
      },
      /not valid base64/,
    ],
    ["a NaN weight", nanTensor, /NaN or infinite/],
    ["a zero std", () => ({ ...net(), standardizer: { mean: [0, 0], std: [0, 1] } }), /standardizer/],
  ];

  for (const [name, make, message] of cases) {
    it(`rejects ${name} with a clear message and no exception`, () => {
      const before = numTensors();
      const r = networkFromSaved(make());
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(message);
      expect(numTensors()).toBe(before);
    });
  }
});

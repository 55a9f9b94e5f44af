// Well-formed but implausible network files are refused by networkFromSaved (dashboard and CLI
// alike): absurd or denormal standardisers, a standardiser that is not its data's, a loss history
// that does not match the step count, huge weights, and outputs of implausible size on the probe
// batch. Every refusal names the problem and leaks no tensor; sensible files still load.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_PROBLEM, DEFAULT_SAMPLER } from "../../src/core/config";
import { tutorialDataset } from "../../src/core/data";
import type { EngineSettings } from "../../src/engine/api";
import { createEngine } from "../../src/engine/engine";
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
import { EPS_MAX, STD_MAX, STD_MIN } from "../../src/model/sanity";
import { problem, SMALL } from "./helpers";

const data = tutorialDataset();
let valid: SavedNetwork;
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

const copy = (): SavedNetwork => JSON.parse(JSON.stringify(valid));
const scaled = (texts: string[], k: number, factor: number) =>
  texts.map((t, i) => (i === k ? encodeFloat32(Array.from(decodeFloat32(t) ?? [], (v) => v * factor)) : t));
const last = () => valid.weights.raw.length - 2; // the output layer's W

/** Loads and disposes; returns the error text, or "" when it loaded. */
function load(file: unknown, withData = true): string {
  const r = networkFromSaved(file, withData ? data : undefined);
  if (r.ok) {
    r.value.dispose();
    return "";
  }
  return r.error;
}

describe("implausible network files are refused with a message", () => {
  const cases: [string, (s: SavedNetwork) => void, RegExp][] = [
    [
      "std 1e308",
      (s) => {
        s.standardizer.std[0] = 1e308;
      },
      /std must be from 0.000001 to 1000000/,
    ],
    [
      "std denormal 5e-324",
      (s) => {
        s.standardizer.std[1] = 5e-324;
      },
      /denormal/,
    ],
    [
      "std tiny 1e-7",
      (s) => {
        s.standardizer.std[0] = 1e-7;
      },
      /std must be from/,
    ],
    [
      "mean 1e308",
      (s) => {
        s.standardizer.mean[0] = 1e308;
      },
      /mean must be from -1000000 to 1000000/,
    ],
    [
      "mean denormal 1e-310",
      (s) => {
        s.standardizer.mean[1] = 1e-310;
      },
      /denormal/,
    ],
    [
      "std 1% off the data's",
      (s) => {
        s.standardizer.std[0] *= 1.01;
      },
      /does not match the data set "tutorial-mog"/,
    ],
    [
      "raw units with a non-identity standardiser",
      (s) => {
        s.problem = { ...(s.problem as object), units: "raw" } as SavedNetwork["problem"];
      },
      /identity standardiser/,
    ],
    [
      "3,750,000 steps with 3 losses",
      (s) => {
        s.trainSteps = 3_750_000;
      },
      /3 points for 3750000 training steps/,
    ],
    [
      "a NaN loss",
      (s) => {
        s.lossHistory = encodeFloat32([1, Number.NaN, 1]);
      },
      /impossible loss \(NaN\) at step 2/,
    ],
    [
      "a negative loss",
      (s) => {
        s.lossHistory = encodeFloat32([1, -1, 1]);
      },
      /impossible loss \(-1\) at step 2/,
    ],
    [
      "weights ~1e10",
      (s) => {
        s.weights.ema = scaled(s.weights.ema, last(), 1e10);
      },
      /EMA weights: tensor \d+ holds a weight of/,
    ],
    [
      "raw weights ~1e10",
      (s) => {
        s.weights.raw = scaled(s.weights.raw, 0, 1e10);
      },
      /raw weights: tensor 0 holds a weight/,
    ],
    [
      "output layer x 1e5 (weights under the cap)",
      (s) => {
        s.weights.ema = scaled(s.weights.ema, last(), 1e5);
      },
      /EMA weights predict \|eps\| of .* \(at most 1000 is plausible\)/,
    ],
    [
      "raw output layer x 1e5",
      (s) => {
        s.weights.raw = scaled(s.weights.raw, last(), 1e5);
      },
      /raw weights predict \|eps\|/,
    ],
  ];
  for (const [name, change, message] of cases) {
    it(name, () => {
      const s = copy();
      change(s);
      expect(load(s)).toMatch(message);
    });
  }

  it("without the data set, only the data-specific check is skipped", () => {
    const s = copy();
    s.standardizer.std[0] *= 1.01;
    expect(load(s, false)).toBe("");
    s.standardizer.std[0] = 1e308;
    expect(load(s, false)).toMatch(/std must be from/);
  });
});

describe("refusals are in our words, never a library's default text", () => {
  /** [name, path to the field, the value put there (undefined: the field is removed)] */
  const wrong: [string, (string | number)[], unknown][] = [
    ["version '1'", ["version"], "1"],
    ["version 2", ["version"], 2],
    ["seed 1e20", ["seed"], 1e20],
    ["seed 'a'", ["seed"], "a"],
    ["trainSteps 1e20", ["trainSteps"], 1e20],
    ["trainSteps 1.5", ["trainSteps"], 1.5],
    ["std [1, 'a']", ["standardizer", "std", 1], "a"],
    ["std of 3 items", ["standardizer", "std", 2], 1],
    ["no mean", ["standardizer", "mean"], undefined],
    ["dataset of 300 chars", ["dataset"], "x".repeat(300)],
    ["weights.raw 5", ["weights", "raw"], 5],
    ["lossHistory 5", ["lossHistory"], 5],
    ["train.lr 'x'", ["train"], { lr: "x", batch: 1, emaDecay: 0, backend: "cpu" }],
    ["network.width 1e9", ["network", "width"], 1e9],
    ["problem.T 'abc'", ["problem", "T"], "abc"],
  ];
  for (const [name, path, value] of wrong) {
    it(name, () => {
      const s = copy() as unknown as Record<string | number, unknown>;
      let parent = s;
      for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
      const last = path[path.length - 1];
      if (value === undefined) delete parent[last];
      else parent[last] = value;
      const msg = load(s);
      expect(msg).toMatch(/^invalid network file: /);
      expect(msg).not.toMatch(/Invalid input|Too big|Too small|expected (int|number|string|array|tuple)/);
    });
  }
  it("a string version says what it found", () => {
    const s = copy() as unknown as Record<string, unknown>;
    s.version = "1";
    expect(load(s)).toMatch(/version must be the number 1, found string/);
  });
  it("training knobs are checked like the training panel's settings", () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [
        { lr: 2e-3, batch: 256, emaDecay: 0.999, backend: "evil" },
        /train: backend must be one of wasm, cpu, webgl/,
      ],
      [{ lr: 50, batch: 256, emaDecay: 0.999, backend: "wasm" }, /train: learning rate must be from/],
      [
        { lr: 2e-3, batch: 1e9, emaDecay: 0.999, backend: "wasm" },
        /train: batch size must be from 1 to 4096/,
      ],
      [{ lr: 2e-3, batch: 256, emaDecay: 1, backend: "wasm" }, /train: EMA decay must be from 0 to 0.99999/],
      [{ lr: 2e-3, batch: 256, emaDecay: 0.999 }, /train: backend must be one of/],
    ];
    for (const [train, message] of cases) {
      const s = copy() as unknown as Record<string, unknown>;
      s.train = train;
      expect(load(s)).toMatch(message);
    }
    const ok = copy() as unknown as Record<string, unknown>;
    ok.train = { lr: 2e-3, batch: 256, emaDecay: 0.999, backend: "cpu" };
    expect(load(ok)).toBe("");
  });

  it("an array instead of an object", () => {
    expect(load([])).toBe("invalid network file: the file must hold a JSON object (a DDIM Lab network)");
  });
});

describe("sensible files still load", () => {
  it("a fresh network, and the shipped pretrained network against its data", () => {
    expect(load(copy())).toBe("");
    const pretrained = JSON.parse(
      readFileSync(join(import.meta.dirname, "../../public/pretrained/network.json"), "utf8"),
    );
    expect(load(pretrained)).toBe("");
  });

  it("denormal float32 weights (effectively 0) are harmless and load", () => {
    const s = copy();
    s.weights.ema = s.weights.ema.map((t) => encodeFloat32(Array.from(decodeFloat32(t) ?? [], () => 1e-40)));
    expect(load(s)).toBe("");
  });
});

describe("fuzz: finite but absurd standardisers and weight scales", () => {
  it("each loads with sane numbers or is refused with a message; none throws or leaks", () => {
    const absurd = fc.oneof(
      fc.constantFrom(
        1e308,
        -1e308,
        5e-324,
        -5e-324,
        1e-310,
        2.2250738585072014e-308,
        0,
        -0,
        1e-7,
        1e7,
        1e6,
        1e-6,
      ),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    );
    const seen = { loaded: 0, refused: 0 };
    fc.assert(
      fc.property(fc.nat(3), absurd, fc.boolean(), (slot, v, withData) => {
        const s = copy();
        if (slot < 2) s.standardizer.mean[slot] = v;
        else s.standardizer.std[slot - 2] = v;
        const r = networkFromSaved(s, withData ? data : undefined);
        if (r.ok) {
          seen.loaded++;
          const { mean, std } = r.value.standardizer;
          expect(std.every((x) => x >= STD_MIN && x <= STD_MAX)).toBe(true);
          expect(mean.every((x) => Number.isFinite(x) && Math.abs(x) <= 1e6)).toBe(true);
          r.value.dispose();
        } else {
          seen.refused++;
          expect(r.error).toMatch(/^invalid network file: /);
          expect(r.error.split("\n")).toHaveLength(1);
        }
      }),
      { numRuns: 300, seed: 11 },
    );
    expect(seen.loaded + seen.refused).toBe(300);
    console.info(`standardiser fuzz: ${seen.loaded} loaded, ${seen.refused} refused`);
    expect(seen.refused).toBeGreaterThan(200);
  });

  it("output-layer scales from 1e-3 to 1e12: plausible outputs load, the rest are refused", () => {
    const seen = { loaded: 0, refused: 0 };
    for (let e = -3; e <= 12; e++) {
      const s = copy();
      s.weights.ema = scaled(s.weights.ema, last(), 10 ** e);
      const r = networkFromSaved(s, data);
      if (r.ok) {
        seen.loaded++;
        const eps = r.value.predict(Float64Array.from([0, 0, 3, -3]), 10);
        expect(eps.every((v) => Math.abs(v) <= EPS_MAX)).toBe(true);
        r.value.dispose();
      } else {
        seen.refused++;
        expect(r.error).toMatch(/predict \|eps\||holds a weight/);
      }
    }
    console.info(`weight-scale sweep 1e-3..1e12: ${seen.loaded} loaded, ${seen.refused} refused`);
    expect(seen.loaded).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  });
});

describe("the dashboard's path (the engine) refuses them too and keeps its network", () => {
  it("std 1e308, a denormal mean, 3,750,000 steps, weights ~1e10: rejected, samples unchanged", async () => {
    const settings: EngineSettings = {
      problem: DEFAULT_PROBLEM,
      network: { width: 16, depth: 1, activation: "silu", embedDim: 4 },
      train: { steps: 10, lr: 1e-3, batch: 16, seed: 3, emaDecay: 0.9, backend: "wasm" },
    };
    const engine = createEngine({ chunkSteps: 10 });
    await engine.init(settings);
    await engine.train(10, () => {});
    const good = (await engine.saveNetwork()) as SavedNetwork;
    const probe = { sampler: { ...DEFAULT_SAMPLER, steps: 3 }, model: "network" as const, n: 10, seed: 0 };
    const before = (await engine.sample(probe)).samples;
    const tensors = await engine.numTensors();
    const bad: [(s: SavedNetwork) => void, RegExp][] = [
      [
        (s) => {
          s.standardizer.std[0] = 1e308;
        },
        /std must be from/,
      ],
      [
        (s) => {
          s.standardizer.mean[0] = 1e-310;
        },
        /denormal/,
      ],
      [
        (s) => {
          s.trainSteps = 3_750_000;
        },
        /10 points for 3750000 training steps/,
      ],
      [
        (s) => {
          s.weights.ema = scaled(s.weights.ema, s.weights.ema.length - 2, 1e10);
        },
        /holds a weight/,
      ],
    ];
    for (const [change, message] of bad) {
      const file = JSON.parse(JSON.stringify(good)) as SavedNetwork;
      change(file);
      await expect(engine.loadNetwork(file)).rejects.toThrow(message);
    }
    expect((await engine.sample(probe)).samples).toEqual(before);
    expect(await engine.numTensors()).toBe(tensors);
    await engine.dispose();
  });
});

// Well-formed but implausible network files are refused by networkFromSaved (dashboard and CLI
// alike): absurd or denormal standardisers, a standardiser that is not its data's, a loss history
// that does not match the step count, huge weights, and outputs of implausible size on the probe
// batch. Every refusal names the problem in our words and leaks no tensor; sensible files load.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeFloat32, encodeFloat32, type SavedNetwork } from "../../src/model";
import { copy, last, load, scaled, withValidNetwork } from "./sanity-fixture";

withValidNetwork();

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

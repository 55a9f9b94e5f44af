// `cli train` in this process: every bad flag is one line on stderr and exit 2; a good run writes a
// loadable network. Output locations are checked before training (tests/cli/output.test.ts).
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { resolveData } from "../../cli/data";
import { trainCommand } from "../../cli/train";
import { networkFromSaved } from "../../src/model";

function capture() {
  const lines: string[] = [];
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  return lines;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("cli train", () => {
  const bad: [string[], RegExp][] = [
    [["--steps", "10"], /--out DIR is required/],
    [["--width", "3", "--out", "/tmp/x"], /--width: width must be from 8 to 512/],
    [["--depth", "1.5", "--out", "/tmp/x"], /--depth: depth must be a whole number/],
    [
      ["--activation", "softmax", "--out", "/tmp/x"],
      /--activation: activation must be one of silu, relu, gelu, tanh/,
    ],
    [["--embed", "7", "--out", "/tmp/x"], /--embed: embedding size must be an even number/],
    [["--lr", "abc", "--out", "/tmp/x"], /--lr must be a number/],
    [["--lr", "50", "--out", "/tmp/x"], /--lr: learning rate must be from/],
    [["--batch", "0", "--out", "/tmp/x"], /--batch: batch size must be from 1 to 4096/],
    [["--ema", "1", "--out", "/tmp/x"], /--ema: EMA decay must be from 0 to 0.99999/],
    [["--T", "5", "--out", "/tmp/x"], /--T: T must be from/],
    [["--schedule", "sqrt", "--out", "/tmp/x"], /--schedule: schedule must be one of linear, cosine/],
    [["--units", "cm", "--out", "/tmp/x"], /--units: units must be one of standardized, raw/],
    [["--backend", "webgpu", "--out", "/tmp/x"], /--backend: backend must be one of wasm, cpu/],
    [
      ["--width", "0x10", "--out", "/tmp/x"],
      /--width must be a number written like 12, 0.5 or 1e-3, got "0x10"/,
    ],
    [["--chunk", "0", "--out", "/tmp/x"], /--chunk: chunk must be a whole number from 1 to 10000/],
    [
      ["--steps", "1e999", "--out", "/tmp/x"],
      /--steps must be a number written like 12, 0.5 or 1e-3, got "1e999"/,
    ],
    [["--seed", "-1", "--out", "/tmp/x"], /--seed: seed must be from 0/],
    [["--steps", "0", "--out", "/tmp/x"], /--steps: training steps must be from 1/],
    [["--colour", "red", "--out", "/tmp/x"], /unknown flag --colour/],
  ];
  for (const [args, message] of bad) {
    it(`rejects ${args.join(" ")} with exit 2 and one line`, async () => {
      const lines = capture();
      expect(await trainCommand(args)).toBe(2);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
      expect(lines[0].trim().split("\n")).toHaveLength(1);
    });
  }

  it("trains deterministically and writes DIR/network.json that loads", async () => {
    const args = (dir: string) =>
      [
        "--steps",
        "20",
        "--width",
        "16",
        "--depth",
        "1",
        "--embed",
        "8",
        "--batch",
        "16",
        "--chunk",
        "10",
      ].concat(["--seed", "4", "--backend", "wasm", "--out", dir]);
    const dirs = [mkdtempSync(join(tmpdir(), "ddim-train-")), mkdtempSync(join(tmpdir(), "ddim-train-"))];
    const lines = capture();
    for (const dir of dirs) expect(await trainCommand(args(dir))).toBe(0);
    for (const dir of dirs) expect(readdirSync(dir)).toEqual(["network.json"]); // no temporary file left
    expect(lines.some((l) => /step 20\/20/.test(l))).toBe(true);
    const [a, b] = dirs.map((d) => readFileSync(join(d, "network.json"), "utf8"));
    expect(a).toBe(b);
    const loaded = networkFromSaved(JSON.parse(a));
    expect(loaded.ok).toBe(true);
    if (loaded.ok) {
      expect(loaded.value.trainSteps).toBe(20);
      expect(loaded.value.config).toEqual({ width: 16, depth: 1, activation: "silu", embedDim: 8 });
      loaded.value.dispose();
    }
  });

  it("--data ring trains on the ring: the file names it and its standardiser is the ring's", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ddim-train-ring-"));
    const lines = capture();
    const args = ["--data", "ring", "--steps", "5", "--width", "8", "--depth", "1", "--embed", "2"];
    expect(await trainCommand([...args, "--batch", "8", "--out", dir])).toBe(0);
    expect(lines.some((l) => /data ring/.test(l))).toBe(true);
    const json = JSON.parse(readFileSync(join(dir, "network.json"), "utf8"));
    const ring = resolveData("ring").dataset;
    expect(json.dataset).toBe(ring.name);
    expect(json.dataset).toMatch(/^ring:400-/);
    const loaded = networkFromSaved(json, ring);
    expect(loaded.ok).toBe(true);
    if (loaded.ok) loaded.value.dispose();
    // the same file claims the ring: a standardiser from other data is refused
    json.standardizer = JSON.parse(
      readFileSync(join(import.meta.dirname, "../../public/pretrained/network.json"), "utf8"),
    ).standardizer;
    const wrong = networkFromSaved(json, ring);
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error).toMatch(/does not match the data set "ring:400-/);
  });
});

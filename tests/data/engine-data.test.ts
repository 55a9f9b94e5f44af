// Everything follows the data, and the network belongs to its data: the engine with the real tfjs
// network (wasm) trains on the chosen set, its saved file carries the data's fingerprint, and
// sampling with it on other data is refused with a message that offers to train.
import { describe, expect, it } from "vitest";
import { DEFAULT_PROBLEM, DEFAULT_SAMPLER } from "../../src/core/config";
import { fitStandardizer } from "../../src/core/data";
import { dataFingerprint, resolveData } from "../../src/core/datasets";
import { type EngineSettings, isOtherDataError, OTHER_DATA, type SampleRequest } from "../../src/engine/api";
import { createEngine, TUTORIAL_FINGERPRINT } from "../../src/engine/engine";

const SETTINGS: EngineSettings = {
  problem: DEFAULT_PROBLEM,
  network: { width: 32, depth: 2, activation: "silu", embedDim: 16 },
  train: { steps: 20, lr: 1e-3, batch: 64, seed: 5, emaDecay: 0.99, backend: "wasm" },
};
const req = (model: SampleRequest["model"], n = 200): SampleRequest => ({
  sampler: { ...DEFAULT_SAMPLER, steps: 10 },
  model,
  n,
  seed: 1,
});
const ring = resolveData({ kind: "preset", name: "ring", n: 300, seed: 0 });
const ringInput = { points: ring.points, mixture: ring.mixture, label: ring.label };
const unequal = resolveData({ kind: "preset", name: "unequal", n: 300, seed: 0 });

describe("the engine follows the lab's data", () => {
  it("setData reports the data's standardisation and which perfect network applies", async () => {
    const engine = createEngine();
    const info = await engine.setData(ringInput);
    const st = fitStandardizer(ring.points);
    expect(info.fingerprint).toBe(dataFingerprint(ring.points));
    expect(info.n).toBe(300);
    expect(info.perfect).toBe("empirical");
    expect(info.standardizer.mean[0]).toBeCloseTo(st.mean[0], 12);
    expect(info.standardizer.std[1]).toBeCloseTo(st.std[1], 12);
    const mix = await engine.setData({ points: unequal.points, mixture: unequal.mixture, label: "u" });
    expect(mix.perfect).toBe("oracle");
  });

  it("without a density, 'oracle' is the empirical optimum and the density figures are hidden with a reason", async () => {
    const engine = createEngine();
    await engine.setData(ringInput);
    const a = await engine.sample(req("oracle"));
    const b = await engine.sample(req("empirical"));
    expect(a.samples).toEqual(b.samples);
    expect(a.quality.noDensity).toMatch(/not known/);
    expect(a.quality.modeFractions).toEqual([]);
    expect(Number.isNaN(a.quality.nll)).toBe(true);
    expect(Number.isNaN(a.quality.offManifold)).toBe(true);
    // The samples lie on the ring: radius about 4 (the memorising optimum returns data points).
    let r = 0;
    for (let i = 0; i < a.samples.length; i += 2) r += Math.hypot(a.samples[i], a.samples[i + 1]);
    expect(r / (a.samples.length / 2)).toBeGreaterThan(3.5);
    expect(r / (a.samples.length / 2)).toBeLessThan(4.5);
    // With a known mixture the figures are there.
    await engine.setData({ points: unequal.points, mixture: unequal.mixture, label: "u" });
    const c = await engine.sample(req("oracle"));
    expect(c.quality.noDensity).toBeUndefined();
    expect(c.quality.modeFractions).toHaveLength(3);
  });

  it("bad data is refused with a clear message and changes nothing", async () => {
    const engine = createEngine();
    await engine.setData(ringInput);
    await expect(
      engine.setData({ points: new Float32Array([1, 2]), mixture: null, label: "x" }),
    ).rejects.toThrow(/at least 2 points/);
    await expect(
      engine.setData({ points: new Float32Array([1, 2, 1, 5]), mixture: null, label: "x" }),
    ).rejects.toThrow(/same x/);
    await expect(
      engine.setData({ points: new Float32Array([0, 0, Number.NaN, 1]), mixture: null, label: "x" }),
    ).rejects.toThrow(/finite/);
    const a = await engine.sample(req("oracle", 20));
    expect(a.quality.noDensity).toBeDefined(); // still the ring
  });
});

describe("a network belongs to its data", () => {
  it("trains on the chosen data, saves its fingerprint, and is refused on other data until trained there", async () => {
    const engine = createEngine({ chunkSteps: 10 });
    const info = await engine.init({ ...SETTINGS, data: ringInput });
    expect(info.dataFingerprint).toBe(ring.fingerprint);
    await engine.train(20, () => {});
    const saved = (await engine.saveNetwork()) as { dataFingerprint?: string; standardizer: unknown };
    expect(saved.dataFingerprint).toBe(ring.fingerprint);
    // Trained on the ring: its standardisation is the ring's.
    const st = fitStandardizer(ring.points);
    expect((saved.standardizer as { std: number[] }).std[0]).toBeCloseTo(st.std[0], 5);
    await expect(engine.sample(req("network", 20))).resolves.toBeDefined();

    // The course's set: the ring's network is refused, the perfect network still samples.
    const tutorial = resolveData({ kind: "tutorial" });
    await engine.setData({ points: tutorial.points, mixture: tutorial.mixture, label: tutorial.label });
    const refused = engine.sample(req("network", 20));
    await expect(refused).rejects.toThrow(OTHER_DATA);
    expect(isOtherDataError(await refused.catch((e) => e))).toBe(true);
    await expect(engine.sampleMany([req("oracle", 20), req("network", 20)])).rejects.toThrow(/Train/);
    await expect(engine.sample(req("oracle", 20))).resolves.toBeDefined();

    // Back on the ring the same network samples again; a saved file keeps its data when reloaded.
    await engine.setData(ringInput);
    await expect(engine.sample(req("network", 20))).resolves.toBeDefined();
    const other = createEngine();
    await other.loadNetwork(saved, "file");
    expect((await other.info()).dataFingerprint).toBe(ring.fingerprint);
    await expect(other.sample(req("network", 20))).rejects.toThrow(OTHER_DATA);
    await other.setData(ringInput);
    await expect(other.sample(req("network", 20))).resolves.toBeDefined();

    // A file without a fingerprint (the shipped pretrained network) means the course's set.
    const { dataFingerprint: _drop, ...old } = saved;
    await other.loadNetwork(old, "pretrained");
    expect((await other.info()).dataFingerprint).toBe(TUTORIAL_FINGERPRINT);
    await expect(other.sample(req("network", 20))).rejects.toThrow(OTHER_DATA);
    await other.setData({ points: tutorial.points, mixture: tutorial.mixture, label: "course" });
    await expect(other.sample(req("network", 20))).resolves.toBeDefined();
    await engine.dispose();
    await other.dispose();
  }, 60_000);
});

describe("a CLI-trained network belongs to its data in the dashboard too", () => {
  it("cli train --data ring saves the ring's fingerprint; the engine accepts it on the ring only", async () => {
    const { mkdtempSync, readFileSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { inProcess } = await import("../cli/helpers");
    const dir = mkdtempSync(join(tmpdir(), "ddim-data-cli-"));
    try {
      const small = ["--steps", "3", "--width", "8", "--depth", "1", "--embed", "2", "--batch", "4"];
      const r = await inProcess(["train", "--data", "ring", ...small, "--out", dir]);
      expect(r.code, r.stderr).toBe(0);
      const saved = JSON.parse(readFileSync(join(dir, "network.json"), "utf8"));
      const cliRing = resolveData({ kind: "preset", name: "ring", n: 400, seed: 0 });
      expect(saved.dataFingerprint).toBe(cliRing.fingerprint);
      const engine = createEngine();
      const before = await engine.numTensors();
      await engine.loadNetwork(saved, "file");
      await expect(engine.sample(req("network", 10))).rejects.toThrow(OTHER_DATA);
      await engine.setData({ points: cliRing.points, mixture: null, label: "ring" });
      await expect(engine.sample(req("network", 10))).resolves.toBeDefined();
      await engine.dispose();
      expect(await engine.numTensors()).toBe(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("the memorising perfect network on a large own data set", () => {
  it("a request that would run past the time limit is refused up front; a small one runs", async () => {
    const engine = createEngine();
    const big = Float32Array.from({ length: 2 * 20_000 }, (_, i) => Math.sin(1.7 * i) * 4 + (i % 5));
    await engine.setData({ points: big, mixture: null, label: "big" });
    const slow: SampleRequest = {
      sampler: { ...DEFAULT_SAMPLER, sampler: "ddpm", steps: 500, eta: 1 },
      model: "oracle",
      n: 1000,
      seed: 1,
    };
    const t0 = performance.now();
    await expect(engine.sample(slow)).rejects.toThrow(
      /20000 data points would take about \d+ s .*fewer steps/,
    );
    await expect(engine.sampleMany([req("network", 10), slow])).rejects.toThrow(/fewer steps/);
    expect(performance.now() - t0).toBeLessThan(2000);
    const fast = await engine.sample({ ...slow, sampler: { ...DEFAULT_SAMPLER, steps: 5 }, n: 20 });
    expect(fast.samples.length).toBe(40);
  });
});

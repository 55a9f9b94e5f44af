// The quality reference is built once per data set, and ahead of need: warm (which the engine
// calls when a network or data set becomes current) builds it in the next task, after the call has
// answered, so the first column's figures do not pay for it. A pool's extra worker is handed the
// main worker's stats instead of building them again; stats of another data set are not used.
import { describe, expect, it } from "vitest";
import { DEFAULT_PROBLEM } from "../../src/core/config";
import { tutorialDataset } from "../../src/core/data";
import { createEngine, TUTORIAL_FINGERPRINT } from "../../src/engine/engine";
import { ReferenceCache } from "../../src/engine/reference";
import { parseSharedReference } from "../../src/engine/requests";

const nextTask = () => new Promise((r) => setTimeout(r, 0));

describe("the quality reference", () => {
  it("is built in the next task by warm, not during the call", async () => {
    const refs = new ReferenceCache();
    const ds = { ...tutorialDataset() };
    refs.warm(() => [ds, TUTORIAL_FINGERPRINT]);
    expect(refs.source(ds)).toBe("none");
    await nextTask();
    expect(refs.source(ds)).toBe("built");
    const ref = refs.of(ds, TUTORIAL_FINGERPRINT);
    expect(refs.of(ds, TUTORIAL_FINGERPRINT)).toBe(ref); // once
  });

  it("handed stats replace the build for the same data set, give the same figures, and only there", async () => {
    const main = createEngine();
    const extra = createEngine();
    const shared = await main.referenceStats();
    expect(shared.fingerprint).toBe(TUTORIAL_FINGERPRINT);
    await extra.handReference(structuredClone(shared)); // as it crosses to another worker
    expect(await extra.referenceSource()).toBe("none");
    const samples = new Float32Array(2000).map((_, i) => ((i * 7919) % 1000) / 100 - 3);
    const a = await main.qualityOf(samples.slice());
    const b = await extra.qualityOf(samples.slice());
    expect(await extra.referenceSource()).toBe("handed");
    expect(b).toEqual(a);
    // Stats for another data set (another fingerprint) are kept but not used for this one.
    const other = createEngine();
    await other.handReference({ ...structuredClone(shared), fingerprint: "another data set" });
    await other.qualityOf(samples.slice());
    expect(await other.referenceSource()).toBe("built");
    for (const e of [main, extra, other]) await e.dispose();
  });

  it("refuses stats of the wrong shape with a message that says what is wrong", async () => {
    const { stats } = await createEngine().referenceStats();
    const good = { fingerprint: "f", stats };
    expect(parseSharedReference(good).fingerprint).toBe("f");
    const cases: [unknown, RegExp][] = [
      [null, /fingerprint/],
      [{ ...good, fingerprint: "" }, /fingerprint/],
      [{ ...good, stats: { ...stats, selfTerm: Number.NaN } }, /selfTerm/],
      [{ ...good, stats: { ...stats, rowSelf: stats.rowSelf.subarray(1) } }, /rowSelf must be 1000/],
      [{ ...good, stats: { ...stats, rowSelfVar: Array.from(stats.rowSelfVar) } }, /rowSelfVar/],
      [{ ...good, stats: { ...stats, moments: { ...stats.moments, n: 1.5 } } }, /moments/],
    ];
    for (const [x, message] of cases) expect(() => parseSharedReference(x)).toThrow(message);
    const e = createEngine();
    await expect(e.handReference({ fingerprint: "f", stats: { ...stats, zeta: -1 } })).rejects.toThrow(
      /quality reference handed to this worker is not valid: zeta/,
    );
    await e.init({
      problem: DEFAULT_PROBLEM,
      network: { width: 8, depth: 1, activation: "silu", embedDim: 8 },
      train: { steps: 1, lr: 1e-3, batch: 8, seed: 1, emaDecay: 0.9, backend: "wasm" },
    });
    expect((await e.info()).trainSteps).toBe(0); // the refusal left the engine working
    await e.dispose();
  });
});

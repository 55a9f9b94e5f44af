// Recorded sampling runs for the player and the field view: one Float32Array per field, the last
// frame is the samples, x0Hat of DDIM eta=0's last step is the samples, and the buffers go to the
// page by transfer.
import { describe, expect, it } from "vitest";
import { DEFAULT_PROBLEM, DEFAULT_SAMPLER, SAMPLER_KINDS, type SamplerConfig } from "../../src/core/config";
import { toModel, toRaw, tutorialDataset } from "../../src/core/data";
import { drawXT, makeProblem, oraclePredictor } from "../../src/core/experiment";
import type { SampleRequest } from "../../src/engine/api";
import { createEngine } from "../../src/engine/engine";
import { transferablesOf } from "../../src/engine/transfer";

const problem = makeProblem(tutorialDataset(), DEFAULT_PROBLEM);
const engine = createEngine();
const req = (sampler: Partial<SamplerConfig>, extra: Partial<SampleRequest> = {}): SampleRequest => ({
  sampler: { ...DEFAULT_SAMPLER, ...sampler },
  model: "oracle",
  n: 60,
  seed: 7,
  trajectory: true,
  ...extra,
});
const frame = (a: Float32Array, f: number, n: number) => a.slice(f * 2 * n, (f + 1) * 2 * n);

describe("sampling trajectories", () => {
  it.each(SAMPLER_KINDS)(
    "%s: S+1 frames of x (x_T first, the samples last) and S frames of x0Hat",
    async (s) => {
      const S = 7;
      const res = await engine.sample(req({ sampler: s, steps: S, eta: s === "ddim" ? 0.5 : 0 }));
      const tr = res.trajectory;
      if (!tr) throw new Error("no trajectory");
      expect([tr.frames, tr.n]).toEqual([S + 1, 60]);
      // One Float32Array per field, each owning exactly its buffer (nothing extra is transferred).
      expect(tr.x).toBeInstanceOf(Float32Array);
      expect(tr.x0Hat).toBeInstanceOf(Float32Array);
      expect(tr.x.length).toBe((S + 1) * 60 * 2);
      expect(tr.x0Hat.length).toBe(S * 60 * 2);
      expect(tr.x.buffer.byteLength).toBe(tr.x.byteLength);
      expect(tr.x0Hat.buffer.byteLength).toBe(tr.x0Hat.byteLength);
      expect(frame(tr.x, S, 60)).toEqual(res.samples);
      expect(frame(tr.x, 0, 60)).toEqual(Float32Array.from(toRaw(problem.standardizer, drawXT(60, 7))));
      expect(tr.x0Hat.every(Number.isFinite)).toBe(true);
    },
  );

  it("DDIM eta=0: x0Hat of the last step is exactly the samples; earlier x0Hat is eps-consistent", async () => {
    const S = 10;
    const res = await engine.sample(req({ steps: S, eta: 0 }));
    const tr = res.trajectory;
    if (!tr) throw new Error("no trajectory");
    expect(frame(tr.x0Hat, S - 1, 60)).toEqual(res.samples);
    // Step 0's x0Hat from x_T and the oracle's eps at t = grid[0], computed here independently.
    const xT = Float64Array.from(drawXT(60, 7));
    const t = res.grid[0];
    const eps = oraclePredictor(problem, "oracle")(xT, t);
    const a = problem.schedule.abar[t];
    const x0 = xT.map((x, j) => (x - Math.sqrt(1 - a) * eps[j]) / Math.sqrt(a));
    const want = toRaw(problem.standardizer, x0);
    const got = frame(tr.x0Hat, 0, 60);
    for (let j = 0; j < got.length; j++) expect(got[j]).toBeCloseTo(want[j], 4);
  });

  it("recording changes nothing: samples equal a run without it; trajectoryPoints keeps the first k", async () => {
    const plain = await engine.sample(req({ sampler: "ddpm", steps: 12, eta: 1 }, { trajectory: false }));
    expect(plain.trajectory).toBeUndefined();
    const rec = await engine.sample(req({ sampler: "ddpm", steps: 12, eta: 1 }));
    expect(rec.samples).toEqual(plain.samples);
    const some = await engine.sample(req({ sampler: "ddpm", steps: 12, eta: 1 }, { trajectoryPoints: 5 }));
    expect(some.trajectory?.n).toBe(5);
    expect(frame(some.trajectory?.x ?? new Float32Array(), 12, 5)).toEqual(plain.samples.slice(0, 10));
  });

  it("the worker transfers every trajectory buffer (none is copied)", async () => {
    const res = await engine.sample(req({ steps: 3 }));
    const bufs = transferablesOf(res);
    expect(bufs).toContain(res.trajectory?.x.buffer);
    expect(bufs).toContain(res.trajectory?.x0Hat.buffer);
    expect(bufs).toContain(res.samples.buffer);
  });

  it("refuses a recording too large, and a non-boolean flag, with a clear message", async () => {
    await expect(engine.sample(req({ steps: 500 }, { n: 20000 }))).rejects.toThrow(/at most .* point-frames/);
    await expect(engine.sample(req({ steps: 5 }, { trajectory: "yes" as never }))).rejects.toThrow(
      /trajectory must be true or false/,
    );
  });
});

describe("predictEps (the field view)", () => {
  it("equals the predictor on the same points in model coordinates", async () => {
    const points = Float32Array.from(tutorialDataset().points.slice(0, 40));
    const { eps } = await engine.predictEps({ points, t: 300, model: "oracle" });
    const want = oraclePredictor(problem, "oracle")(toModel(problem.standardizer, points), 300);
    expect(eps).toEqual(Float32Array.from(want));
  });

  it("checks t and the points", async () => {
    const points = new Float32Array([0, 0]);
    await expect(engine.predictEps({ points, t: problem.config.T, model: "oracle" })).rejects.toThrow(
      /t must be/,
    );
    await expect(
      engine.predictEps({ points: new Float32Array([NaN, 0]), t: 3, model: "oracle" }),
    ).rejects.toThrow(/finite/);
  });
});

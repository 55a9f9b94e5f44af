// Sampler identities and contracts (docs/math.md, "Samplers"), all with the perfect network so that every
// difference comes from the sampler.
import { describe, expect, it } from "vitest";
import { tutorialDataset } from "../../src/core/data";
import { drawXT, makeProblem, oraclePredictor, runSampler } from "../../src/core/experiment";
import { makeGrid } from "../../src/core/grids";
import { Rng, STREAM } from "../../src/core/random";
import { SAMPLERS } from "../../src/core/samplers";
import type { SamplerInput } from "../../src/core/samplers/types";
import type { NoisePredictor, SamplerKind, ScheduleKind, Spacing, Units } from "../../src/core/types";

const ds = tutorialDataset();
const SPACINGS: Spacing[] = ["leading", "trailing", "linspace"];
const KINDS = Object.keys(SAMPLERS) as SamplerKind[];

function setup(units: Units = "standardized", schedule: ScheduleKind = "linear", T = 500) {
  const problem = makeProblem(ds, { T, schedule, units });
  return { problem, predictor: oraclePredictor(problem, "oracle"), schedule: problem.schedule };
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** The IEEE-754 bit patterns of a Float64Array, for bit-for-bit comparison. */
const bits = (x: Float64Array) => Array.from(new Uint32Array(x.buffer, x.byteOffset, x.length * 2));

/** Wraps a predictor to count its calls. */
function counted(p: NoisePredictor) {
  const c = {
    calls: 0,
    predictor: ((x, t) => {
      c.calls++;
      return p(x, t);
    }) as NoisePredictor,
  };
  return c;
}

function rmsDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s / (a.length / 2));
}

describe("DDIM eta=1 equals DDPM ancestral (small variance) given the same z's", () => {
  for (const [schedule, T, units] of [
    ["linear", 500, "standardized"],
    ["cosine", 100, "raw"],
  ] as const) {
    it(`S = T, ${schedule} T=${T}, ${units} units`, () => {
      const { predictor, schedule: sch } = setup(units, schedule, T);
      const grid = makeGrid("trailing", T, T);
      const xT = drawXT(200, 4);
      const a = SAMPLERS.ddim.run({ predictor, schedule: sch, grid, xT, rng: new Rng(4, STREAM.z), eta: 1 });
      const b = SAMPLERS.ddpm.run({
        predictor,
        schedule: sch,
        grid,
        xT,
        rng: new Rng(4, STREAM.z),
        variance: "small",
      });
      expect(maxAbsDiff(a.x, b.x)).toBeLessThan(1e-9);
      // and it is not vacuous: the z's matter (another seed gives other samples)
      const c = SAMPLERS.ddpm.run({ predictor, schedule: sch, grid, xT, rng: new Rng(5, STREAM.z) });
      expect(maxAbsDiff(a.x, c.x)).toBeGreaterThan(0.1);
    });
  }

  it("also on strided grids, where DDPM uses the respaced beta' = 1 - abar[t]/abar[t_prev]", () => {
    const { predictor, schedule } = setup();
    for (const spacing of SPACINGS) {
      for (const S of [7, 50]) {
        const grid = makeGrid(spacing, 500, S);
        const xT = drawXT(100, S);
        const a = SAMPLERS.ddim.run({ predictor, schedule, grid, xT, rng: new Rng(S, STREAM.z), eta: 1 });
        const b = SAMPLERS.ddpm.run({ predictor, schedule, grid, xT, rng: new Rng(S, STREAM.z) });
        expect(maxAbsDiff(a.x, b.x)).toBeLessThan(1e-9);
      }
    }
  });

  it("the large variance (beta_t) is a different sampler", () => {
    const { predictor, schedule } = setup();
    const grid = makeGrid("trailing", 500, 50);
    const xT = drawXT(100, 1);
    const small = SAMPLERS.ddpm.run({
      predictor,
      schedule,
      grid,
      xT,
      rng: new Rng(1, STREAM.z),
      variance: "small",
    });
    const large = SAMPLERS.ddpm.run({
      predictor,
      schedule,
      grid,
      xT,
      rng: new Rng(1, STREAM.z),
      variance: "large",
    });
    expect(maxAbsDiff(small.x, large.x)).toBeGreaterThan(1e-3);
  });
});

describe("Euler in sigma space equals DDIM eta=0", () => {
  for (const [units, schedule] of [
    ["standardized", "linear"],
    ["raw", "linear"],
    ["standardized", "cosine"],
  ] as const) {
    it(`${units} units, ${schedule} schedule, every spacing, S = 1, 7, 50, 500`, () => {
      const { predictor, schedule: sch } = setup(units, schedule);
      const xT = drawXT(100, 2);
      for (const spacing of SPACINGS) {
        for (const S of [1, 7, 50, 500]) {
          const grid = makeGrid(spacing, 500, S);
          const a = SAMPLERS.euler.run({ predictor, schedule: sch, grid, xT, rng: new Rng(0) });
          const b = SAMPLERS.ddim.run({ predictor, schedule: sch, grid, xT, rng: new Rng(0), eta: 0 });
          const scale = Math.max(1, ...Array.from(b.x, Math.abs));
          expect(maxAbsDiff(a.x, b.x) / scale, `${spacing} S=${S}`).toBeLessThan(1e-9);
        }
      }
    });
  }
});

describe("DDIM eta=0 is deterministic", () => {
  it("bit-identical output for the same x_T, for every S, whatever the noise source", () => {
    const { problem, predictor } = setup();
    const xT = drawXT(300, 9);
    for (const spacing of SPACINGS) {
      for (const S of [1, 5, 37, 500]) {
        const cfg = { sampler: "ddim", steps: S, eta: 0, spacing, variance: "small" } as const;
        const a = runSampler(problem, predictor, cfg, xT, 1);
        const b = runSampler(problem, predictor, cfg, xT, 2);
        expect(bits(a.model)).toEqual(bits(b.model));
        expect(bits(a.raw)).toEqual(bits(b.raw));
      }
    }
  });

  it("stochastic samplers are a pure function of the seed, and the seed matters", () => {
    const { problem, predictor } = setup();
    const xT = drawXT(100, 3);
    for (const cfg of [
      { sampler: "ddim", steps: 20, eta: 0.5, spacing: "trailing", variance: "small" },
      { sampler: "ddpm", steps: 20, eta: 0, spacing: "leading", variance: "large" },
    ] as const) {
      const a = runSampler(problem, predictor, cfg, xT, 7);
      const b = runSampler(problem, predictor, cfg, xT, 7);
      const c = runSampler(problem, predictor, cfg, xT, 8);
      expect(bits(a.model)).toEqual(bits(b.model));
      expect(maxAbsDiff(a.model, c.model)).toBeGreaterThan(1e-3);
    }
  });

  it("no sampler writes into x_T", () => {
    const { predictor, schedule } = setup();
    const xT = drawXT(50, 1);
    const copy = Float32Array.from(xT);
    for (const kind of KINDS) {
      SAMPLERS[kind].run({
        predictor,
        schedule,
        grid: makeGrid("trailing", 500, 10),
        xT,
        rng: new Rng(0),
        eta: 1,
      });
      expect(xT).toEqual(copy);
    }
  });
});

describe("every sampler makes the network calls (NFE) its registry entry states", () => {
  it("the registry states S calls, and 2S - 1 for Heun (no second call on the last step)", () => {
    for (const kind of KINDS) expect(SAMPLERS[kind].nfe(10)).toBe(kind === "heun" ? 19 : 10);
  });
  for (const kind of KINDS) {
    it(`${kind}: counted calls = reported nfe = SAMPLERS.${kind}.nfe(S)`, () => {
      const { predictor, schedule } = setup();
      for (const spacing of SPACINGS) {
        for (const S of [1, 2, 3, 10, 77]) {
          const c = counted(predictor);
          let steps = 0;
          const out = SAMPLERS[kind].run({
            predictor: c.predictor,
            schedule,
            grid: makeGrid(spacing, 500, S),
            xT: drawXT(10, 0),
            rng: new Rng(0),
            eta: 0.3,
            onStep: () => steps++,
          });
          expect(out.nfe).toBe(SAMPLERS[kind].nfe(S));
          expect(c.calls).toBe(out.nfe);
          expect(steps).toBe(S);
          expect(out.x.every(Number.isFinite)).toBe(true);
        }
      }
    });
  }

  it("with S = 1 every sampler returns x0_hat(x_T, t_1) (the one step lands on clean data)", () => {
    const { predictor, schedule } = setup();
    const grid = makeGrid("trailing", 500, 1);
    const xT = drawXT(50, 6);
    const x = Float64Array.from(xT);
    const e = predictor(x, grid[0]);
    const a = schedule.abar[grid[0]];
    const x0Hat = x.map((v, j) => (v - Math.sqrt(1 - a) * e[j]) / Math.sqrt(a));
    for (const kind of KINDS) {
      const out = SAMPLERS[kind].run({ predictor, schedule, grid, xT, rng: new Rng(0), eta: 1 });
      expect(maxAbsDiff(out.x, x0Hat) / Math.max(...Array.from(x0Hat, Math.abs)), kind).toBeLessThan(1e-12);
      expect(out.nfe).toBe(1);
    }
  });
});

describe("onStep reports x and x0Hat, the clean-data prediction at the step's start", () => {
  for (const kind of KINDS) {
    it(`${kind}: x0Hat_i = (x_i - sqrt(1-a) eps(x_i, t_i)) / sqrt(a), and x is the step's result`, () => {
      const { predictor, schedule } = setup();
      const grid = makeGrid("trailing", 500, 12);
      const xT = drawXT(20, 3);
      const before: Float64Array[] = [Float64Array.from(xT)];
      const hats: Float64Array[] = [];
      const out = SAMPLERS[kind].run({
        predictor,
        schedule,
        grid,
        xT,
        rng: new Rng(3, STREAM.z),
        eta: 0.5,
        onStep: (i, x, x0Hat) => {
          expect(i).toBe(hats.length);
          before.push(Float64Array.from(x));
          hats.push(Float64Array.from(x0Hat));
        },
      });
      expect(hats.length).toBe(grid.length);
      expect(bits(before[grid.length])).toEqual(bits(out.x));
      for (let i = 0; i < grid.length; i++) {
        const a = schedule.abar[grid[i]];
        const e = predictor(before[i], grid[i]);
        const want = before[i].map((v, j) => (v - Math.sqrt(1 - a) * e[j]) / Math.sqrt(a));
        expect(maxAbsDiff(hats[i], want), `step ${i}`).toBeLessThan(1e-12);
      }
      // not vacuous: early predictions differ from late ones
      expect(maxAbsDiff(hats[0], hats[grid.length - 1])).toBeGreaterThan(1e-3);
    });
  }
});

describe("bad settings are rejected with a clear message", () => {
  const { problem, predictor, schedule } = setup();
  const base: SamplerInput = {
    predictor,
    schedule,
    grid: makeGrid("trailing", 500, 10),
    xT: [0, 0],
    rng: new Rng(0),
  };

  it("DDIM rejects eta > 1 (the middle square root could go negative), eta < 0 and NaN", () => {
    for (const eta of [1.5, 1 + 1e-9, -0.1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => SAMPLERS.ddim.run({ ...base, eta })).toThrow(/eta must be a number from 0 to 1/);
    }
    expect(() => SAMPLERS.ddim.run({ ...base, eta: 1 })).not.toThrow();
    expect(() => SAMPLERS.ddim.run({ ...base, eta: 0 })).not.toThrow();
  });

  it("a run rejects S outside 1..T", () => {
    for (const steps of [0, -3, 501, 2.5]) {
      const cfg = { sampler: "ddim", steps, eta: 0, spacing: "trailing", variance: "small" } as const;
      expect(() => runSampler(problem, predictor, cfg, [0, 0], 0)).toThrow(
        /steps S must be an integer from 1 to T=500/,
      );
    }
    const cfg = { sampler: "ddim", steps: 500, eta: 0, spacing: "leading", variance: "small" } as const;
    expect(runSampler(problem, predictor, cfg, [0, 0], 0).nfe).toBe(500);
  });
});

describe("ODE solver accuracy against a converged solution (trailing grid, linear schedule)", () => {
  // The reference is Heun with S = T = 500 from the same x_T; trailing grids all start at T-1.
  const { predictor, schedule } = setup();
  const xT = drawXT(200, 1);
  const solve = (kind: SamplerKind, S: number) =>
    SAMPLERS[kind].run({
      predictor,
      schedule,
      grid: makeGrid("trailing", 500, S),
      xT,
      rng: new Rng(0),
      eta: 0,
    }).x;
  const ref = solve("heun", 500);
  const err = (kind: SamplerKind, S: number) => rmsDistance(solve(kind, S), ref);

  it("DDIM eta=0 is first order: doubling S halves the error", () => {
    for (const S of [20, 40, 80]) {
      const ratio = err("ddim", S) / err("ddim", 2 * S);
      expect(ratio).toBeGreaterThan(1.7);
      expect(ratio).toBeLessThan(2.3);
    }
  });

  it("Heun and DPM-Solver++(2M) beat DDIM at the same S, and Heun converges faster than first order", () => {
    for (const S of [10, 20, 40, 80]) {
      const ddim = err("ddim", S);
      expect(err("heun", S)).toBeLessThan(ddim);
      expect(err("dpmpp2m", S)).toBeLessThan(ddim);
    }
    expect(err("heun", 40) / err("heun", 80)).toBeGreaterThan(2.5);
    expect(err("dpmpp2m", 40)).toBeLessThan(err("ddim", 40) / 3);
  });
});

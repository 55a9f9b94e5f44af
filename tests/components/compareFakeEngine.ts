// A fake Engine for the comparison and interpolation panel tests: the same core math as the worker
// (runSampler, the oracle, ddimInvert, slerp/lerp, quality figures) with the perfect network standing
// in for the trained one, so it is fast and needs no tfjs or Worker. It counts calls per method.
import { DEFAULT_PROBLEM, DEFAULT_SAMPLER } from "../../src/core/config";
import { toModel, tutorialDataset } from "../../src/core/data";
import { drawXT, makeProblem, oraclePredictor, runSampler } from "../../src/core/experiment";
import { makeGrid } from "../../src/core/grids";
import { ddimInvert, interpolationPath } from "../../src/core/interpolate";
import { quality, Reference } from "../../src/core/metrics";
import type { Engine, ModelChoice, NetworkInfo, SampleRequest, SampleResult } from "../../src/engine/api";

const problem = makeProblem(tutorialDataset(), DEFAULT_PROBLEM);
// A smaller reference than the worker's 5000 keeps each quality() call to a few milliseconds.
const reference = new Reference(problem.dataset.mixture, problem.dataset.points, 1500);

const predictor = (m: ModelChoice) => oraclePredictor(problem, m === "empirical" ? "empirical" : "oracle");

export const FAKE_NETWORK: NetworkInfo = {
  config: { width: 128, depth: 3, activation: "silu", embedDim: 32 },
  problem: DEFAULT_PROBLEM,
  trainSteps: 3000,
  origin: "pretrained",
  backend: "fake",
  lossHistory: new Float32Array(0),
};

export interface FakeEngine extends Engine {
  calls: Record<"sample" | "sampleMany" | "invert" | "interpolate", number>;
  /** Requests of every sampleMany call, in order. */
  batches: SampleRequest[][];
  /** Method names in the order they were called. */
  log: string[];
}

/** Like a worker round trip: the page gets a macrotask (and so a render) before the answer. */
const roundTrip = () => new Promise((resolve) => setTimeout(resolve, 0));

function sampleOne(req: SampleRequest): SampleResult {
  const xT = req.xT ?? drawXT(req.n, req.seed);
  const t0 = performance.now();
  const run = runSampler(problem, predictor(req.model), req.sampler, xT, req.seed);
  return {
    samples: Float32Array.from(run.raw),
    grid: run.grid,
    nfe: run.nfe,
    ms: performance.now() - t0,
    quality: quality(run.raw, reference),
  };
}

export function fakeEngine(): FakeEngine {
  const calls = { sample: 0, sampleMany: 0, invert: 0, interpolate: 0 };
  const batches: SampleRequest[][] = [];
  const log: string[] = [];
  const info = async () => FAKE_NETWORK;
  return {
    calls,
    batches,
    log,
    init: info,
    loadNetwork: info,
    info,
    saveNetwork: async () => ({}),
    train: async () => {
      throw new Error("the fake engine does not train");
    },
    pause: async () => {},
    resume: async () => {},
    stop: async () => {},
    async sample(req) {
      await roundTrip();
      calls.sample++;
      log.push("sample");
      return sampleOne(req);
    },
    async sampleMany(reqs) {
      await roundTrip();
      calls.sampleMany++;
      log.push("sampleMany");
      batches.push(reqs);
      return reqs.map(sampleOne);
    },
    async invert(req) {
      await roundTrip();
      calls.invert++;
      log.push("invert");
      const grid = makeGrid(req.spacing ?? "trailing", problem.config.T, req.steps);
      const x0 = toModel(problem.standardizer, req.points);
      const { x } = ddimInvert(predictor(req.model), problem.schedule, grid, x0);
      const cfg = { ...DEFAULT_SAMPLER, steps: req.steps };
      const back = runSampler(problem, predictor(req.model), cfg, x, 0).raw;
      let s = 0;
      for (let i = 0; i < back.length; i++) s += (back[i] - req.points[i]) ** 2;
      return {
        latents: Float32Array.from(x),
        reconstructed: Float32Array.from(back),
        rmse: Math.sqrt((2 * s) / back.length),
      };
    },
    async interpolate(req) {
      await roundTrip();
      calls.interpolate++;
      log.push("interpolate");
      const za = Float64Array.from((req.za ?? []).flat());
      const zb = Float64Array.from((req.zb ?? []).flat());
      const { u, noise, normSlerp, normLerp } = interpolationPath(req.path, za, zb, req.frames);
      const cfg = { ...DEFAULT_SAMPLER, steps: req.steps };
      const decoded = runSampler(problem, predictor(req.model), cfg, noise, req.seed).raw;
      return { noise, decoded: Float32Array.from(decoded), normSlerp, normLerp, u, ms: 1 };
    },
  };
}

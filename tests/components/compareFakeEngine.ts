// The real engine (createEngine, the same code the worker runs) for the comparison and
// interpolation panel tests, with the perfect network standing in for the trained one: its model
// layer hands out core's oracle predictor instead of a tfjs network, so no tfjs, no Worker, and
// "network" columns are exact. A thin wrapper counts calls per method and gives the page a
// macrotask (a render) before each answer, as a worker round trip does.
import { DEFAULT_PROBLEM } from "../../src/core/config";
import { makeProblem, oraclePredictor, type Problem } from "../../src/core/experiment";
import type { Engine, NetworkInfo, SampleRequest } from "../../src/engine/api";
import type { EngineWithControl } from "../../src/engine/control";
import { createEngine } from "../../src/engine/engine";
import type { EngineNetwork, ModelLayer } from "../../src/engine/network";
import { SAVED_FORMAT, SAVED_VERSION } from "../../src/model/saved";

const NETWORK_CONFIG = { width: 128, depth: 3, activation: "silu", embedDim: 32 } as const;

/** The model layer of a network that is exactly the perfect (oracle) noise predictor. */
export const oracleModel: ModelLayer = {
  setupBackend: async () => "oracle",
  numTensors: () => 0,
  createNetwork: (_settings, problem) => oracleNetwork(problem),
  networkFromSaved: (_saved, dataset, _knobs) => {
    // Only the problem matters: the "weights" are the mixture itself.
    return oracleNetwork(makeProblem(dataset, DEFAULT_PROBLEM));
  },
};

function oracleNetwork(problem: Problem): EngineNetwork {
  const predictor = oraclePredictor(problem, "oracle");
  return {
    config: NETWORK_CONFIG,
    problem: problem.config,
    lossHistory: () => new Float32Array(0),
    predictor: () => predictor,
    // Never parsed (the oracle layer ignores saved files); shaped like a real save for the types.
    save: () => ({
      format: SAVED_FORMAT,
      version: SAVED_VERSION,
      network: NETWORK_CONFIG,
      problem: problem.config,
      standardizer: problem.standardizer,
      dataset: "tutorial",
      seed: 0,
      trainSteps: 3000,
      lossHistory: "",
      weights: { raw: [], ema: [] },
    }),
    setKnobs: () => {},
    dispose: () => {},
    runChunk: () => {
      throw new Error("the oracle network does not train");
    },
    restore: () => {},
    trainSteps: () => 3000,
  };
}

export const FAKE_NETWORK: NetworkInfo = {
  config: NETWORK_CONFIG,
  problem: DEFAULT_PROBLEM,
  trainSteps: 3000,
  origin: "pretrained",
  backend: "oracle",
  lossHistory: new Float32Array(0),
};

type Counted = "sample" | "sampleMany" | "invert" | "interpolate";

export interface FakeEngine extends Engine {
  calls: Record<Counted, number>;
  /** Requests of every sample call, in order. */
  requests: SampleRequest[];
  /** Requests of every sampleMany call, in order. */
  batches: SampleRequest[][];
  /** Method names in the order they were called. */
  log: string[];
  /** The engine underneath (for reference runs in tests). */
  real: EngineWithControl;
  /** When set, each sample call waits for the promise it returns (to hold a slow column). */
  gate: ((req: SampleRequest) => Promise<void>) | null;
}

/** Like a worker round trip: the page gets a macrotask (and so a render) before the answer. */
const roundTrip = () => new Promise((resolve) => setTimeout(resolve, 0));

export function fakeEngine(): FakeEngine {
  const real = createEngine({ model: oracleModel });
  const ready = real.loadNetwork({ format: "oracle" }, "pretrained");
  const calls: Record<Counted, number> = { sample: 0, sampleMany: 0, invert: 0, interpolate: 0 };
  const requests: SampleRequest[] = [];
  const batches: SampleRequest[][] = [];
  const log: string[] = [];
  // Counted when called (not when answered), so a test sees a request the moment it is made.
  const counted =
    <A extends unknown[], R>(name: Counted, f: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      calls[name]++;
      log.push(name);
      await ready;
      await roundTrip();
      return f(...a);
    };
  const engine: FakeEngine = {
    ...real,
    real,
    calls,
    requests,
    batches,
    log,
    gate: null,
    sample: (req) => {
      requests.push(req);
      return counted("sample", async (r: SampleRequest) => {
        await engine.gate?.(r);
        return real.sample(r);
      })(req);
    },
    sampleMany: (reqs) => {
      batches.push(reqs);
      return counted("sampleMany", real.sampleMany)(reqs);
    },
    invert: counted("invert", real.invert),
    interpolate: counted("interpolate", real.interpolate),
  };
  return engine;
}

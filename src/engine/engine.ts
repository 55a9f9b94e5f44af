// The Engine (src/engine/api.ts) as a plain object: creatable in Node for tests, exposed by the
// worker with comlink. It owns the dataset, the Problem, the network, the quality Reference and
// the training loop. Every request is validated before anything reaches tfjs; a bad request
// rejects with a message that names the setting and changes nothing.
import { DEFAULT_PROBLEM, DEFAULT_TRAIN, type ProblemConfig } from "../core/config";
import { type Dataset, tutorialDataset } from "../core/data";
import { dataFingerprint } from "../core/datasets/fingerprint";
import { makeProblem, oraclePredictor, type Problem, perfectKind } from "../core/experiment";
import { Reference } from "../core/metrics";
import type { NoisePredictor } from "../core/types";
import {
  type DataInfo,
  type DataInput,
  type Engine,
  type EngineSettings,
  type InterpolateResult,
  type InvertResult,
  type ModelChoice,
  type NetworkInfo,
  OTHER_DATA,
  type SampleResult,
  type TrainProgress,
} from "./api";
import {
  type BackendName,
  type EngineNetwork,
  type ModelLayer,
  modelLayer,
  type TrainKnobs,
} from "./network";
import {
  parseData,
  parseInterpolateRequest,
  parseInvertRequest,
  parseSampleRequest,
  parseSettings,
  parseTrainKnobs,
  parseTrainSteps,
} from "./requests";
import { interpolateWith, invertWith, sampleWith } from "./sampling";
import { TrainLoop } from "./training";

export interface EngineOptions {
  /** Where the browser finds the tfjs .wasm files (vite ?url imports); Node needs none. */
  wasmPaths?: Record<string, string>;
  /** Fixed training chunk size in steps (default: adaptive, ~75 ms per chunk). */
  chunkSteps?: number;
  /** The tfjs side; tests may pass a stand-in. */
  model?: ModelLayer;
}

/** Extra members beyond the UI contract: backend choice and liveness for the client. */
export interface EngineWithControl extends Engine {
  setData(data: DataInput): Promise<DataInfo>;
  setBackend(name: BackendName): Promise<string>;
  ping(): Promise<"pong">;
  /** Live tfjs tensors (tests and the leak soak). */
  numTensors(): Promise<number>;
  /** Live tensors and the JS heap of this thread (Chromium and Node only; null elsewhere). */
  stats(): Promise<EngineStats>;
  dispose(): Promise<void>;
}

export interface EngineStats {
  numTensors: number;
  heapBytes: number | null;
}

let cachedReference: { dataset: Dataset; ref: Reference } | null = null;

/** The quality Reference of a dataset, built once (its 5000-point self term costs ~100 ms). */
function referenceOf(dataset: Dataset): Reference {
  if (cachedReference?.dataset !== dataset) {
    cachedReference = { dataset, ref: new Reference(dataset.mixture, dataset.points) };
  }
  return cachedReference.ref;
}

const sharedDataset = tutorialDataset();
/** A saved network without a data fingerprint (the shipped pretrained one) means the course's set. */
export const TUTORIAL_FINGERPRINT = dataFingerprint(sharedDataset.points);

export function createEngine(opts: EngineOptions = {}): EngineWithControl {
  const model = opts.model ?? modelLayer;
  // The lab's data set (setData or init's data): the oracle, the reference and the next network follow it.
  let dataset: Dataset = sharedDataset;
  let fingerprint = TUTORIAL_FINGERPRINT;
  let problem: Problem = makeProblem(dataset, DEFAULT_PROBLEM);
  let net: EngineNetwork | null = null;
  // The data the current network was trained on: sampling with it on other data is refused.
  let netFingerprint = TUTORIAL_FINGERPRINT;
  let origin: NetworkInfo["origin"] = "fresh";
  let backend: string | null = null;
  // Training knobs of the next run: from init, or changed per run; a loaded file does not carry them.
  let knobs: TrainKnobs = {
    lr: DEFAULT_TRAIN.lr,
    batch: DEFAULT_TRAIN.batch,
    emaDecay: DEFAULT_TRAIN.emaDecay,
  };
  const loop = new TrainLoop(opts.chunkSteps);

  async function ensureBackend(name: BackendName = "wasm"): Promise<string> {
    if (backend === null) backend = await model.setupBackend(name, opts.wasmPaths);
    return backend;
  }

  function requireNet(): EngineNetwork {
    if (!net) throw new Error("no network yet: call init(settings) or loadNetwork(file) first");
    return net;
  }

  function info(): NetworkInfo {
    const n = requireNet();
    return {
      config: n.config,
      problem: n.problem,
      trainSteps: n.trainSteps(),
      origin,
      backend: backend ?? "none",
      lossHistory: n.lossHistory(),
      dataFingerprint: netFingerprint,
    };
  }

  function adoptData(d: DataInput): void {
    dataset = { name: d.label, points: d.points, mixture: d.mixture };
    fingerprint = dataFingerprint(d.points);
    problem = makeProblem(dataset, problem.config);
  }

  function dataInfo(): DataInfo {
    const st = problem.standardizer;
    return {
      label: dataset.name,
      fingerprint,
      n: dataset.points.length / 2,
      perfect: perfectKind(problem),
      standardizer: { mean: [st.mean[0], st.mean[1]], std: [st.std[0], st.std[1]] },
    };
  }

  function predictorFor(choice: ModelChoice): NoisePredictor {
    if (choice === "network") {
      const n = requireNet();
      if (netFingerprint !== fingerprint) throw new Error(OTHER_DATA);
      return n.predictor(true);
    }
    return oraclePredictor(problem, choice);
  }

  /** Swaps in a new network (after a valid load/init) and the Problem it was trained on. */
  function adopt(
    next: EngineNetwork,
    problemCfg: ProblemConfig,
    nextOrigin: NetworkInfo["origin"],
  ): NetworkInfo {
    net?.dispose();
    net = next;
    problem = makeProblem(dataset, problemCfg);
    origin = nextOrigin;
    return info();
  }

  const engine: EngineWithControl = {
    async setBackend(name) {
      if (!["wasm", "cpu", "webgl"].includes(name))
        throw new Error("backend must be one of wasm, cpu, webgl");
      await loop.stopAndWait();
      // A live network moves with a save/load round trip, so its weights live on the new backend.
      const saved = net && backend !== name ? net.save() : null;
      backend = await model.setupBackend(name, opts.wasmPaths);
      if (saved && net) adopt(model.networkFromSaved(saved, dataset, knobs), net.problem, origin);
      return backend;
    },
    async ping() {
      return "pong";
    },
    async numTensors() {
      return model.numTensors();
    },
    async stats() {
      // Only where the runtime was started with --expose-gc (the soak): a heap figure after a full GC.
      (globalThis as { gc?: () => void }).gc?.();
      const perf = performance as Performance & { memory?: { usedJSHeapSize: number } };
      const heap =
        perf.memory?.usedJSHeapSize ??
        (typeof process !== "undefined" && process.memoryUsage ? process.memoryUsage().heapUsed : null);
      return { numTensors: model.numTensors(), heapBytes: heap };
    },
    async setData(data) {
      const d = parseData(data);
      await loop.stopAndWait();
      adoptData(d);
      return dataInfo();
    },
    async init(settings) {
      const s: EngineSettings = parseSettings(settings);
      await loop.stopAndWait();
      if (s.data) adoptData(s.data);
      if (backend === null || backend !== s.train.backend) {
        backend = await model.setupBackend(s.train.backend, opts.wasmPaths);
      }
      const next = model.createNetwork(s, makeProblem(dataset, s.problem));
      knobs = { lr: s.train.lr, batch: s.train.batch, emaDecay: s.train.emaDecay };
      netFingerprint = fingerprint;
      return adopt(next, s.problem, "fresh");
    },
    async loadNetwork(saved, from = "file") {
      if (!["pretrained", "file", "user"].includes(from))
        throw new Error("origin must be one of pretrained, file, user");
      await ensureBackend();
      // Parse first: a bad file throws here and the current network stays.
      const next = model.networkFromSaved(saved, dataset, knobs);
      await loop.stopAndWait();
      const fp = (saved as { dataFingerprint?: unknown }).dataFingerprint;
      netFingerprint = typeof fp === "string" ? fp : TUTORIAL_FINGERPRINT;
      return adopt(next, next.problem, from);
    },
    async saveNetwork() {
      // The network carries the fingerprint of its training data (docs/architecture.md).
      return { ...(requireNet().save() as object), dataFingerprint: netFingerprint };
    },
    async info() {
      return info();
    },
    async train(steps, onProgress, change) {
      const target = parseTrainSteps(steps);
      const nextKnobs = change === undefined ? knobs : parseTrainKnobs({ ...knobs, ...change });
      const n = requireNet();
      if (loop.running) throw new Error("training is already running: pause, resume or stop it first");
      n.setKnobs(nextKnobs);
      knobs = nextKnobs;
      origin = "user";
      return loop.run(n, target, (p: TrainProgress) => onProgress(p));
    },
    async pause() {
      loop.pause();
    },
    async resume(change) {
      // Between chunks (engine calls never interleave with a synchronous chunk), so safe to swap.
      if (change !== undefined && loop.running) {
        const next = parseTrainKnobs({ ...knobs, ...change });
        requireNet().setKnobs(next);
        knobs = next;
      }
      loop.resume();
    },
    async stop() {
      loop.stop();
    },
    async sample(req): Promise<SampleResult> {
      const r = parseSampleRequest(req, problem.config.T);
      return sampleWith(problem, predictorFor(r.model), referenceOf(dataset), r);
    },
    async sampleMany(reqs): Promise<SampleResult[]> {
      if (!Array.isArray(reqs) || reqs.length === 0 || reqs.length > 32) {
        throw new Error("sampleMany needs a list of 1 to 32 sample requests");
      }
      // Validate every request before running any, so a bad column changes nothing.
      const parsed = reqs.map((r) => parseSampleRequest(r, problem.config.T));
      const predictors = parsed.map((r) => predictorFor(r.model));
      const xTCache = new Map<string, Float32Array>();
      return parsed.map((r, i) => sampleWith(problem, predictors[i], referenceOf(dataset), r, xTCache));
    },
    async invert(req): Promise<InvertResult> {
      const r = parseInvertRequest(req, problem.config.T);
      return invertWith(problem, predictorFor(r.model), r);
    },
    async interpolate(req): Promise<InterpolateResult> {
      const r = parseInterpolateRequest(req, problem.config.T);
      return interpolateWith(problem, predictorFor(r.model), r);
    },
    async dispose() {
      await loop.stopAndWait();
      net?.dispose();
      net = null;
    },
  };
  return engine;
}

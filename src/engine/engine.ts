// The Engine (src/engine/api.ts) as a plain object: creatable in Node for tests, exposed by the
// worker with comlink. It owns the dataset, the Problem, the network, the quality Reference and
// the training loop. Every request is validated before anything reaches tfjs; a bad request
// rejects with a message that names the setting and changes nothing.
import { DEFAULT_PROBLEM, DEFAULT_TRAIN, type ProblemConfig } from "../core/config";
import { type Dataset, toModel, tutorialDataset } from "../core/data";
import { dataFingerprint } from "../core/datasets/fingerprint";
import { makeProblem, oraclePredictor, type Problem, perfectKind } from "../core/experiment";
import { quality } from "../core/metrics";
import type { NoisePredictor } from "../core/types";
import {
  type DataInfo,
  type DataInput,
  type EngineSettings,
  type InterpolateResult,
  type InvertResult,
  type ModelChoice,
  type NetworkInfo,
  OTHER_DATA,
  type PredictEpsResult,
  type SampleRequest,
  type SampleResult,
  type SavedNetwork,
} from "./api";
import { BEAT_MS, type EngineOptions, type EngineWithControl, threadStats } from "./control";
import { type BackendName, type EngineNetwork, modelLayer, type TrainKnobs } from "./network";
import { checkPerfectCost, ReferenceCache } from "./reference";
import {
  parseData,
  parseInterpolateRequest,
  parseInvertRequest,
  parsePredictEpsRequest,
  parseSampleRequest,
  parseSampleUnit,
  parseSettings,
  parseSharedReference,
  parseTrainKnobs,
  parseTrainSteps,
} from "./requests";
import { interpolateWith, invertWith, nonFiniteWarning, sampleWith } from "./sampling";
import { TrainLoop, withCheckpoints } from "./training";
import { runUnit, type UnitResult } from "./units";

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
  const references = new ReferenceCache();
  const reference = () => references.of(dataset, fingerprint);
  const warmReference = () => references.warm(() => [dataset, fingerprint]);
  /** Counts network swaps, for networkStamp. */
  let adoptions = 0;

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
      backend: backend === null ? "none" : (model.computeLabel?.() ?? backend),
      lossHistory: n.lossHistory(),
      dataFingerprint: netFingerprint,
    };
  }

  /** The saved network with the fingerprint of its training data (docs/architecture.md). */
  function saveOf(n: EngineNetwork): SavedNetwork {
    return { ...(n.save() as SavedNetwork), dataFingerprint: netFingerprint };
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

  let lastBeat = 0;
  function beat(): void {
    const t = performance.now();
    if (opts.beat && t - lastBeat >= BEAT_MS) {
      lastBeat = t;
      opts.beat();
    }
  }

  function predictorFor(choice: ModelChoice): NoisePredictor {
    // The network belongs to its data: sampling with it on other data is refused (the page offers to train).
    if (choice === "network" && requireNet() && netFingerprint !== fingerprint) throw new Error(OTHER_DATA);
    const p = choice === "network" ? requireNet().predictor(true) : oraclePredictor(problem, choice);
    if (!opts.beat) return p;
    return (x, t) => {
      beat();
      return p(x, t);
    };
  }

  /** Swaps in a new network (after a valid load/init) and the Problem it was trained on. */
  function adopt(
    next: EngineNetwork,
    problemCfg: ProblemConfig,
    nextOrigin: NetworkInfo["origin"],
  ): NetworkInfo {
    net?.dispose();
    net = next;
    adoptions++;
    problem = makeProblem(dataset, problemCfg);
    origin = nextOrigin;
    warmReference();
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
      return threadStats(model.numTensors());
    },
    async setData(data) {
      const d = parseData(data);
      await loop.stopAndWait();
      adoptData(d);
      warmReference();
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
      return saveOf(requireNet());
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
      await n.prepareTraining?.();
      const report = withCheckpoints(
        () => saveOf(n),
        (p) => {
          beat();
          const threads = n.trainingThreads?.();
          if (threads) p.threads = threads;
          onProgress(p);
        },
      );
      const final = await loop.run(n, target, report);
      if (!final.checkpoint) final.checkpoint = saveOf(n);
      return final;
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
    // One implementation of both signatures: the figures are there unless the request said false.
    sample: (async (req: SampleRequest) => {
      const r = parseSampleRequest(req, problem.config.T);
      checkPerfectCost(problem, dataset, r.model, r.sampler, r.xT ? r.xT.length / 2 : r.n);
      return sampleWith(problem, predictorFor(r.model), reference(), r);
    }) as EngineWithControl["sample"],
    async sampleMany(reqs): Promise<SampleResult[]> {
      if (!Array.isArray(reqs) || reqs.length === 0 || reqs.length > 32) {
        throw new Error("sampleMany needs a list of 1 to 32 sample requests");
      }
      // Validate every request before running any, so a bad column changes nothing.
      const parsed = reqs.map((r) => parseSampleRequest(r, problem.config.T));
      if (parsed.some((r) => r.quality === false))
        throw new Error("sampleMany gives every column its quality figures: quality: false is for sample()");
      for (const r of parsed)
        checkPerfectCost(problem, dataset, r.model, r.sampler, r.xT ? r.xT.length / 2 : r.n);
      const predictors = parsed.map((r) => predictorFor(r.model));
      const xTCache = new Map<string, Float32Array>();
      // Every request computes its figures (checked above), so each result is a whole SampleResult.
      return parsed.map(
        (r, i) => sampleWith(problem, predictors[i], reference(), r, xTCache) as SampleResult,
      );
    },
    async invert(req): Promise<InvertResult> {
      const r = parseInvertRequest(req, problem.config.T);
      return invertWith(problem, predictorFor(r.model), r);
    },
    async sampleUnit(unit): Promise<UnitResult> {
      const u = parseSampleUnit(unit, problem.config.T);
      checkPerfectCost(problem, dataset, u.model, u.sampler, u.xT.length / 2);
      return runUnit(problem, predictorFor(u.model), u);
    },
    async qualityOf(samples) {
      const pts = samples instanceof Float32Array ? samples : new Float32Array(0);
      const q = quality(pts, reference());
      const warning = nonFiniteWarning(q.nonFinite, pts.length / 2);
      return warning ? { quality: q, warning } : { quality: q };
    },
    async referenceStats() {
      return { fingerprint, stats: reference().stats };
    },
    async handReference(shared) {
      references.hand(parseSharedReference(shared));
    },
    async referenceSource() {
      return references.source(dataset);
    },
    async networkStamp() {
      // The data is part of the stamp: pool workers take the new data set along with the network.
      return net ? `${adoptions}:${net.trainSteps()}:${fingerprint}` : "none";
    },
    async predictEps(req): Promise<PredictEpsResult> {
      const r = parsePredictEpsRequest(req, problem.config.T);
      const eps = predictorFor(r.model)(toModel(problem.standardizer, r.points), r.t);
      return { eps: Float32Array.from(eps) };
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

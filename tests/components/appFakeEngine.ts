// A fake Engine for component tests: core math only (the perfect network stands in for the
// trained one), training that emits chunks on timers and honours pause/resume/stop, divergence
// for learning rates >= 1, and a network "file" that is plain JSON. Never a Worker in jsdom.
import { DEFAULT_PROBLEM, type ProblemConfig } from "../../src/core/config";
import { tutorialDataset } from "../../src/core/data";
import { makeProblem, oraclePredictor, type Problem } from "../../src/core/experiment";
import { Reference } from "../../src/core/metrics";
import type {
  Engine,
  EngineSettings,
  NetworkInfo,
  SampleRequest,
  SampleResult,
  TrainProgress,
} from "../../src/engine/api";
import { parseInterpolateRequest, parseInvertRequest, parseSampleRequest } from "../../src/engine/requests";
import { interpolateWith, invertWith, sampleWith } from "../../src/engine/sampling";

const dataset = tutorialDataset();
let reference: Reference | null = null;
const ref = () => {
  if (!reference) reference = new Reference(dataset.mixture, dataset.points, 5000);
  return reference;
};

export const FAKE_NETWORK = {
  format: "ddim-lab-network",
  version: 1,
  config: { width: 128, depth: 3, activation: "silu", embedDim: 32 },
  problem: DEFAULT_PROBLEM,
  trainSteps: 2000,
  lossHistory: Array.from({ length: 2000 }, (_, i) => 1 / (1 + i / 200)),
};

export interface FakeEngine extends Engine {
  calls: string[];
  onEvent(listener: (e: { kind: string; message: string }) => void): () => void;
  /** Test hook: what the real client emits after it replaced a dead worker. */
  emit(e: { kind: string; message: string }): void;
  lr: number;
  /** Steps per emitted chunk and ms between chunks. */
  chunk: number;
  delayMs: number;
}

export function createFakeEngine(): FakeEngine {
  let problemCfg: ProblemConfig = DEFAULT_PROBLEM;
  let problem: Problem = makeProblem(dataset, problemCfg);
  let net: (typeof FAKE_NETWORK & { origin: NetworkInfo["origin"] }) | null = null;
  let paused = false;
  let stopped = false;
  let wake: (() => void) | null = null;
  const info = (): NetworkInfo => {
    if (!net) throw new Error("no network yet");
    return {
      config: net.config as NetworkInfo["config"],
      problem: net.problem,
      trainSteps: net.trainSteps,
      origin: net.origin,
      backend: "fake",
      lossHistory: Float32Array.from(net.lossHistory),
    };
  };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const listeners = new Set<(e: { kind: string; message: string }) => void>();
  const engine: FakeEngine = {
    calls: [],
    onEvent(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    emit(e) {
      for (const l of listeners) l(e);
    },
    lr: 1e-3,
    chunk: 50,
    delayMs: 5,
    async init(s: EngineSettings) {
      engine.calls.push("init");
      engine.lr = s.train.lr;
      problemCfg = s.problem;
      problem = makeProblem(dataset, problemCfg);
      net = {
        ...FAKE_NETWORK,
        config: s.network,
        problem: s.problem,
        trainSteps: 0,
        lossHistory: [],
        origin: "fresh",
      };
      return info();
    },
    async loadNetwork(saved: unknown, origin = "file") {
      engine.calls.push(`loadNetwork:${origin}`);
      const v = saved as typeof FAKE_NETWORK;
      if (
        typeof v !== "object" ||
        v === null ||
        v.format !== "ddim-lab-network" ||
        !Array.isArray(v.lossHistory)
      ) {
        throw new Error("the network file is not valid: format must be ddim-lab-network");
      }
      net = { ...v, origin };
      problem = makeProblem(dataset, v.problem);
      return info();
    },
    async saveNetwork() {
      engine.calls.push("saveNetwork");
      if (!net) throw new Error("no network yet");
      const { origin: _o, ...saved } = net;
      return structuredClone(saved);
    },
    async info() {
      return info();
    },
    async train(steps: number, onProgress: (p: TrainProgress) => void, knobs?: { lr?: number }) {
      engine.calls.push("train");
      if (knobs?.lr !== undefined) engine.lr = knobs.lr;
      if (!net) throw new Error("no network yet");
      const n = net;
      n.origin = "user";
      paused = false;
      stopped = false;
      let done = 0;
      const p = (state: TrainProgress["state"], losses: Float32Array, message?: string): TrainProgress => ({
        step: n.trainSteps,
        target: steps,
        losses,
        stepsPerSecond: 1000,
        state,
        message,
      });
      while (done < steps) {
        if (stopped) return p("stopped", new Float32Array(0));
        if (paused) {
          onProgress(p("paused", new Float32Array(0)));
          await new Promise<void>((r) => {
            wake = r;
          });
          continue;
        }
        const k = Math.min(engine.chunk, steps - done);
        // lr >= 1 diverges after one good chunk, lr >= 8 at once (before any good chunk).
        if (engine.lr >= 1 && n.trainSteps >= (engine.lr >= 8 ? 0 : engine.chunk)) {
          const bad = new Float32Array(k).fill(Number.NaN);
          const d = p("diverged", bad, "Training diverged");
          onProgress(d);
          return d;
        }
        const losses = new Float32Array(k);
        for (let i = 0; i < k; i++) losses[i] = 1 / (1 + (n.trainSteps + i) / 200);
        n.lossHistory = [...n.lossHistory, ...losses];
        n.trainSteps += k;
        done += k;
        onProgress(p(done < steps ? "running" : "done", losses));
        await sleep(engine.delayMs);
      }
      return p("done", new Float32Array(0));
    },
    async pause() {
      engine.calls.push("pause");
      paused = true;
    },
    async resume(knobs?: { lr?: number }) {
      engine.calls.push("resume");
      if (knobs?.lr !== undefined) engine.lr = knobs.lr;
      paused = false;
      wake?.();
    },
    async stop() {
      engine.calls.push("stop");
      stopped = true;
      paused = false;
      wake?.();
    },
    async sample(req: SampleRequest): Promise<SampleResult> {
      engine.calls.push("sample");
      const r = parseSampleRequest(req, problem.config.T);
      return sampleWith(
        problem,
        oraclePredictor(problem, r.model === "empirical" ? "empirical" : "oracle"),
        ref(),
        r,
      );
    },
    async sampleMany(reqs: SampleRequest[]) {
      engine.calls.push("sampleMany");
      return Promise.all(reqs.map((r) => engine.sample(r)));
    },
    async invert(req) {
      engine.calls.push("invert");
      const r = parseInvertRequest(req, problem.config.T);
      return invertWith(problem, oraclePredictor(problem, "oracle"), r);
    },
    async interpolate(req) {
      engine.calls.push("interpolate");
      const r = parseInterpolateRequest(req, problem.config.T);
      return interpolateWith(problem, oraclePredictor(problem, "oracle"), r);
    },
  };
  return engine;
}

/** jsdom has no canvas: a no-op 2-D context keeps the drawing code running in tests. */
export function stubCanvas(): void {
  const noop = () => {};
  const ctx = new Proxy(
    {},
    {
      get: (_t, key) => (key === "measureText" ? () => ({ width: 10 }) : noop),
      set: () => true,
    },
  );
  HTMLCanvasElement.prototype.getContext = (() => ctx) as unknown as HTMLCanvasElement["getContext"];
}

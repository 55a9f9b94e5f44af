// The page's handle on the compute workers: the Engine API as a typed method table over the
// supervisor (src/engine/supervisor.ts). When the main worker dies or hangs, a new one starts
// (on cpu when the chosen backend cannot start, recorded once and reported) and gets back the
// newest network the page has seen: the run's last checkpoint, a save, or a loaded file.
// Sampling goes through the pool (src/engine/pool.ts): the main worker plus poolSize - 1 others.
import * as Comlink from "comlink";
import { BACKENDS, type TrainConfig } from "../core/config";
import { settleWithin } from "../core/wait";
import type { DataInput, EngineSettings, SampleResult, SavedNetwork, TrainProgress } from "./api";
import type { ClientOptions, EngineClient, EngineEvent } from "./clientApi";
import type { BackendName } from "./network";
import { defaultPoolSize, type PooledRequest } from "./pool";
import { pooledInterpolate } from "./poolInterpolate";
import { clientPool } from "./poolWorkers";
import {
  DEFAULT_LIMITS,
  EngineTimeout,
  type Generation,
  type Limits,
  launchWorker,
  type Remote,
} from "./supervisor";

export { isCancelled } from "./pool";
export { DEFAULT_LIMITS, EngineTimeout } from "./supervisor";

const defaultWorker = () => new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });

type Knobs = Partial<Pick<TrainConfig, "lr" | "batch" | "emaDecay">>;

export function createEngineClient(opts: ClientOptions = {}): EngineClient {
  const limits: Limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const makeWorker = opts.createWorker ?? defaultWorker;
  const listeners = new Set<(e: EngineEvent) => void>();
  const emit = (e: EngineEvent) => {
    for (const l of listeners) l(e);
  };
  let wanted: BackendName = opts.backend ?? "wasm";
  /** Backends that could not start here: never tried again by this client. */
  const failedBackends = new Set<BackendName>();
  // What to bring back after a restart: the newest network seen, or else the last settings.
  let lastSaved: { saved: unknown; origin: "pretrained" | "file" | "user"; steps: number } | null = null;
  let lastSettings: EngineSettings | null = null;
  let lastData: DataInput | null = null;
  let disposed = false;
  let starting = false;
  let activeBackend = "none";
  let current: Promise<Generation> = spawn(wanted);

  const stepsOf = (saved: unknown) => Number((saved as { trainSteps?: unknown } | null)?.trainSteps) || 0;
  const keep = (saved: unknown, origin: "pretrained" | "file" | "user") => {
    lastSaved = { saved, origin, steps: stepsOf(saved) };
  };

  async function spawn(backend: BackendName): Promise<Generation> {
    starting = true;
    const g = launchWorker(makeWorker, limits, (dead, reason) => void recover(dead, reason));
    try {
      const active = await g.invoke("starting the worker", limits.start, (r) => r.setBackend(backend), false);
      if (active !== backend) fellBack(backend, active, "");
      activeBackend = active;
      starting = false;
      return g;
    } catch (err) {
      g.kill("it could not start");
      if (backend === "cpu") {
        starting = false;
        throw err;
      }
      fellBack(backend, "cpu", ` (${(err as Error).message})`);
      return spawn("cpu");
    }
  }

  /** A backend that failed once is not tried again by this client; the page is told once. */
  function fellBack(from: string, to: string, why: string): void {
    wanted = to as BackendName;
    if (failedBackends.has(from as BackendName)) return;
    failedBackends.add(from as BackendName);
    emit({
      kind: "fallback",
      backend: to,
      message: `The ${from} backend could not start${why}; using ${to}.`,
    });
  }

  /** Replaces a dead worker and reloads what the page had; runs once per death. */
  async function recover(dead: Generation, reason: string): Promise<void> {
    const first = !dead.isDead();
    dead.kill(reason);
    if (!first || starting || disposed) return; // a worker dying while starting is spawn's
    const next = spawn(wanted).then(async (g) => {
      try {
        const { text, steps } = await reload(g);
        emit({
          kind: "restarted",
          restoredSteps: steps,
          message: `The compute worker stopped (${reason}); restarted it and ${text}.`,
        });
      } catch (err) {
        emit({
          kind: "error",
          restoredSteps: null,
          message: `The compute worker stopped (${reason}); restarted it, but ${(err as Error).message}`,
        });
      }
      return g;
    });
    current = next;
    try {
      await next;
    } catch (err) {
      emit({
        kind: "error",
        message: `The compute worker stopped (${reason}) and could not be restarted: ${(err as Error).message}`,
      });
    }
  }

  async function reload(g: Generation): Promise<{ text: string; steps: number | null }> {
    // The lab's data set first, so the reloaded network and the oracle follow it.
    const data = lastData;
    if (data) await g.invoke("restoring the data set", limits.control, (r) => r.setData(data));
    const s = lastSaved;
    if (s) {
      await g.invoke("reloading the network", limits.control, (r) => r.loadNetwork(s.saved, s.origin));
      return { text: `restored your network (${s.steps} training steps)`, steps: s.steps };
    }
    const settings = lastSettings;
    if (settings) {
      await g.invoke("starting a network", limits.control, (r) => r.init(withBackend(settings)));
      return { text: "started a fresh network (nothing was trained yet)", steps: 0 };
    }
    return { text: "no network was loaded", steps: null };
  }

  /** Settings with the backend this client actually runs (a failed one is not retried). */
  const withBackend = (s: EngineSettings): EngineSettings =>
    s.train?.backend === wanted ? s : { ...s, train: { ...s.train, backend: wanted } };

  /** Runs one call on the current worker; a timeout restarts the worker. */
  async function call<T>(what: string, limit: number, run: (r: Remote) => Promise<T>): Promise<T> {
    const g = await current;
    try {
      return await g.invoke(what, limit, run);
    } catch (err) {
      if (err instanceof EngineTimeout) void recover(g, `${what} did not answer in time`);
      throw err;
    }
  }
  const control = <T>(what: string, run: (r: Remote) => Promise<T>) => call(what, limits.control, run);
  const compute = <T>(what: string, run: (r: Remote) => Promise<T>) => call(what, limits.compute, run);

  async function train(steps: number, onProgress: (p: TrainProgress) => void, knobs?: Knobs) {
    const g = await current;
    // No overall limit (a run may be paused); pings between chunks keep the silence watch fed.
    const beat = setInterval(() => {
      g.invoke("training", limits.heartbeat, (r) => r.ping()).catch((err: Error) => {
        if (err instanceof EngineTimeout) void recover(g, "training stopped answering");
      });
    }, limits.heartbeat / 3);
    const progress = (p: TrainProgress) => {
      if (p.checkpoint) keep(p.checkpoint, "user");
      onProgress(p);
    };
    try {
      const final = await g.invoke("training", Number.POSITIVE_INFINITY, (r) =>
        r.train(steps, Comlink.proxy(progress), knobs),
      );
      if (final.checkpoint) keep(final.checkpoint, "user");
      return final;
    } finally {
      clearInterval(beat);
    }
  }

  // The pool: the main worker first, then extra workers that mirror its network; they boot once
  // the main worker is up.
  const { pool, primeExtras, disposeExtras } = clientPool({
    size: Math.max(1, Math.floor(opts.poolSize ?? defaultPoolSize())),
    makeWorker,
    limits,
    backend: () => wanted,
    data: () => lastData,
    mainUp: current,
    control,
    compute,
  });

  return {
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async init(settings) {
      // A new network may ask for another backend (the Backend setting): the workers switch to it,
      // unless it already failed to start here.
      const want = settings?.train?.backend;
      if (BACKENDS.includes(want as BackendName) && !failedBackends.has(want as BackendName))
        wanted = want as BackendName;
      // Read when the call runs: the worker may still be starting, and fall back meanwhile.
      let asked = wanted;
      const info = await control("starting the network", (r) => {
        asked = wanted;
        return r.init(withBackend(settings));
      });
      // The engine reports what computes: "wasm-simd kernel" or "wasm" both mean the wasm backend.
      const ran = info.backend.startsWith("wasm") ? "wasm" : info.backend;
      if (BACKENDS.includes(ran as BackendName)) {
        if (ran !== asked) fellBack(asked, ran, "");
        activeBackend = ran;
      }
      lastSettings = settings;
      lastSaved = null;
      primeExtras(null);
      return info;
    },
    async loadNetwork(saved, origin = "file") {
      const info = await control("loading the network", (r) => r.loadNetwork(saved, origin));
      keep(saved, origin);
      primeExtras(saved as SavedNetwork);
      return info;
    },
    async saveNetwork() {
      const saved = await control("saving the network", (r) => r.saveNetwork());
      keep(saved, "user");
      return saved;
    },
    info: () => control("reading the network info", (r) => r.info()),
    async setData(data) {
      const info = await control("changing the data set", (r) => r.setData(data));
      lastData = data;
      return info;
    },
    train,
    pause: () => control("pausing", (r) => r.pause()),
    resume: (knobs) => control("resuming", (r) => r.resume(knobs)),
    stop: () => control("stopping", (r) => r.stop()),
    // The pool gives the figures unless the request said false: one implementation of both signatures.
    sample: ((req: PooledRequest) => pool.sample(req)) as EngineClient["sample"],
    async sampleMany(reqs) {
      if (!Array.isArray(reqs) || reqs.length === 0 || reqs.length > 32)
        throw new Error("sampleMany needs a list of 1 to 32 sample requests");
      if (reqs.some((r) => (r as { quality?: unknown })?.quality === false))
        throw new Error("sampleMany gives every column its quality figures: quality: false is for sample()");
      return Promise.all(reqs.map((r) => pool.sample(r) as Promise<SampleResult>));
    },
    invert: (req) => compute("inversion", (r) => r.invert(req)),
    // Decoded on the pool (split over its workers like a column), after the sampling calls already
    // in the pool are done (at start-up: the grid paints first, then the interpolation), but never
    // more than interpolationWaitMs behind them (a long quality sweep must not starve it).
    async interpolate(req) {
      await settleWithin(pool.settled(), opts.interpolationWaitMs ?? 1500);
      return pooledInterpolate(pool, req);
    },
    predictEps: (req) => compute("computing the noise field", (r) => r.predictEps(req)),
    async backend() {
      await current;
      return activeBackend;
    },
    debugStats: () => control("reading worker stats", (r) => r.stats()),
    debugTerminate() {
      void current.then((g) => g.worker.terminate());
    },
    dispose() {
      disposed = true;
      disposeExtras();
      void current.then((g) => g.kill("the engine client was closed"));
    },
  };
}

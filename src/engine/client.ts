// The page's handle on the compute worker (issue 5 item 3): the Engine API over comlink, plus
// reliability. Every call has a time limit and no promise stays pending forever; when the worker
// errors, dies or hangs, the client terminates it, starts a new one (cpu when the chosen backend
// cannot start), reloads the last saved network and tells the page through onEvent.
import * as Comlink from "comlink";
import type { TrainConfig } from "../core/config";
import type { DataInfo, DataInput, Engine, EngineSettings, NetworkInfo, TrainProgress } from "./api";
import type { EngineStats, EngineWithControl } from "./engine";
import type { BackendName } from "./network";

export interface EngineEvent {
  kind: "restarted" | "fallback" | "error";
  message: string;
}

export interface EngineClient extends Engine {
  setData(data: DataInput): Promise<DataInfo>;
  /** Status messages for the page (worker restarted, backend fell back, ...). Returns unsubscribe. */
  onEvent(listener: (e: EngineEvent) => void): () => void;
  /** Fetches the shipped pretrained network and loads it. */
  loadPretrained(url?: string): Promise<NetworkInfo>;
  /** The backend the current worker runs on ("wasm", "cpu", ...), once started. */
  backend(): Promise<string>;
  /** Live tensors and JS heap inside the worker (tests and the leak soak). */
  debugStats(): Promise<EngineStats>;
  /** Test hook: kills the worker as a crash would. */
  debugTerminate(): void;
  dispose(): void;
}

export interface ClientOptions {
  backend?: BackendName;
  /** Time limits in ms. */
  limits?: Partial<typeof DEFAULT_LIMITS>;
  /** For tests: how to create the worker. */
  createWorker?: () => Worker;
}

export const DEFAULT_LIMITS = {
  /** Starting a worker and its backend. */
  start: 30_000,
  /** Sampling, inversion, interpolation (sampleMany: per column). */
  compute: 60_000,
  /** init, load, save, info, pause/resume/stop. */
  control: 30_000,
  /** A training run must answer a ping this often (between chunks, also while paused). */
  heartbeat: 15_000,
};

type Remote = Comlink.Remote<EngineWithControl>;
interface Generation {
  worker: Worker;
  remote: Remote;
  /** Rejects the moment this worker is declared dead. */
  dead: Promise<never>;
  kill: (reason: string) => void;
  isDead: () => boolean;
}

const defaultWorker = () => new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });

/** A call that did not answer in time: the worker is presumed hung. */
export class EngineTimeout extends Error {}

function timeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new EngineTimeout(`${what} did not answer within ${Math.round(ms / 1000)} s`)),
      ms,
    );
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

export function createEngineClient(opts: ClientOptions = {}): EngineClient {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const makeWorker = opts.createWorker ?? defaultWorker;
  const listeners = new Set<(e: EngineEvent) => void>();
  const emit = (e: EngineEvent) => {
    for (const l of listeners) l(e);
  };
  let wanted: BackendName = opts.backend ?? "wasm";
  // What to bring back after a restart: the last saved network, or else the last settings.
  let lastSaved: { saved: unknown; origin: "pretrained" | "file" | "user" } | null = null;
  let lastSettings: EngineSettings | null = null;
  let lastData: DataInput | null = null;
  let disposed = false;
  let starting = false;
  let activeBackend = "none";
  let current: Promise<Generation> = spawn(wanted);

  function launch(): Generation {
    const worker = makeWorker();
    let dead = false;
    let reject: (err: Error) => void = () => {};
    const deadPromise = new Promise<never>((_, r) => {
      reject = r;
    });
    deadPromise.catch(() => {}); // observed by every call that races it
    const gen: Generation = {
      worker,
      remote: Comlink.wrap<EngineWithControl>(worker),
      dead: deadPromise,
      kill: (reason) => {
        dead = true;
        reject(new Error(`The compute worker stopped: ${reason}`));
        worker.terminate();
      },
      isDead: () => dead,
    };
    worker.addEventListener("error", (ev) => {
      const what = (ev as ErrorEvent).message || "it could not start or threw an error";
      void recover(gen, `the worker failed (${what})`);
    });
    worker.addEventListener("messageerror", () => void recover(gen, "the worker sent an unreadable message"));
    return gen;
  }

  async function spawn(backend: BackendName): Promise<Generation> {
    starting = true;
    const g = launch();
    try {
      const active = await timeout(
        Promise.race([g.remote.setBackend(backend), g.dead]),
        limits.start,
        "the worker",
      );
      if (active !== backend)
        emit({ kind: "fallback", message: `The ${backend} backend could not start; using ${active}.` });
      activeBackend = active;
      starting = false;
      return g;
    } catch (err) {
      g.kill("it could not start");
      if (backend === "cpu") {
        starting = false;
        throw err;
      }
      emit({
        kind: "fallback",
        message: `The ${backend} backend could not start (${(err as Error).message}); using cpu.`,
      });
      wanted = "cpu";
      return spawn("cpu");
    }
  }

  /** Replaces a dead worker and reloads what the page had; runs once per death. */
  async function recover(dead: Generation, reason: string): Promise<void> {
    if (dead.isDead() || starting) {
      dead.kill(reason); // a worker that fails while starting is handled by spawn
      return;
    }
    dead.kill(reason);
    if (disposed) return;
    // Calls made meanwhile wait for the new worker with the network already reloaded.
    const next = spawn(wanted).then(async (g) => {
      try {
        emit({
          kind: "restarted",
          message: `The compute worker stopped (${reason}); restarted it and ${await reload(g)}.`,
        });
      } catch (err) {
        emit({
          kind: "error",
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

  /** Brings back the last saved network (or the last settings) on a new worker. */
  async function reload(g: Generation): Promise<string> {
    // The lab's data set first, so the reloaded network and the oracle follow it.
    if (lastData) await timeout(g.remote.setData(lastData), limits.control, "restoring the data set");
    if (lastSaved) {
      await timeout(
        g.remote.loadNetwork(lastSaved.saved, lastSaved.origin),
        limits.control,
        "reloading the network",
      );
      return "reloaded your last saved network";
    }
    if (lastSettings) {
      await timeout(g.remote.init(lastSettings), limits.control, "starting a network");
      return "started a fresh network (nothing was saved yet)";
    }
    return "no network was loaded";
  }

  /** Runs one call on the current worker with a time limit; a timeout or death restarts the worker. */
  async function call<T>(what: string, limit: number, run: (r: Remote) => Promise<T>): Promise<T> {
    const g = await current;
    try {
      return await timeout(Promise.race([run(g.remote), g.dead]), limit, what);
    } catch (err) {
      if (err instanceof EngineTimeout) void recover(g, `${what} did not answer in time`);
      throw err;
    }
  }

  async function keepSaved(): Promise<void> {
    try {
      const saved = await call("saving the network", limits.control, (r) => r.saveNetwork());
      lastSaved = { saved, origin: "user" };
    } catch {
      // the next save or the restart will report problems
    }
  }

  async function train(
    steps: number,
    onProgress: (p: TrainProgress) => void,
    knobs?: Partial<Pick<TrainConfig, "lr" | "batch" | "emaDecay">>,
  ): Promise<TrainProgress> {
    const g = await current;
    // Training has no overall time limit (it may be paused), but the worker must answer pings.
    let beat: ReturnType<typeof setInterval> | undefined;
    const hb = new Promise<never>((_, reject) => {
      beat = setInterval(() => {
        timeout(g.remote.ping(), limits.heartbeat, "the worker").catch((err: Error) => {
          reject(err);
          if (err instanceof EngineTimeout) void recover(g, "training stopped answering");
        });
      }, limits.heartbeat / 3);
    });
    hb.catch(() => {});
    const progress = (p: TrainProgress) => {
      onProgress(p);
      if (p.state === "paused") void keepSaved();
    };
    try {
      const final = await Promise.race([g.remote.train(steps, Comlink.proxy(progress), knobs), g.dead, hb]);
      void keepSaved();
      return final;
    } finally {
      clearInterval(beat);
    }
  }

  const control = <T>(what: string, run: (r: Remote) => Promise<T>) => call(what, limits.control, run);
  const compute = <T>(what: string, run: (r: Remote) => Promise<T>, n = 1) =>
    call(what, limits.compute * n, run);

  return {
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async init(settings) {
      const info = await control("starting the network", (r) => r.init(settings));
      lastSettings = settings;
      lastSaved = null;
      return info;
    },
    async loadNetwork(saved, origin = "file") {
      const info = await control("loading the network", (r) => r.loadNetwork(saved, origin));
      lastSaved = { saved, origin };
      return info;
    },
    async loadPretrained(url = `${import.meta.env?.BASE_URL ?? "/"}pretrained/network.json`) {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`the pretrained network could not be fetched (HTTP ${res.status})`);
      return this.loadNetwork(await res.json(), "pretrained");
    },
    async saveNetwork() {
      const saved = await control("saving the network", (r) => r.saveNetwork());
      lastSaved = { saved, origin: "user" };
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
    sample: (req) => compute("sampling", (r) => r.sample(req)),
    sampleMany: (reqs) =>
      compute("sampling", (r) => r.sampleMany(reqs), Array.isArray(reqs) ? Math.max(1, reqs.length) : 1),
    invert: (req) => compute("inversion", (r) => r.invert(req)),
    interpolate: (req) => compute("interpolation", (r) => r.interpolate(req)),
    async backend() {
      await current;
      return activeBackend;
    },
    debugStats: () => control("reading worker stats", (r) => r.stats()),
    debugTerminate() {
      void current.then((g) => recover(g, "it was terminated"));
    },
    dispose() {
      disposed = true;
      void current.then((g) => g.kill("the engine client was closed"));
    },
  };
}

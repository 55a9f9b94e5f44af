// The pool's extra sampling workers: each is a plain engine worker (the same script as the main
// one) that mirrors the main worker's network, reloading it whenever the network stamp changed.
// One that dies is dropped from the pool and its unit goes back to the queue; no restart (the
// main worker alone can always finish the work). clientPool assembles the client's pool.
import type { DataInput, SavedNetwork } from "./api";
import { NetworkMirror } from "./mirror";
import type { BackendName } from "./network";
import { type PoolMember, SamplingPool } from "./pool";
import type { SharedReference } from "./reference";
import { type Generation, type Limits, launchWorker, type Remote } from "./supervisor";

export interface ExtraOptions {
  makeWorker: () => Worker;
  limits: Limits;
  backend: () => BackendName;
  /** The main worker's network saved at (or after) this stamp. */
  savedFor: (stamp: string) => Promise<SavedNetwork>;
  /** The lab's data set (null: the course's), sent before the network so both match the main worker. */
  data?: () => DataInput | null;
  /** The main worker's quality reference, once it has answered (null before): handed over, not rebuilt. */
  reference?: () => SharedReference | null;
  onLost: (m: PoolMember) => void;
}

export function extraMember(o: ExtraOptions): PoolMember {
  let gen: Generation | null = null;
  let started: Promise<unknown> | null = null;
  let loaded: string | null = null;
  let loading: string | null = null;
  let lost = false;
  /** The backend this worker was last set to (the client's may change with a new network). */
  let backendNow: BackendName | null = null;
  const lose = (g: Generation, reason: string) => {
    g.kill(reason);
    if (!lost) {
      lost = true;
      o.onLost(member);
    }
  };
  const start = (): { g: Generation; up: Promise<unknown> } => {
    if (!gen || !started) {
      const g = launchWorker(o.makeWorker, o.limits, lose);
      gen = g;
      const want = o.backend();
      started = g
        .invoke("starting a sampling worker", o.limits.start, (r) => r.setBackend(want), false)
        .then(() => {
          backendNow = want;
        });
      started.catch(() => lose(g, "it could not start"));
    }
    return { g: gen, up: started };
  };
  const member: PoolMember = {
    alive: () => !lost,
    boot() {
      if (!lost) start();
    },
    prepare(stamp, ready) {
      if (lost) return false;
      if (loaded === stamp) return true;
      if (loading === stamp) return false;
      loading = stamp;
      const { g, up } = start();
      void (async () => {
        try {
          await up;
          // The page picked another backend for its new network: compute the same way as the
          // main worker, or the pool's result would depend on which worker ran which unit.
          const want = o.backend();
          if (backendNow !== want) {
            await g.invoke("switching a sampling worker's backend", o.limits.start, (r) =>
              r.setBackend(want),
            );
            backendNow = want;
          }
          const saved = await o.savedFor(stamp);
          // Before the data and the network: each makes the worker build its reference soon.
          const shared = o.reference?.() ?? null;
          if (shared)
            await g.invoke("handing the quality reference to a sampling worker", o.limits.control, (r) =>
              r.handReference(shared),
            );
          const data = o.data?.() ?? null;
          if (data)
            await g.invoke("sending the data set to a sampling worker", o.limits.control, (r) =>
              r.setData(data),
            );
          await g.invoke("loading the network into a sampling worker", o.limits.control, (r) =>
            r.loadNetwork(saved, "user"),
          );
          loaded = stamp;
        } catch {
          lose(g, "it could not load the network");
        } finally {
          if (loading === stamp) loading = null;
          ready();
        }
      })();
      return false;
    },
    async run(what, fn) {
      const { g, up } = start();
      await up;
      return g.invoke(what, o.limits.compute, fn);
    },
    dispose() {
      gen?.kill("the engine client was closed");
    },
  };
  return member;
}

export interface ClientPoolOptions {
  /** Sampling workers including the main one. */
  size: number;
  makeWorker: () => Worker;
  limits: Limits;
  backend: () => BackendName;
  data: () => DataInput | null;
  /** Resolves once the main worker is up (the extras boot then). */
  mainUp: Promise<unknown>;
  /** Calls on the main worker, with the control and the compute time limit. */
  control: <T>(what: string, run: (r: Remote) => Promise<T>) => Promise<T>;
  compute: <T>(what: string, run: (r: Remote) => Promise<T>) => Promise<T>;
}

/**
 * The client's sampling pool: the main worker first, then size - 1 extra workers that mirror its
 * network (src/engine/mirror.ts). primeExtras has them load a network that just became current.
 */
export function clientPool(o: ClientPoolOptions): {
  pool: SamplingPool;
  primeExtras: (loaded: SavedNetwork | null) => void;
  disposeExtras: () => void;
} {
  const readStamp = () => o.control("reading the network", (r) => r.networkStamp());
  const mirror = new NetworkMirror(readStamp, () =>
    o.control("saving the network for the sampling workers", (r) => r.saveNetwork()),
  );
  // Asked for when a network becomes current, ahead of that network's sampling units on the main
  // worker (which would build it then anyway); an extra worker takes it only once it is here.
  let mainReference: SharedReference | null = null;
  const readReference = () =>
    o
      .control("reading the quality reference", (r) => r.referenceStats())
      .then(
        (shared) => {
          mainReference = shared;
        },
        () => undefined, // the extra workers then build their own
      );
  let extras: PoolMember[] = [];
  for (let i = 1; i < o.size; i++)
    extras.push(
      extraMember({
        makeWorker: o.makeWorker,
        limits: o.limits,
        backend: o.backend,
        savedFor: (stamp) => mirror.savedFor(stamp),
        data: o.data,
        reference: () => mainReference,
        onLost: (m) => {
          extras = extras.filter((e) => e !== m);
        },
      }),
    );
  // The others boot once the main worker is up: the first column needs only the main worker, so
  // its boot does not share the cores with theirs, and they are ready for the 500-step columns
  // (docs/bench.md, "Page timings").
  o.mainUp.then(
    () => {
      for (const e of extras) e.boot?.();
    },
    () => undefined, // no main worker: the extras start when a call first needs them
  );
  const main: PoolMember = { run: (what, fn) => o.compute(what, fn) };
  const pool = new SamplingPool(() => [main, ...extras], readStamp);
  return {
    pool,
    primeExtras(loaded) {
      if (extras.length === 0) return;
      void readReference(); // asked first: here before the stamp that sets the extras loading
      mirror.prime(loaded, (stamp) => pool.prime(stamp));
    },
    disposeExtras() {
      for (const e of extras) e.dispose?.();
    },
  };
}

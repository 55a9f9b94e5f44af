// The pool's extra sampling workers: each is a plain engine worker (the same script as the main
// one) that mirrors the main worker's network, reloading it whenever the network stamp changed.
// One that dies is dropped from the pool and its unit goes back to the queue; no restart (the
// main worker alone can always finish the work).
import type { DataInput, SavedNetwork } from "./api";
import type { BackendName } from "./network";
import type { PoolMember } from "./pool";
import { type Generation, type Limits, launchWorker } from "./supervisor";

export interface ExtraOptions {
  makeWorker: () => Worker;
  limits: Limits;
  backend: () => BackendName;
  /** The main worker's network saved at (or after) this stamp. */
  savedFor: (stamp: string) => Promise<SavedNetwork>;
  /** The lab's data set (null: the course's), sent before the network so both match the main worker. */
  data?: () => DataInput | null;
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

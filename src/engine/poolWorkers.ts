// The pool's extra sampling workers: each is a plain engine worker (the same script as the main
// one) that mirrors the main worker's network, reloading it whenever the network stamp changed.
// One that dies is dropped from the pool and its unit goes back to the queue; no restart (the
// main worker alone can always finish the work).
import type { SavedNetwork } from "./api";
import type { BackendName } from "./network";
import type { PoolMember } from "./pool";
import { type Generation, type Limits, launchWorker } from "./supervisor";

export interface ExtraOptions {
  makeWorker: () => Worker;
  limits: Limits;
  backend: () => BackendName;
  /** The main worker's network saved at (or after) this stamp. */
  savedFor: (stamp: string) => Promise<SavedNetwork>;
  onLost: (m: PoolMember) => void;
}

export function extraMember(o: ExtraOptions): PoolMember {
  let gen: Generation | null = null;
  let ready: Promise<unknown> | null = null;
  let loaded: string | null = null;
  let lost = false;
  const start = () => {
    if (!gen) {
      gen = launchWorker(o.makeWorker, o.limits, (g, reason) => {
        g.kill(reason);
        lost = true;
        o.onLost(member);
      });
      const g = gen;
      ready = g.invoke("starting a sampling worker", o.limits.start, (r) => r.setBackend(o.backend()), false);
      ready.catch(() => {
        g.kill("it could not start");
        lost = true;
        o.onLost(member);
      });
    }
    return { g: gen, ready: ready as Promise<unknown> };
  };
  const member: PoolMember = {
    alive: () => !lost,
    async sync(stamp) {
      const { g, ready: started } = start();
      await started;
      if (loaded === stamp) return;
      const saved = await o.savedFor(stamp);
      await g.invoke("loading the network into a sampling worker", o.limits.control, (r) =>
        r.loadNetwork(saved, "user"),
      );
      loaded = stamp;
    },
    async run(what, fn) {
      const { g, ready: started } = start();
      await started;
      return g.invoke(what, o.limits.compute, fn);
    },
    dispose() {
      gen?.kill("the engine client was closed");
    },
  };
  return member;
}

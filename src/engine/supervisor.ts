// The worker supervisor: starts a compute worker, runs calls on it with time limits, and notices
// when it dies. A call's time limit counts from the moment the worker starts it (the worker
// announces each call, src/engine/protocol.ts), so work queued behind a long sampling run is not
// declared hung; while a call runs, a worker that says nothing for `silence` ms (no beat, no
// answer) is declared dead, which also catches a terminated worker that sends no error event.
// Restarts and fallbacks are the client's (src/engine/client.ts).
import * as Comlink from "comlink";
import type { EngineWithControl } from "./control";
import { isNotice } from "./protocol";

export type Remote = Comlink.Remote<EngineWithControl>;

export const DEFAULT_LIMITS = {
  /** Starting a worker and its backend. */
  start: 30_000,
  /** Sampling, inversion, interpolation, from the moment the worker starts the call. */
  compute: 60_000,
  /** init, load, save, info, pause/resume/stop, from the moment the worker starts the call. */
  control: 30_000,
  /** A training run must answer a ping this often (between chunks, also while paused). */
  heartbeat: 15_000,
  /**
   * A running call's worker that sends nothing (no beat, no answer) this long is dead. The worker
   * beats every second of sampling and after every training chunk; the longest single step (the
   * largest network, ~2.5 s) fits many times over, even on a machine several jobs share.
   */
  silence: 20_000,
};
export type Limits = typeof DEFAULT_LIMITS;

/** A call that did not answer in time: the worker is presumed hung. */
export class EngineTimeout extends Error {}

interface Pending {
  what: string;
  limit: number;
  started: boolean;
  /** Liveness is checked only for calls that beat (not while the backend downloads). */
  watched: boolean;
  fail: (err: Error) => void;
  timer?: ReturnType<typeof setTimeout>;
}

export interface Generation {
  worker: Worker;
  remote: Remote;
  /** Runs one remote call; rejects on its time limit, or when the worker dies. */
  invoke<T>(what: string, limit: number, fn: (r: Remote) => Promise<T>, watched?: boolean): Promise<T>;
  /** Terminates the worker; every pending call rejects with this reason. */
  kill(reason: string): void;
  isDead(): boolean;
  /** What the oldest call that has started is doing (for messages), if any. */
  busyWith(): string | null;
}

export function launchWorker(
  makeWorker: () => Worker,
  limits: Limits,
  onDeath: (g: Generation, reason: string, err?: Error) => void,
): Generation {
  const worker = makeWorker();
  const remote = Comlink.wrap<EngineWithControl>(worker);
  let dead = false;
  let deathReason = "";
  let issued = 0;
  /** True once the worker announced a call: from then on limits count from the start. */
  let announces = false;
  let lastHeard = Date.now();
  const pending = new Map<number, Pending>();

  const startTimer = (p: Pending) => {
    p.started = true;
    if (!Number.isFinite(p.limit)) return;
    p.timer = setTimeout(
      () => p.fail(new EngineTimeout(`${p.what} did not answer within ${Math.round(p.limit / 1000)} s`)),
      p.limit,
    );
  };
  const tick = Math.max(50, Math.min(1000, limits.silence / 4));
  let lastTick = Date.now();
  const watchdog = setInterval(() => {
    if (dead) return;
    // A page whose timers were held back (background tab, laptop asleep) cannot tell silence
    // from its own absence: it starts counting afresh.
    const now = Date.now();
    if (now - lastTick > 2 * tick + 1000) lastHeard = now;
    lastTick = now;
    const running = [...pending.values()].find((p) => p.started && p.watched);
    if (running && Date.now() - lastHeard > limits.silence)
      onDeath(gen, `the worker stopped answering while ${running.what}`);
  }, tick);

  worker.addEventListener("message", (ev: MessageEvent) => {
    lastHeard = Date.now();
    if (!isNotice(ev.data) || ev.data.ddimLab !== "started") return;
    announces = true;
    for (const [k, p] of pending) if (k <= ev.data.n && !p.started) startTimer(p);
  });
  worker.addEventListener("error", (ev) => {
    const what = (ev as ErrorEvent).message || "it could not start or threw an error";
    onDeath(gen, `the worker failed (${what})`);
  });
  worker.addEventListener("messageerror", () => onDeath(gen, "the worker sent an unreadable message"));

  const gen: Generation = {
    worker,
    remote,
    invoke<T>(what: string, limit: number, fn: (r: Remote) => Promise<T>, watched = true): Promise<T> {
      if (dead)
        return Promise.reject(new Error(`The compute worker stopped: ${deathReason} (before ${what})`));
      const k = ++issued;
      return new Promise<T>((resolve, reject) => {
        const p: Pending = { what, limit, started: false, watched, fail: reject };
        pending.set(k, p);
        if (!announces) startTimer(p); // a worker that does not announce calls: count from now
        if (pending.size === 1) lastHeard = Date.now();
        fn(remote).then(resolve, reject);
      }).finally(() => {
        clearTimeout(pending.get(k)?.timer);
        pending.delete(k);
        lastHeard = Date.now();
      });
    },
    kill(reason) {
      if (dead) return;
      dead = true;
      deathReason = reason;
      clearInterval(watchdog);
      worker.terminate();
      const err = new Error(`The compute worker stopped: ${reason}`);
      for (const p of pending.values()) p.fail(err);
    },
    isDead: () => dead,
    busyWith() {
      return [...pending.values()].find((p) => p.started)?.what ?? null;
    },
  };
  return gen;
}

// The leader's side of two-thread kernel training (docs/backends.md, "Two threads"): a helper
// thread (src/model/kernel/thread.ts) on the same shared memory takes the second slice of each
// batch while the leader runs the first. Synchronised with Atomics on a control block in that
// memory, so a step costs no message. A helper that never got ready or stopped answering is
// dropped and the leader runs both slices itself, with the same result.
import { CTL, CTL_BYTES, type HelperStart, STOP } from "./thread";

/** The helper thread as the team sees it (a Web Worker, or a Node worker thread in the tests). */
export interface HelperHandle {
  start(msg: HelperStart): void;
  /** Called once if the thread fails. */
  onError(fn: (message: string) => void): void;
  /** Called once when the thread waits for steps. */
  onReady(fn: () => void): void;
  terminate(): void;
}

/** How long the leader waits for the helper's slice before giving up on it. */
const ANSWER_MS = 5000;
const SPIN = 20_000;

export class Team {
  private readonly i32: Int32Array;
  private readonly f32: Float32Array;
  private readonly f64: Float64Array;
  private seq: number;
  private lost: string | null = null;
  /** Settles when the helper is ready (true) or lost (false). */
  readonly up: Promise<boolean>;

  constructor(
    private readonly helper: HelperHandle,
    msg: Omit<HelperStart, "ctl">,
    ctl: number,
  ) {
    const buf = msg.memory.buffer;
    this.i32 = new Int32Array(buf, ctl, CTL_BYTES / 4);
    this.f32 = new Float32Array(buf, ctl, CTL_BYTES / 4);
    this.f64 = new Float64Array(buf, ctl, CTL_BYTES / 8);
    this.i32.fill(0);
    this.seq = 0;
    let settle: (ok: boolean) => void = () => {};
    this.up = new Promise((ok) => {
      settle = ok;
    });
    helper.onError((m) => {
      this.drop(`the second training thread failed (${m})`);
      settle(false);
    });
    helper.onReady(() => settle(this.lost === null));
    helper.start({ ...msg, ctl });
  }

  /** Why the helper is no longer used, or null. */
  get failure(): string | null {
    return this.lost;
  }

  /** True when the helper waits for steps. */
  ready(): boolean {
    return this.lost === null && Atomics.load(this.i32, CTL.ready) === 1;
  }

  /** Hands rows [r0, r1) of the batch to the helper; false when it cannot take them now. */
  start(x: number, eps: number, r0: number, r1: number, invB: number): boolean {
    if (!this.ready()) return false;
    const c = this.i32;
    c[CTL.cmd] = 0;
    c[CTL.x] = x;
    c[CTL.eps] = eps;
    c[CTL.r0] = r0;
    c[CTL.r1] = r1;
    this.f32[CTL.invB] = invB;
    this.seq = (this.seq + 1) | 0;
    Atomics.store(c, CTL.go, this.seq);
    Atomics.notify(c, CTL.go);
    return true;
  }

  /** Waits for the slice started last; its sum of squared errors. Throws if the helper is gone. */
  finish(): number {
    const c = this.i32;
    for (let s = 0; s < SPIN && Atomics.load(c, CTL.done) !== this.seq; s++);
    const deadline = performance.now() + ANSWER_MS;
    for (;;) {
      const done = Atomics.load(c, CTL.done);
      if (done === this.seq) return this.f64[CTL.loss];
      const left = deadline - performance.now();
      if (left <= 0 || this.lost) {
        this.drop(this.lost ?? `the second training thread did not answer within ${ANSWER_MS / 1000} s`);
        throw new Error(`${this.lost}; training goes on with one thread`);
      }
      Atomics.wait(c, CTL.done, done, Math.min(left, 100));
    }
  }

  private drop(reason: string): void {
    this.lost ??= reason;
    this.helper.terminate();
  }

  /** Stops the helper thread. */
  dispose(): void {
    if (this.lost) return;
    this.lost = "stopped";
    this.i32[CTL.cmd] = STOP;
    Atomics.store(this.i32, CTL.go, (this.seq + 1) | 0);
    Atomics.notify(this.i32, CTL.go);
    this.helper.terminate();
  }
}

/** The browser's helper: a module worker running src/model/kernel/helperWorker.ts. */
export function webHelper(): HelperHandle {
  const w = new Worker(new URL("./helperWorker.ts", import.meta.url), { type: "module" });
  return {
    start: (msg) => w.postMessage(msg),
    onError: (fn) => {
      w.onerror = (e) => fn(e.message || "error");
      w.onmessageerror = () => fn("the kernel could not be sent to it");
    },
    onReady: (fn) => {
      w.onmessage = (e) => {
        if (e.data === "ready") fn();
      };
    },
    terminate: () => w.terminate(),
  };
}

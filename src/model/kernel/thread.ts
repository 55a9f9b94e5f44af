// The second training thread's side of a kernel training step (docs/backends.md, "Two threads"):
// it instantiates the same kernel on the leader's shared memory, then, for every step the leader
// starts, runs the backward pass of its slice of the batch and signals that it is done. Nothing
// else: the leader draws the batches, adds the two slices' gradients in a fixed order and updates
// the weights, so a step gives the same bits on one thread or two.
import { backpropRows } from "./backprop";
import type { KernelExports, SliceBuffers, StepPlan } from "./layout";

/** Int32 slots of the control block (16 x 4 bytes in the shared memory). */
export const CTL = {
  /** Step sequence number the leader bumps to start a step (or a stop). */
  go: 0,
  /** Sequence number of the last step the helper finished. */
  done: 1,
  /** 0: run a step; 1: stop. */
  cmd: 2,
  /** 1 once the helper has instantiated the kernel and waits for steps. */
  ready: 3,
  x: 4,
  eps: 5,
  r0: 6,
  r1: 7,
  /** Float32 slot: 1 / batch size. */
  invB: 8,
  /** Float64 slot (byte 40): the helper slice's sum of squared errors. */
  loss: 5,
} as const;
export const CTL_BYTES = 64;
export const STOP = 1;

export interface HelperStart {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  plan: StepPlan;
  slice: SliceBuffers;
  /** Byte pointer of the control block. */
  ctl: number;
}

/**
 * How long the helper spins for the next step before sleeping in Atomics.wait: between two steps
 * the leader adds the gradients, runs Adam and draws the next batch (~0.1-0.3 ms), and waking a
 * sleeping thread costs about as much again.
 */
const SPIN_MS = 1;

/** The helper's loop; returns when the leader sends stop. onReady: called once it waits for steps. */
export function runHelper({ module, memory, plan, slice, ctl }: HelperStart, onReady?: () => void): void {
  const k = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as KernelExports;
  const i32 = new Int32Array(memory.buffer, ctl, CTL_BYTES / 4);
  const f32 = new Float32Array(memory.buffer, ctl, CTL_BYTES / 4);
  const f64 = new Float64Array(memory.buffer, ctl, CTL_BYTES / 8);
  let seen = Atomics.load(i32, CTL.go);
  Atomics.store(i32, CTL.ready, 1);
  onReady?.();
  for (;;) {
    const until = performance.now() + SPIN_MS;
    for (let s = 0; Atomics.load(i32, CTL.go) === seen; s++) {
      if ((s & 255) === 0 && performance.now() > until) {
        Atomics.wait(i32, CTL.go, seen);
        break;
      }
    }
    seen = Atomics.load(i32, CTL.go);
    if (Atomics.load(i32, CTL.cmd) === STOP) return;
    f64[CTL.loss] = backpropRows(
      k,
      plan,
      slice,
      i32[CTL.x],
      i32[CTL.eps],
      i32[CTL.r0],
      i32[CTL.r1],
      f32[CTL.invB],
    );
    Atomics.store(i32, CTL.done, seen);
    Atomics.notify(i32, CTL.done);
  }
}

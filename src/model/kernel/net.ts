// One network's state inside a kernel instance: the memory layout (zero-padded float32 weights,
// Adam moments, gradients, transposed weights, per-tile activations) and the forward, backward
// and Adam + EMA passes built from the kernel's primitives (kernel/index.ts).
// docs/backends.md, "The wasm-simd kernel".
import type { NetworkConfig } from "../../core/config";
import { settleWithin } from "../../core/wait";
import { backpropRows } from "./backprop";
import {
  ACTIVATION_CODE,
  type KernelExports,
  type LayerShape,
  pad4,
  SHARED_MAX_PAGES,
  type SliceBuffers,
  type StepPlan,
  TILE,
} from "./layout";
import { type HelperHandle, Team } from "./team";
import { CTL_BYTES } from "./thread";

export { TILE } from "./layout";

/** The kernel built for shared memory, and how to start a helper thread on it. */
export interface Threading {
  module: WebAssembly.Module;
  makeHelper: () => HelperHandle;
}

/** Batches smaller than this run on one thread (the hand-over would cost more than it saves). */
const TEAM_MIN_BATCH = 64;

export type ParamSet = "raw" | "ema" | "m" | "v";

/** The Adam and EMA constants of one step, as the tfjs trainer uses them (float32). */
export interface StepConstants {
  b1: number;
  c1: number;
  b2: number;
  c2: number;
  eps: number;
  lrT: number;
  d: number;
  cd: number;
}

export class KernelNet {
  readonly layers: LayerShape[] = [];
  /** Floats in one parameter buffer (all layers, padded). */
  readonly size: number;
  /** Byte pointers of the parameter buffers and the gradient. */
  readonly ptr: Record<ParamSet | "grad", number>;
  /** The trainer whose Adam state the m and v buffers hold (a trainer reloads when it is not it). */
  owner: unknown = null;
  private readonly k: KernelExports;
  private readonly plan: StepPlan;
  /**
   * A training batch in two fixed slices, rows [0, ceil(B/2)) and the rest, each with its own
   * buffers and gradient; the step adds slice 1's gradient to slice 0's. The split does not
   * depend on the thread count, so one thread and two give the same bits (docs/backends.md,
   * "Two threads"). Predictions use slice 0's buffers.
   */
  private readonly slices: [SliceBuffers, SliceBuffers];
  private readonly xin: number;
  private readonly emb: number;
  private readonly bias0: number;
  private readonly ctl: number;
  private top: number;
  private batchCap = 0;
  private batchX = 0;
  private batchEps = 0;
  private team: Team | null = null;
  /** Why no helper thread could be made, once that failed. */
  private noTeam: string | null = null;

  /** threads: the shared-memory build and a helper maker, for two-thread training; else one thread. */
  constructor(
    module: WebAssembly.Module,
    readonly config: NetworkConfig,
    private readonly threads: Threading | null = null,
  ) {
    const instance = threads
      ? new WebAssembly.Instance(threads.module, {
          env: { memory: new WebAssembly.Memory({ initial: 1, maximum: SHARED_MAX_PAGES, shared: true }) },
        })
      : new WebAssembly.Instance(module, {});
    this.k = instance.exports as unknown as KernelExports;
    this.top = pad4(this.k.heapBase() + 15) & ~15;
    this.ctl = this.alloc(CTL_BYTES / 4);
    let K = 2 + config.embedDim;
    let size = 0;
    for (let i = 0; i <= config.depth; i++) {
      const N = i === config.depth ? 2 : config.width;
      const Np = pad4(N);
      this.layers.push({ K, Kp: pad4(K), N, Np, w: size, b: size + K * Np, wt: 0 });
      size += K * Np + Np;
      K = N;
    }
    this.size = size;
    const ptr = {} as Record<ParamSet | "grad", number>;
    for (const name of ["raw", "ema", "m", "v", "grad"] as const) ptr[name] = this.alloc(size);
    this.ptr = ptr;
    for (const l of this.layers) l.wt = this.alloc(l.N * l.Kp);
    const maxNp = Math.max(...this.layers.map((l) => Math.max(l.Np, l.Kp)));
    const slice = (grad: number): SliceBuffers => ({
      h: this.layers.map((l) => this.alloc(TILE * l.Np)),
      d: this.layers.map((l) => this.alloc(TILE * l.Np)),
      scratch: [this.alloc(TILE * maxNp), this.alloc(TILE * maxNp)],
      grad,
    });
    this.slices = [slice(ptr.grad), slice(this.alloc(size))];
    this.plan = { layers: this.layers, act: ACTIVATION_CODE[config.activation], raw: ptr.raw, size };
    this.xin = this.alloc(TILE * 2);
    this.emb = this.alloc(pad4(config.embedDim));
    this.bias0 = this.alloc(this.layers[0].Np);
  }

  /** Starts the helper thread (once, when this network has the shared build). */
  private makeTeam(): Team | null {
    if (this.threads && !this.team && !this.noTeam) {
      const { layers, act, raw, size } = this.plan;
      let helper: HelperHandle;
      try {
        helper = this.threads.makeHelper();
      } catch (err) {
        // A worker that cannot even be created (a policy, a missing file): one thread from now on.
        this.noTeam = `the second training thread could not be created (${(err as Error).message})`;
        return null;
      }
      this.team = new Team(
        helper,
        {
          module: this.threads.module,
          memory: this.k.memory,
          plan: { layers, act, raw, size },
          slice: this.slices[1],
        },
        this.ctl,
      );
    }
    return this.team;
  }

  /**
   * Starts the helper thread ahead of training and waits (up to `ms`) until it is ready, so the
   * first steps already run on two threads; resolves to the number of training threads.
   */
  async startThreads(ms = 3000): Promise<number> {
    const team = this.makeTeam();
    if (!team) return 1;
    await settleWithin(team.up, ms);
    return this.trainingThreads();
  }

  /** How many threads train this network now (2 once the helper thread is up). */
  trainingThreads(): number {
    return this.team?.ready() ? 2 : 1;
  }

  /** Why two-thread training stopped, if it did. */
  threadFailure(): string | null {
    const f = this.team?.failure ?? this.noTeam;
    return f && f !== "stopped" ? f : null;
  }

  /** Stops the helper thread, if any. */
  dispose(): void {
    this.team?.dispose();
  }

  /** A zeroed region of n floats (16-byte aligned); grows the memory as needed. */
  private alloc(n: number): number {
    const p = this.top;
    this.top += pad4(n) * 4;
    const need = this.top - this.k.memory.buffer.byteLength;
    if (need > 0) this.k.memory.grow(Math.ceil(need / 65536));
    return p;
  }

  /** A view on the kernel's memory (a new one after every grow). */
  f32(): Float32Array {
    return new Float32Array(this.k.memory.buffer);
  }

  /** Copies tfjs-shaped arrays (W0, b0, W1, ...; unpadded) into a parameter buffer. */
  writeParams(set: ParamSet, arrays: Float32Array[]): void {
    const mem = this.f32();
    const base = this.ptr[set] / 4;
    mem.fill(0, base, base + this.size);
    this.layers.forEach((l, i) => {
      const w = arrays[2 * i];
      for (let r = 0; r < l.K; r++) mem.set(w.subarray(r * l.N, (r + 1) * l.N), base + l.w + r * l.Np);
      mem.set(arrays[2 * i + 1], base + l.b);
    });
    if (set === "raw") this.transposeAll();
  }

  /** The reverse of writeParams: unpadded copies in tfjs order. */
  readParams(set: ParamSet): Float32Array[] {
    const mem = this.f32();
    const base = this.ptr[set] / 4;
    const out: Float32Array[] = [];
    for (const l of this.layers) {
      const w = new Float32Array(l.K * l.N);
      for (let r = 0; r < l.K; r++)
        w.set(mem.subarray(base + l.w + r * l.Np, base + l.w + r * l.Np + l.N), r * l.N);
      out.push(w, mem.slice(base + l.b, base + l.b + l.N));
    }
    return out;
  }

  /** True when every raw weight is finite. */
  rawFinite(): boolean {
    return Number.isFinite(this.k.absSum(this.ptr.raw, this.size));
  }

  private transposeAll(): void {
    for (const l of this.layers) this.k.transpose(this.ptr.raw + l.w * 4, l.wt, l.K, l.N, l.Np, l.Kp);
  }

  /** Room for a batch of B rows; returns the float offsets (in f32()) of its inputs and targets. */
  batch(B: number): { x: number; xStride: number; eps: number } {
    if (B > this.batchCap) {
      this.batchX = this.alloc(B * this.layers[0].Kp);
      this.batchEps = this.alloc(B * 4);
      this.batchCap = B;
    }
    return { x: this.batchX / 4, xStride: this.layers[0].Kp, eps: this.batchEps / 4 };
  }

  /**
   * One training step on the batch written at batch(B): the two slices' forward and backward
   * passes (the second on the helper thread when there is one), their gradients added, then
   * Adam + EMA and the transposed weights for the next step. Returns the loss
   * mean_b ||eps - eps_theta||^2.
   */
  trainStep(B: number, c: StepConstants): number {
    const k = this.k;
    const { raw, grad } = this.ptr;
    const invB = Math.fround(1 / B);
    const half = Math.ceil(B / 2);
    const [s0, s1] = this.slices;
    if (B >= TEAM_MIN_BATCH) this.makeTeam();
    const shared =
      B > half && B >= TEAM_MIN_BATCH && this.team?.start(this.batchX, this.batchEps, half, B, invB);
    let total = backpropRows(k, this.plan, s0, this.batchX, this.batchEps, 0, half, invB);
    if (shared) total += (this.team as Team).finish();
    else if (B > half) total += backpropRows(k, this.plan, s1, this.batchX, this.batchEps, half, B, invB);
    if (B > half) k.addInto(grad, s1.grad, this.size);
    k.adam(
      raw,
      grad,
      this.ptr.m,
      this.ptr.v,
      this.ptr.ema,
      this.size,
      c.b1,
      c.c1,
      c.b2,
      c.c2,
      c.eps,
      c.lrT,
      c.d,
      c.cd,
    );
    this.transposeAll();
    return total / B;
  }

  /**
   * eps_theta for n points (interleaved x, model coordinates) at one timestep whose embedding row
   * is `emb`: the embedding's part of the first layer is one bias row per call (emb W0[2:] + b0),
   * so each point costs only its two coordinates there.
   */
  predict(x: ArrayLike<number>, emb: Float32Array, set: "raw" | "ema"): Float64Array {
    const k = this.k;
    const params = this.ptr[set];
    const l0 = this.layers[0];
    const E = this.config.embedDim;
    this.f32().set(emb, this.emb / 4);
    k.gemm(
      this.emb,
      0,
      1,
      params + (l0.w + 2 * l0.Np) * 4,
      l0.Np,
      this.bias0,
      l0.Np,
      params + l0.b * 4,
      1,
      E,
      l0.Np,
      0,
    );
    const n = x.length / 2;
    const result = new Float64Array(2 * n);
    for (let s = 0; s < n; s += TILE) {
      const M = Math.min(TILE, n - s);
      let mem = this.f32();
      const xi = this.xin / 4;
      for (let i = 0; i < 2 * M; i++) mem[xi + i] = x[2 * s + i];
      const h = this.slices[0].h;
      k.gemm(this.xin, 2, 1, params + l0.w * 4, l0.Np, h[0], l0.Np, this.bias0, M, 2, l0.Np, 0);
      k.activate(h[0], 0, M * l0.Np, this.plan.act);
      let a = h[0];
      for (let i = 1; i < this.layers.length; i++) {
        const l = this.layers[i];
        k.gemm(a, l.Kp, 1, params + l.w * 4, l.Np, h[i], l.Np, params + l.b * 4, M, l.K, l.Np, 0);
        if (i < this.layers.length - 1) k.activate(h[i], 0, M * l.Np, this.plan.act);
        a = h[i];
      }
      mem = this.f32();
      const o = a / 4;
      for (let i = 0; i < M; i++) {
        result[2 * (s + i)] = mem[o + 4 * i];
        result[2 * (s + i) + 1] = mem[o + 4 * i + 1];
      }
    }
    return result;
  }
}

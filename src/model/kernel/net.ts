// One network's state inside a kernel instance: the memory layout (zero-padded float32 weights,
// Adam moments, gradients, transposed weights, per-tile activations) and the copies of tfjs-shaped
// parameters in and out of it. The passes built from the kernel's primitives (kernel/index.ts)
// live next to it: the training step in step.ts (backprop.ts for its slices), sampling's forward
// pass in predict.ts. docs/backends.md, "The wasm-simd kernel".
import type { NetworkConfig } from "../../core/config";
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
import { type PredictBuffers, predictPoints } from "./predict";
import { type StepConstants, type Threading, TrainingStep, transposeWeights } from "./step";
import { CTL_BYTES } from "./thread";

export { TILE } from "./layout";
export type { StepConstants, Threading } from "./step";

export type ParamSet = "raw" | "ema" | "m" | "v";

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
  private readonly step: TrainingStep;
  /** Predictions use the first training slice's layer outputs (see PredictBuffers). */
  private readonly predictBuffers: PredictBuffers;
  private top: number;
  private batchCap = 0;
  private batchX = 0;
  private batchEps = 0;

  /** threads: the shared-memory build and a helper maker, for two-thread training; else one thread. */
  constructor(
    module: WebAssembly.Module,
    readonly config: NetworkConfig,
    threads: Threading | null = null,
  ) {
    const instance = threads
      ? new WebAssembly.Instance(threads.module, {
          env: { memory: new WebAssembly.Memory({ initial: 1, maximum: SHARED_MAX_PAGES, shared: true }) },
        })
      : new WebAssembly.Instance(module, {});
    this.k = instance.exports as unknown as KernelExports;
    this.top = pad4(this.k.heapBase() + 15) & ~15;
    const ctl = this.alloc(CTL_BYTES / 4);
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
    // A training batch runs in two fixed slices, each with its own buffers and gradient (step.ts).
    const slices: [SliceBuffers, SliceBuffers] = [slice(ptr.grad), slice(this.alloc(size))];
    this.plan = { layers: this.layers, act: ACTIVATION_CODE[config.activation], raw: ptr.raw, size };
    this.step = new TrainingStep(this.k, this.plan, ptr, slices, ctl, threads);
    this.predictBuffers = {
      xin: this.alloc(TILE * 2),
      emb: this.alloc(pad4(config.embedDim)),
      bias0: this.alloc(this.layers[0].Np),
      h: slices[0].h,
    };
  }

  /**
   * Starts the helper thread ahead of training and waits (up to `ms`) until it is ready, so the
   * first steps already run on two threads; resolves to the number of training threads.
   */
  startThreads(ms = 3000): Promise<number> {
    return this.step.startThreads(ms);
  }

  /** How many threads train this network now (2 once the helper thread is up). */
  trainingThreads(): number {
    return this.step.trainingThreads();
  }

  /** Why two-thread training stopped, if it did. */
  threadFailure(): string | null {
    return this.step.threadFailure();
  }

  /** Stops the helper thread, if any. */
  dispose(): void {
    this.step.dispose();
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
    if (set === "raw") transposeWeights(this.k, this.layers, this.ptr.raw);
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
   * One training step on the batch written at batch(B) (step.ts): forward and backward passes,
   * Adam + EMA, the transposed weights for the next step. Returns the loss
   * mean_b ||eps - eps_theta||^2.
   */
  trainStep(B: number, c: StepConstants): number {
    return this.step.run(B, this.batchX, this.batchEps, c);
  }

  /** eps_theta for n points (interleaved x, model coordinates) at the timestep of embedding row `emb`. */
  predict(x: ArrayLike<number>, emb: Float32Array, set: "raw" | "ema"): Float64Array {
    return predictPoints(this.k, this.layers, this.plan.act, this.predictBuffers, this.ptr[set], x, emb);
  }
}

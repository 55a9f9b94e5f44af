// One network's state inside a kernel instance: the memory layout (zero-padded float32 weights,
// Adam moments, gradients, transposed weights, per-tile activations) and the forward, backward
// and Adam + EMA passes built from the kernel's primitives (kernel/index.ts).
// docs/backends.md, "The wasm-simd kernel".
import type { NetworkConfig } from "../../core/config";

/** Rows per tile: any batch or point count is processed in tiles of at most this many rows. */
export const TILE = 256;
const ACTIVATION_CODE = { silu: 0, relu: 1, gelu: 2, tanh: 3 } as const;

interface KernelExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  gemm(
    a: number,
    ars: number,
    aks: number,
    b: number,
    ldb: number,
    c: number,
    ldc: number,
    bias: number,
    M: number,
    K: number,
    N: number,
    acc: number,
  ): void;
  activate(z: number, d: number, n: number, kind: number): void;
  mulInto(dh: number, d: number, dz: number, n: number): void;
  lossGrad(out: number, eps: number, dz: number, M: number, invB: number): number;
  colSum(dz: number, db: number, M: number, N: number, acc: number): void;
  transpose(w: number, wt: number, K: number, N: number, ldw: number, ldt: number): void;
  zero(p: number, n: number): void;
  adam(
    w: number,
    g: number,
    m: number,
    v: number,
    e: number,
    n: number,
    b1: number,
    c1: number,
    b2: number,
    c2: number,
    eps: number,
    lrT: number,
    d: number,
    cd: number,
  ): void;
  absSum(p: number, n: number): number;
}

/** A dense layer: K inputs (row stride Kp of its input), N outputs padded to Np. */
interface Layer {
  K: number;
  Kp: number;
  N: number;
  Np: number;
  /** Float offsets of W (K x Np) and b (Np) inside a parameter buffer. */
  w: number;
  b: number;
  /** Byte pointer of W transposed (N x Kp), for the backward pass. */
  wt: number;
  /** Byte pointers of this layer's tile output and activation derivative (hidden layers). */
  h: number;
  d: number;
}

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

const pad4 = (n: number) => (n + 3) & ~3;

export class KernelNet {
  readonly layers: Layer[] = [];
  /** Floats in one parameter buffer (all layers, padded). */
  readonly size: number;
  /** Byte pointers of the parameter buffers and the gradient. */
  readonly ptr: Record<ParamSet | "grad", number>;
  /** The trainer whose Adam state the m and v buffers hold (a trainer reloads when it is not it). */
  owner: unknown = null;
  private readonly k: KernelExports;
  private readonly act: number;
  private readonly scratch: [number, number];
  private readonly xin: number;
  private readonly emb: number;
  private readonly bias0: number;
  private top: number;
  private batchCap = 0;
  private batchX = 0;
  private batchEps = 0;

  constructor(
    module: WebAssembly.Module,
    readonly config: NetworkConfig,
  ) {
    this.k = new WebAssembly.Instance(module, {}).exports as unknown as KernelExports;
    this.act = ACTIVATION_CODE[config.activation];
    this.top = pad4(this.k.heapBase() + 15) & ~15;
    let K = 2 + config.embedDim;
    let size = 0;
    for (let i = 0; i <= config.depth; i++) {
      const N = i === config.depth ? 2 : config.width;
      const Np = pad4(N);
      this.layers.push({ K, Kp: pad4(K), N, Np, w: size, b: size + K * Np, wt: 0, h: 0, d: 0 });
      size += K * Np + Np;
      K = N;
    }
    this.size = size;
    const ptr = {} as Record<ParamSet | "grad", number>;
    for (const name of ["raw", "ema", "m", "v", "grad"] as const) ptr[name] = this.alloc(size);
    this.ptr = ptr;
    const maxNp = Math.max(...this.layers.map((l) => Math.max(l.Np, l.Kp)));
    for (const l of this.layers) {
      l.wt = this.alloc(l.N * l.Kp);
      l.h = this.alloc(TILE * l.Np);
      l.d = this.alloc(TILE * l.Np);
    }
    this.scratch = [this.alloc(TILE * maxNp), this.alloc(TILE * maxNp)];
    this.xin = this.alloc(TILE * 2);
    this.emb = this.alloc(pad4(config.embedDim));
    this.bias0 = this.alloc(this.layers[0].Np);
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

  /** Forward pass of rows [input, input + M rows) with the raw weights, keeping activations. */
  private forwardTile(input: number, M: number, params: number, keep: boolean): number {
    const k = this.k;
    let a = input;
    const last = this.layers.length - 1;
    this.layers.forEach((l, i) => {
      k.gemm(a, l.Kp, 1, params + l.w * 4, l.Np, l.h, l.Np, params + l.b * 4, M, l.K, l.Np, 0);
      if (i < last) k.activate(l.h, keep ? l.d : 0, M * l.Np, this.act);
      a = l.h;
    });
    return a;
  }

  /**
   * One training step on the batch written at batch(B): forward and backward tile by tile (the
   * gradient summed over tiles), then Adam + EMA and the transposed weights for the next step.
   * Returns the loss mean_b ||eps - eps_theta||^2.
   */
  trainStep(B: number, c: StepConstants): number {
    const k = this.k;
    const { raw, grad } = this.ptr;
    const L = this.layers;
    const invB = Math.fround(1 / B);
    k.zero(grad, this.size);
    let total = 0;
    for (let s = 0; s < B; s += TILE) {
      const M = Math.min(TILE, B - s);
      const input = this.batchX + s * L[0].Kp * 4;
      const out = this.forwardTile(input, M, raw, true);
      let [cur, other] = this.scratch;
      total += k.lossGrad(out, this.batchEps + s * 16, cur, M, invB);
      for (let i = L.length - 1; i >= 0; i--) {
        const l = L[i];
        const hin = i === 0 ? input : L[i - 1].h;
        k.gemm(hin, 1, l.Kp, cur, l.Np, grad + l.w * 4, l.Np, 0, l.K, M, l.Np, 1);
        k.colSum(cur, grad + l.b * 4, M, l.Np, 1);
        if (i === 0) break;
        k.gemm(cur, l.Np, 1, l.wt, l.Kp, other, l.Kp, 0, M, l.N, l.Kp, 0);
        k.mulInto(other, L[i - 1].d, other, M * l.Kp);
        [cur, other] = [other, cur];
      }
    }
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
      k.gemm(this.xin, 2, 1, params + l0.w * 4, l0.Np, l0.h, l0.Np, this.bias0, M, 2, l0.Np, 0);
      k.activate(l0.h, 0, M * l0.Np, this.act);
      let a = l0.h;
      for (let i = 1; i < this.layers.length; i++) {
        const l = this.layers[i];
        k.gemm(a, l.Kp, 1, params + l.w * 4, l.Np, l.h, l.Np, params + l.b * 4, M, l.K, l.Np, 0);
        if (i < this.layers.length - 1) k.activate(l.h, 0, M * l.Np, this.act);
        a = l.h;
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

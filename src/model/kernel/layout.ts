// The kernel's exports as the JS side calls them, and the plain-data description of one network's
// memory layout that both training threads share (it is posted to the helper thread as is).
// docs/backends.md, "The wasm-simd kernel".

/** Rows per tile: any batch or point count is processed in tiles of at most this many rows. */
export const TILE = 256;
export const ACTIVATION_CODE = { silu: 0, relu: 1, gelu: 2, tanh: 3 } as const;

export const pad4 = (n: number) => (n + 3) & ~3;

export interface KernelExports {
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
  addInto(a: number, b: number, n: number): void;
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
export interface LayerShape {
  K: number;
  Kp: number;
  N: number;
  Np: number;
  /** Float offsets of W (K x Np) and b (Np) inside a parameter buffer. */
  w: number;
  b: number;
  /** Byte pointer of W transposed (N x Kp), for the backward pass. */
  wt: number;
}

/**
 * The working memory of one slice of a batch (byte pointers): each layer's tile output h and
 * activation derivative d, two scratch tiles for the backward pass, and the slice's gradient.
 */
export interface SliceBuffers {
  h: number[];
  d: number[];
  scratch: [number, number];
  grad: number;
}

/** What a thread needs to run a slice of a training step: shapes, activation, raw weights. */
export interface StepPlan {
  layers: LayerShape[];
  act: number;
  /** Byte pointer of the raw weights; floats in one parameter buffer. */
  raw: number;
  size: number;
}

/**
 * Maximum size of the shared memory of two-thread training, in 64 KiB pages (256 MiB: the largest
 * network and batch the settings allow need ~60 MiB). The kernel's shared build declares the same
 * maximum (scripts/build-kernel.ts), and a shared memory must match it.
 */
export const SHARED_MAX_PAGES = 4096;

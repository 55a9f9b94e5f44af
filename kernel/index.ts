// DDIM Lab's WebAssembly SIMD kernel (AssemblyScript): the primitives of the eps network's
// forward pass, backward pass and Adam + EMA update, on float32 data in this module's memory.
// The JS side (src/model/kernel/) owns the memory layout and calls these in order; see
// docs/backends.md, "The wasm-simd kernel".
//
// Determinism: only IEEE float32 operations (add, mul, div, sqrt, min/max) in a fixed order, no
// fused multiply-add, no relaxed SIMD, and exp written out here, so the same inputs give the same
// bits on every engine (Node and Chromium alike).
//
// Conventions: pointers are byte offsets into memory, sizes are float counts. Every row stride
// and every "n" of the element-wise kernels is a multiple of 4 (the JS side pads with zeros).

/** First free byte after this module's own static data: the JS side allocates from here. */
export function heapBase(): usize {
  return __heap_base;
}

@inline function at(p: usize, i: i32): usize {
  return p + (<usize>i << 2);
}

/**
 * C = A * B (+ bias, or + C when acc != 0). A is M x K with element (r, k) at a + 4*(r*ars + k*aks)
 * (so A or its transpose can be read in place), B is K x N with row stride ldb, C is M x N with
 * row stride ldc. N is a multiple of 4. The sum over k runs in increasing k for every element.
 * A's element is broadcast straight from memory (v128.load32_splat: one load, where splatting a
 * loaded float costs a shuffle on the same pipes as the multiplies and adds; ~10 % faster here).
 */
export function gemm(
  a: usize, ars: i32, aks: i32,
  b: usize, ldb: i32,
  c: usize, ldc: i32,
  bias: usize, M: i32, K: i32, N: i32, acc: i32,
): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= M; i += 4) {
    const a0 = at(a, i * ars);
    const a1 = at(a, (i + 1) * ars);
    const a2 = at(a, (i + 2) * ars);
    const a3 = at(a, (i + 3) * ars);
    const c0 = at(c, i * ldc);
    const c1 = at(c, (i + 1) * ldc);
    const c2 = at(c, (i + 2) * ldc);
    const c3 = at(c, (i + 3) * ldc);
    let j = 0;
    for (; j + 8 <= N; j += 8) {
      let s00 = zero, s01 = zero, s10 = zero, s11 = zero;
      let s20 = zero, s21 = zero, s30 = zero, s31 = zero;
      if (acc) {
        s00 = v128.load(at(c0, j)); s01 = v128.load(at(c0, j + 4));
        s10 = v128.load(at(c1, j)); s11 = v128.load(at(c1, j + 4));
        s20 = v128.load(at(c2, j)); s21 = v128.load(at(c2, j + 4));
        s30 = v128.load(at(c3, j)); s31 = v128.load(at(c3, j + 4));
      } else if (bias) {
        s00 = v128.load(at(bias, j)); s01 = v128.load(at(bias, j + 4));
        s10 = s00; s11 = s01; s20 = s00; s21 = s01; s30 = s00; s31 = s01;
      }
      let pb = at(b, j);
      for (let k = 0; k < K; k++) {
        const b0 = v128.load(pb);
        const b1 = v128.load(pb, 16);
        const ko = k * aks;
        const x0 = v128.load32_splat(at(a0, ko));
        const x1 = v128.load32_splat(at(a1, ko));
        const x2 = v128.load32_splat(at(a2, ko));
        const x3 = v128.load32_splat(at(a3, ko));
        s00 = f32x4.add(s00, f32x4.mul(x0, b0)); s01 = f32x4.add(s01, f32x4.mul(x0, b1));
        s10 = f32x4.add(s10, f32x4.mul(x1, b0)); s11 = f32x4.add(s11, f32x4.mul(x1, b1));
        s20 = f32x4.add(s20, f32x4.mul(x2, b0)); s21 = f32x4.add(s21, f32x4.mul(x2, b1));
        s30 = f32x4.add(s30, f32x4.mul(x3, b0)); s31 = f32x4.add(s31, f32x4.mul(x3, b1));
        pb += <usize>ldb << 2;
      }
      v128.store(at(c0, j), s00); v128.store(at(c0, j + 4), s01);
      v128.store(at(c1, j), s10); v128.store(at(c1, j + 4), s11);
      v128.store(at(c2, j), s20); v128.store(at(c2, j + 4), s21);
      v128.store(at(c3, j), s30); v128.store(at(c3, j + 4), s31);
    }
    for (; j < N; j += 4) {
      let s0 = zero, s1 = zero, s2 = zero, s3 = zero;
      if (acc) {
        s0 = v128.load(at(c0, j)); s1 = v128.load(at(c1, j));
        s2 = v128.load(at(c2, j)); s3 = v128.load(at(c3, j));
      } else if (bias) {
        s0 = v128.load(at(bias, j)); s1 = s0; s2 = s0; s3 = s0;
      }
      let pb = at(b, j);
      for (let k = 0; k < K; k++) {
        const b0 = v128.load(pb);
        const ko = k * aks;
        s0 = f32x4.add(s0, f32x4.mul(v128.load32_splat(at(a0, ko)), b0));
        s1 = f32x4.add(s1, f32x4.mul(v128.load32_splat(at(a1, ko)), b0));
        s2 = f32x4.add(s2, f32x4.mul(v128.load32_splat(at(a2, ko)), b0));
        s3 = f32x4.add(s3, f32x4.mul(v128.load32_splat(at(a3, ko)), b0));
        pb += <usize>ldb << 2;
      }
      v128.store(at(c0, j), s0); v128.store(at(c1, j), s1);
      v128.store(at(c2, j), s2); v128.store(at(c3, j), s3);
    }
  }
  for (; i < M; i++) {
    const a0 = at(a, i * ars);
    const c0 = at(c, i * ldc);
    for (let j = 0; j < N; j += 4) {
      let s0 = zero;
      if (acc) s0 = v128.load(at(c0, j));
      else if (bias) s0 = v128.load(at(bias, j));
      let pb = at(b, j);
      for (let k = 0; k < K; k++) {
        s0 = f32x4.add(s0, f32x4.mul(v128.load32_splat(at(a0, k * aks)), v128.load(pb)));
        pb += <usize>ldb << 2;
      }
      v128.store(at(c0, j), s0);
    }
  }
}

// The elementwise kernels' constants, one 16-byte row of four equal lanes each, read from memory
// at every use: V8 builds a v128.const from two 64-bit immediates (a move and a shuffle on the
// arithmetic pipes, at every use in a loop), a load runs on the load ports instead. Same values,
// same bits (docs/backends.md, "The wasm-simd kernel").
const MAGIC: f32 = 12582912.0; // 1.5 * 2^23
const GELU_C: f32 = 0.7978845608028654; // sqrt(2 / pi)
const GELU_A: f32 = 0.044715;
const K = memory.data<f32>([
  88.0, 88.0, 88.0, 88.0, //                                          0 exp's upper clamp
  -87.0, -87.0, -87.0, -87.0, //                                      1 exp's lower clamp
  1.4426950408889634, 1.4426950408889634, 1.4426950408889634, 1.4426950408889634, // 2 log2(e)
  MAGIC, MAGIC, MAGIC, MAGIC, //                                      3
  0.693145751953125, 0.693145751953125, 0.693145751953125, 0.693145751953125, // 4 ln2, high part
  1.428606765330187e-6, 1.428606765330187e-6, 1.428606765330187e-6, 1.428606765330187e-6, // 5 low
  1.0 / 5040.0, 1.0 / 5040.0, 1.0 / 5040.0, 1.0 / 5040.0, //          6 Taylor coefficients
  1.0 / 720.0, 1.0 / 720.0, 1.0 / 720.0, 1.0 / 720.0, //              7
  1.0 / 120.0, 1.0 / 120.0, 1.0 / 120.0, 1.0 / 120.0, //              8
  1.0 / 24.0, 1.0 / 24.0, 1.0 / 24.0, 1.0 / 24.0, //                  9
  1.0 / 6.0, 1.0 / 6.0, 1.0 / 6.0, 1.0 / 6.0, //                      10
  0.5, 0.5, 0.5, 0.5, //                                              11
  1.0, 1.0, 1.0, 1.0, //                                              12
  -2.0, -2.0, -2.0, -2.0, //                                          13
  GELU_C, GELU_C, GELU_C, GELU_C, //                                  14
  GELU_A, GELU_A, GELU_A, GELU_A, //                                  15
  3 * GELU_A, 3 * GELU_A, 3 * GELU_A, 3 * GELU_A, //                  16
], 16);
const EXP_HI = 0, EXP_LO = 1, LOG2E = 2, MAGIC_ROW = 3, LN2_HI = 4, LN2_LO = 5, TAYLOR = 6;
const HALF = 11, ONE = 12, MINUS_TWO = 13, GELU_C_ROW = 14, GELU_A_ROW = 15, GELU_3A_ROW = 16;
/** 127 in four i32 lanes: the float exponent's bias. */
const BIAS127 = memory.data<i32>([127, 127, 127, 127], 16);
/** The sign bit in four i32 lanes. */
const SIGN = memory.data<i32>([<i32>0x80000000, <i32>0x80000000, <i32>0x80000000, <i32>0x80000000], 16);

@inline function k4(r: i32): v128 {
  return v128.load(K + (<usize>r << 4));
}

// exp on four lanes: x = n ln2 + r, |r| <= ln2/2, exp(r) by its Taylor series to r^7 (relative
// error ~5e-9, below float32's 6e-8), times 2^n built in the exponent bits. x is clamped to
// [-87, 88] so 2^n stays a normal float; that bounds sigmoid and tanh, which saturate long before.
// n comes from adding 1.5 * 2^23: the add rounds x log2(e) to the nearest integer (ties to even)
// and leaves n in the low mantissa bits, so (bits + 127) << 23 is 2^n (the magic's own bits
// shift out). pmin/pmax are single instructions (min/max need extra NaN and -0 handling); a NaN
// x stays NaN through them.
@inline function exp4(x: v128): v128 {
  const xc = f32x4.pmax(f32x4.pmin(x, k4(EXP_HI)), k4(EXP_LO));
  const t = f32x4.add(f32x4.mul(xc, k4(LOG2E)), k4(MAGIC_ROW));
  const n = f32x4.sub(t, k4(MAGIC_ROW));
  let r = f32x4.sub(xc, f32x4.mul(n, k4(LN2_HI)));
  r = f32x4.sub(r, f32x4.mul(n, k4(LN2_LO)));
  // 1/5040, 1/720, 1/120, 1/24, 1/6, 1/2, then 1 twice (rows TAYLOR .. TAYLOR + 6, ONE)
  let p = k4(TAYLOR);
  p = f32x4.add(f32x4.mul(p, r), k4(TAYLOR + 1));
  p = f32x4.add(f32x4.mul(p, r), k4(TAYLOR + 2));
  p = f32x4.add(f32x4.mul(p, r), k4(TAYLOR + 3));
  p = f32x4.add(f32x4.mul(p, r), k4(TAYLOR + 4));
  p = f32x4.add(f32x4.mul(p, r), k4(HALF));
  p = f32x4.add(f32x4.mul(p, r), k4(ONE));
  p = f32x4.add(f32x4.mul(p, r), k4(ONE));
  const scale = i32x4.shl(i32x4.add(t, v128.load(BIAS127)), 23);
  return f32x4.mul(p, scale);
}

// tanh(z) = sign(z) (1 - e) / (1 + e) with e = exp(-2|z|).
@inline function tanh4(z: v128): v128 {
  const e = exp4(f32x4.mul(f32x4.abs(z), k4(MINUS_TWO)));
  const t = f32x4.div(f32x4.sub(k4(ONE), e), f32x4.add(k4(ONE), e));
  // copy z's sign bit onto t (t >= 0)
  return v128.or(t, v128.and(z, v128.load(SIGN)));
}

const SILU = 0;
const RELU = 1;
const GELU = 2;
const TANH = 3;

/**
 * In place: z -> act(z) for n floats; when d != 0 also writes act'(z) to d (the backward pass
 * multiplies by it). kind: 0 silu, 1 relu, 2 gelu (tanh form), 3 tanh. act(0) = 0 for all four,
 * so zero padding stays zero.
 */
export function activate(z: usize, d: usize, n: i32, kind: i32): void {
  if (d) activateWithDerivative(z, d, n, kind);
  else if (kind == SILU) siluOnly(z, n);
  else activateWithDerivative(z, 0, n, kind);
}

// silu(x) = x / (1 + exp(-x)): the sampler's hot path, one divide per four values.
function siluOnly(z: usize, n: i32): void {
  let i = 0;
  // Two vectors per turn: their exp chains are independent, so the core overlaps them.
  for (; i + 8 <= n; i += 8) {
    const p = at(z, i);
    const x0 = v128.load(p);
    const x1 = v128.load(p, 16);
    const e0 = exp4(f32x4.neg(x0));
    const e1 = exp4(f32x4.neg(x1));
    v128.store(p, f32x4.div(x0, f32x4.add(k4(ONE), e0)));
    v128.store(p, f32x4.div(x1, f32x4.add(k4(ONE), e1)), 16);
  }
  for (; i < n; i += 4) {
    const p = at(z, i);
    const x = v128.load(p);
    v128.store(p, f32x4.div(x, f32x4.add(k4(ONE), exp4(f32x4.neg(x)))));
  }
}

function activateWithDerivative(z: usize, d: usize, n: i32, kind: i32): void {
  for (let i = 0; i < n; i += 4) {
    const p = at(z, i);
    const x = v128.load(p);
    const one = k4(ONE);
    const half = k4(HALF);
    let h: v128;
    let g: v128;
    if (kind == SILU) {
      const s = f32x4.div(one, f32x4.add(one, exp4(f32x4.neg(x))));
      h = f32x4.mul(x, s);
      g = f32x4.mul(s, f32x4.add(one, f32x4.mul(x, f32x4.sub(one, s))));
    } else if (kind == RELU) {
      const pos = f32x4.gt(x, f32x4.splat(0));
      h = v128.and(x, pos);
      g = v128.and(one, pos);
    } else if (kind == GELU) {
      const x2 = f32x4.mul(x, x);
      const u = f32x4.mul(f32x4.add(x, f32x4.mul(f32x4.mul(x2, x), k4(GELU_A_ROW))), k4(GELU_C_ROW));
      const t = tanh4(u);
      const onePlusT = f32x4.add(one, t);
      h = f32x4.mul(f32x4.mul(x, half), onePlusT);
      const du = f32x4.mul(k4(GELU_C_ROW), f32x4.add(one, f32x4.mul(x2, k4(GELU_3A_ROW))));
      g = f32x4.add(
        f32x4.mul(half, onePlusT),
        f32x4.mul(f32x4.mul(f32x4.mul(half, x), f32x4.sub(one, f32x4.mul(t, t))), du),
      );
    } else {
      h = tanh4(x);
      g = f32x4.sub(one, f32x4.mul(h, h));
    }
    v128.store(p, h);
    if (d) v128.store(at(d, i), g);
  }
}

/** dz = dh * d over n floats (the chain rule through the activation). */
export function mulInto(dh: usize, d: usize, dz: usize, n: i32): void {
  for (let i = 0; i < n; i += 4) {
    v128.store(at(dz, i), f32x4.mul(v128.load(at(dh, i)), v128.load(at(d, i))));
  }
}

/**
 * The squared-error loss of M rows of the output (row stride 4, lanes 2 and 3 zero) against eps
 * (same layout): returns sum_rows (dx^2 + dy^2) in float64, and writes the gradient
 * dz = (2 diff) * invB, the derivative of mean_rows(sum_cols diff^2) over the whole batch.
 */
export function lossGrad(out: usize, eps: usize, dz: usize, M: i32, invB: f32): f64 {
  let total: f64 = 0;
  const scale = f32x4.splat(invB);
  const two = f32x4.splat(2.0);
  for (let i = 0; i < M; i++) {
    const diff = f32x4.sub(v128.load(at(out, i * 4)), v128.load(at(eps, i * 4)));
    const sq = f32x4.mul(diff, diff);
    total += <f64>(f32x4.extract_lane(sq, 0) + f32x4.extract_lane(sq, 1));
    v128.store(at(dz, i * 4), f32x4.mul(f32x4.mul(diff, two), scale));
  }
  return total;
}

/** db (+)= column sums of dz (M rows, N columns, row stride N); rows summed in order. */
export function colSum(dz: usize, db: usize, M: i32, N: i32, acc: i32): void {
  for (let j = 0; j < N; j += 4) {
    let s = acc ? v128.load(at(db, j)) : f32x4.splat(0);
    for (let i = 0; i < M; i++) s = f32x4.add(s, v128.load(at(dz, i * N + j)));
    v128.store(at(db, j), s);
  }
}

/** wt[j, k] = w[k, j]: w is K x ldw (first N columns used), wt is N x ldt (columns >= K left as is). */
export function transpose(w: usize, wt: usize, K: i32, N: i32, ldw: i32, ldt: i32): void {
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < N; j++) store<f32>(at(wt, j * ldt + k), load<f32>(at(w, k * ldw + j)));
  }
}

/** a += b over n floats (the two halves of a batch's gradient, always added in this order). */
export function addInto(a: usize, b: usize, n: i32): void {
  for (let i = 0; i < n; i += 4) {
    const p = at(a, i);
    v128.store(p, f32x4.add(v128.load(p), v128.load(at(b, i))));
  }
}

/** Sets n floats to zero. */
export function zero(p: usize, n: i32): void {
  memory.fill(p, 0, <usize>n << 2);
}

/**
 * One Adam step and the EMA update over the flat parameter buffer (n floats), in the same order
 * of float32 operations as the tfjs trainer's step (src/model/adam.ts):
 * m = m b1 + g (1-b1); v = v b2 + g^2 (1-b2); w = w - m / (sqrt(v) + eps) lrT; e = e d + w (1-d).
 */
export function adam(
  w: usize, g: usize, m: usize, v: usize, e: usize, n: i32,
  b1: f32, c1: f32, b2: f32, c2: f32, eps: f32, lrT: f32, d: f32, cd: f32,
): void {
  const B1 = f32x4.splat(b1), C1 = f32x4.splat(c1), B2 = f32x4.splat(b2), C2 = f32x4.splat(c2);
  const EPS = f32x4.splat(eps), LR = f32x4.splat(lrT), D = f32x4.splat(d), CD = f32x4.splat(cd);
  for (let i = 0; i < n; i += 4) {
    const gi = v128.load(at(g, i));
    const mi = f32x4.add(f32x4.mul(v128.load(at(m, i)), B1), f32x4.mul(gi, C1));
    const vi = f32x4.add(f32x4.mul(v128.load(at(v, i)), B2), f32x4.mul(f32x4.mul(gi, gi), C2));
    const wi = f32x4.sub(v128.load(at(w, i)), f32x4.mul(f32x4.div(mi, f32x4.add(f32x4.sqrt(vi), EPS)), LR));
    const ei = f32x4.add(f32x4.mul(v128.load(at(e, i)), D), f32x4.mul(wi, CD));
    v128.store(at(m, i), mi);
    v128.store(at(v, i), vi);
    v128.store(at(w, i), wi);
    v128.store(at(e, i), ei);
  }
}

/** Sum of |x| over n floats (float64): not finite exactly when some x is NaN or infinite. */
export function absSum(p: usize, n: i32): f64 {
  let s: f64 = 0;
  for (let i = 0; i < n; i++) s += <f64>Mathf.abs(load<f32>(at(p, i)));
  return s;
}

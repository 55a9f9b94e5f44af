// The project's one seeded generator (docs/math.md, "Determinism, inversion and interpolation"): xoshiro128** seeded through splitmix32.
// Every random number in core, model and engine comes from here; never the platform's or tfjs's own random functions.

function splitmix32(state: number): [number, number] {
  const s = (state + 0x9e3779b9) | 0;
  let z = s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [s, z >>> 0];
}

export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare: number | null = null;

  /** seed: any integer; stream: an independent sub-stream (e.g. 0 for x_T, 1 for the z's). */
  constructor(seed: number, stream = 0) {
    let st = (Math.trunc(seed) ^ Math.imul(Math.trunc(stream) + 1, 0x27d4eb2d)) | 0;
    const out: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [next, z] = splitmix32(st);
      st = next;
      out.push(z);
    }
    [this.s0, this.s1, this.s2, this.s3] = out;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Next 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 32 bits of resolution. */
  uniform(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Integer uniform in {0, ..., n-1}. */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Standard normal (Box-Muller; the second value of each pair is kept for the next call). */
  gaussian(): number {
    if (this.spare !== null) {
      const v = this.spare;
      this.spare = null;
      return v;
    }
    return this.boxMuller();
  }

  /** A new pair from two uniforms: returns the first value, keeps the second. */
  private boxMuller(): number {
    const u1 = 1 - this.uniform(); // (0, 1]: log stays finite
    const u2 = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spare = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  }

  /**
   * Moves on as k calls of gaussian() would, without computing the values: a pair of normals is
   * two 32-bit draws, so whole pairs cost two state updates and no log, sqrt, sin or cos (a pooled
   * sampling unit skips the other units' draws this way).
   */
  skipGaussians(k: number): void {
    if (k <= 0) return;
    if (this.spare !== null) {
      this.spare = null;
      k--;
    }
    this.skipUint32(2 * Math.floor(k / 2));
    if (k % 2 === 1) this.boxMuller(); // its second value is the next call's
  }

  /** Moves on as `count` calls of nextUint32() would: nextUint32's state update on locals. */
  private skipUint32(count: number): void {
    let { s0, s1, s2, s3 } = this;
    for (let i = 0; i < count; i++) {
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = rotl(s3, 11);
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }

  /** n standard normals into a new Float32Array. */
  gaussianArray(n: number): Float32Array {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = this.gaussian();
    return out;
  }

  /** n uniforms in [0, 1) into a new Float32Array. */
  uniformArray(n: number): Float32Array {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = this.uniform();
    return out;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Named sub-streams, so adding a new use of randomness never shifts an existing one. */
export const STREAM = { xT: 0, z: 1, init: 2, batch: 3, data: 4, reference: 5, endpoints: 6 } as const;

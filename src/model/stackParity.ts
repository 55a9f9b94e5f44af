// A workaround for a slowdown of tfjs-wasm's matrix products that depends only on where the native
// stack pointer lands (docs/tfjs-slowdown-notes.md): the network's predict on tfjs-wasm runs
// through it (src/model/network.ts). The wasm-simd kernel does not need it.

/**
 * The stack parity of tfjs-wasm predictions. XNNPACK's f32 gemm in tfjs-backend-wasm, as V8
 * compiles it, keeps v128 values in 16-byte stack slots addressed from the native stack pointer.
 * When the frames above it leave that pointer 8 bytes off 16-byte alignment, a hot slot can
 * straddle a 4 kB page boundary, and each pass of the gemm's inner loop pays a split access:
 * predict runs up to ~2x slower. Where the stack pointer lands moves each time V8 tiers up one of
 * the JS or wasm frames above the gemm, which is why the slowdown appears after some use and stays
 * (docs/tfjs-slowdown-notes.md). Calling through a spread with one filler argument moves every
 * frame below by 8 bytes, and one of the two parities is 16-byte aligned; so predict measures both
 * now and then and keeps the faster one.
 */
export class StackParity {
  /** Calls per cycle; the first TRIAL calls of each cycle alternate the parities. */
  static readonly CYCLE = 256;
  static readonly TRIAL = 8;
  private static readonly FILLERS: number[][] = [[], [0]];
  private chosen = 0;
  private calls = 0;
  private readonly best = [Infinity, Infinity];

  run<T>(work: () => T): T {
    const phase = this.calls++ % StackParity.CYCLE;
    const trial = phase < StackParity.TRIAL;
    const parity = trial ? phase & 1 : this.chosen;
    if (!trial) return withFiller(work, ...StackParity.FILLERS[parity]);
    if (phase === 0) this.best.fill(Infinity);
    const t0 = performance.now();
    const out = withFiller(work, ...StackParity.FILLERS[parity]);
    this.best[parity] = Math.min(this.best[parity], performance.now() - t0);
    if (phase === StackParity.TRIAL - 1) this.chosen = this.best[1] < this.best[0] ? 1 : 0;
    return out;
  }
}

let parityOn = true;

/** Turns the stack-parity workaround on or off (on by default; off only to measure it). */
export function setStackParity(on: boolean): void {
  parityOn = on;
}

export const stackParityOn = (): boolean => parityOn;

/** Calls work with the filler arguments on the stack below it (a spread call pushes each one). */
function withFiller<T>(work: () => T, ..._filler: number[]): T {
  return work();
}

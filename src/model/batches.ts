// The training batches of DDPM's objective (docs/math.md, "Training objective"): a data point x0,
// a timestep t and noise eps drawn from the seeded Rng, the input [x_t, emb(t)] with
// x_t = sqrt(abar_t) x0 + sqrt(1-abar_t) eps. The tfjs and kernel paths both draw here, so they
// train on exactly the same batches (docs/backends.md).
import { Rng, STREAM } from "../core/random";
import type { Schedule } from "../core/schedule";
import type { EpsNetwork } from "./network";

export class BatchStream {
  private readonly rng: Rng;
  private readonly sqrtAbar: Float64Array;
  private readonly sqrt1mAbar: Float64Array;

  /** data: training points in model coordinates (interleaved). */
  constructor(
    private readonly net: EpsNetwork,
    private readonly data: Float64Array,
    schedule: Schedule,
  ) {
    // A network loaded after k steps continues on a different, still seeded, batch stream.
    this.rng = new Rng(net.seed + net.trainSteps, STREAM.batch);
    this.sqrtAbar = schedule.abar.map(Math.sqrt);
    this.sqrt1mAbar = schedule.abar.map((a) => Math.sqrt(1 - a));
  }

  /**
   * Draws a batch of B rows into x (rows [x_t, emb(t)] of stride xStride from xOff; x_t computed
   * in float64, stored as float32) and eps (rows of stride epsStride from epsOff).
   */
  drawInto(
    B: number,
    x: Float32Array,
    xOff: number,
    xStride: number,
    eps: Float32Array,
    epsOff: number,
    epsStride: number,
  ): void {
    const n = this.data.length / 2;
    const T = this.net.problem.T;
    for (let i = 0; i < B; i++) {
      const j = this.rng.int(n);
      const t = this.rng.int(T);
      const e0 = this.rng.gaussian();
      const e1 = this.rng.gaussian();
      const row = xOff + i * xStride;
      x[row] = this.sqrtAbar[t] * this.data[2 * j] + this.sqrt1mAbar[t] * e0;
      x[row + 1] = this.sqrtAbar[t] * this.data[2 * j + 1] + this.sqrt1mAbar[t] * e1;
      x.set(this.net.embedding(t), row + 2);
      eps[epsOff + i * epsStride] = e0;
      eps[epsOff + i * epsStride + 1] = e1;
    }
  }

  /** Draws a batch of B rows: the noised inputs [B, 2+E] and the target eps [B, 2], both float32. */
  draw(B: number): { input: Float32Array; eps: Float32Array } {
    const d = 2 + this.net.config.embedDim;
    const input = new Float32Array(B * d);
    const eps = new Float32Array(2 * B);
    this.drawInto(B, input, 0, d, eps, 0, 2);
    return { input, eps };
  }
}

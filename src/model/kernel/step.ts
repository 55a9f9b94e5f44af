// One training step on the kernel (docs/backends.md, "The wasm-simd kernel", "Two threads"): the
// batch in two fixed slices, each with its own buffers and gradient, the second on a helper thread
// when there is one; the gradients added, then Adam + EMA over the flat parameter buffer and the
// transposed weights for the next step's backward pass. This file also owns the helper thread's
// life (started on first need, or ahead of training by startThreads).
import { settleWithin } from "../../core/wait";
import { backpropRows } from "./backprop";
import type { KernelExports, LayerShape, SliceBuffers, StepPlan } from "./layout";
import { type HelperHandle, Team } from "./team";

/** The kernel built for shared memory, and how to start a helper thread on it. */
export interface Threading {
  module: WebAssembly.Module;
  makeHelper: () => HelperHandle;
}

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

/** Batches smaller than this run on one thread (the hand-over would cost more than it saves). */
const TEAM_MIN_BATCH = 64;

/** Byte pointers of the buffers a step updates: weights, gradient, Adam moments, EMA. */
export interface StepBuffers {
  raw: number;
  grad: number;
  m: number;
  v: number;
  ema: number;
}

/** Writes every layer's W transposed (for the backward pass) from the raw weights. */
export function transposeWeights(k: KernelExports, layers: LayerShape[], raw: number): void {
  for (const l of layers) k.transpose(raw + l.w * 4, l.wt, l.K, l.N, l.Np, l.Kp);
}

export class TrainingStep {
  private team: Team | null = null;
  /** Why no helper thread could be made, once that failed. */
  private noTeam: string | null = null;

  /**
   * slices: rows [0, ceil(B/2)) and the rest. The split does not depend on the thread count, so
   * one thread and two give the same bits (docs/backends.md, "Two threads").
   * ctl: byte pointer of the team's control block; threads: null for one thread.
   */
  constructor(
    private readonly k: KernelExports,
    private readonly plan: StepPlan,
    private readonly buffers: StepBuffers,
    private readonly slices: [SliceBuffers, SliceBuffers],
    private readonly ctl: number,
    private readonly threads: Threading | null,
  ) {}

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

  /** See KernelNet.startThreads. */
  async startThreads(ms: number): Promise<number> {
    const team = this.makeTeam();
    if (!team) return 1;
    await settleWithin(team.up, ms);
    return this.trainingThreads();
  }

  /** How many threads train now (2 once the helper thread is up). */
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

  /**
   * One step on the batch of B rows at byte pointers x (inputs) and eps (targets); returns the
   * loss mean_b ||eps - eps_theta||^2.
   */
  run(B: number, x: number, eps: number, c: StepConstants): number {
    const k = this.k;
    const { raw, grad } = this.buffers;
    const size = this.plan.size;
    const invB = Math.fround(1 / B);
    const half = Math.ceil(B / 2);
    const [s0, s1] = this.slices;
    if (B >= TEAM_MIN_BATCH) this.makeTeam();
    const shared = B > half && B >= TEAM_MIN_BATCH && this.team?.start(x, eps, half, B, invB);
    let total = backpropRows(k, this.plan, s0, x, eps, 0, half, invB);
    if (shared) total += (this.team as Team).finish();
    else if (B > half) total += backpropRows(k, this.plan, s1, x, eps, half, B, invB);
    if (B > half) k.addInto(grad, s1.grad, size);
    const { m, v, ema } = this.buffers;
    k.adam(raw, grad, m, v, ema, size, c.b1, c.c1, c.b2, c.c2, c.eps, c.lrT, c.d, c.cd);
    transposeWeights(k, this.plan.layers, raw);
    return total / B;
  }
}

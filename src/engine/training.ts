// The training loop: chunks of steps sized by measured time to ~75 ms (the first chunk is one
// step, so even the largest network, seconds per step, reports and answers between steps), a yield
// to the event loop between chunks (so pause/resume/stop and liveness pings get through within one
// chunk), and divergence detection; the trainer keeps the last good chunk to restore.
import type { SavedNetwork, TrainProgress } from "./api";

/** What the loop needs from a trainable network. */
export interface Trainable {
  /** Runs `steps` training steps; losses are read back once, at the end of the chunk. */
  runChunk(steps: number): { losses: Float32Array; diverged: boolean; message?: string };
  /** Back to the weights after the last good chunk (the trainer checkpoints after each one). */
  restore(): void;
  trainSteps(): number;
}

/** A loss above this is "exploding": eps has unit variance per coordinate, so a sane loss is ~0.1-2. */
export const EXPLODING_LOSS = 1e3;
export const CHUNK_MS = 75;
/** One step: a network that takes seconds per step must still report (and beat) after each one. */
export const CHUNK_MIN = 1;
export const CHUNK_MAX = 500;

/** Shown as is by the page, which keeps the run paused at that chunk (Resume goes on from it). */
export const DIVERGED_MESSAGE =
  "Training diverged (the loss became NaN or exploded), so it was paused and the weights of the last " +
  "good chunk were restored. Lower the learning rate (e.g. 10x smaller) and press Resume to go on from there.";

const yieldToEvents = () => new Promise<void>((r) => setTimeout(r, 0));

export function lossesDiverged(losses: Float32Array): boolean {
  for (const l of losses) if (!Number.isFinite(l) || l > EXPLODING_LOSS) return true;
  return false;
}

export class TrainLoop {
  private pauseRequested = false;
  private stopRequested = false;
  private wake: (() => void) | null = null;
  private active = false;

  /** Fixed chunk size (steps) or adaptive (undefined). */
  constructor(private readonly fixedChunk?: number) {}

  get running(): boolean {
    return this.active;
  }

  pause(): void {
    if (this.active) this.pauseRequested = true;
  }

  resume(): void {
    this.pauseRequested = false;
    this.wake?.();
  }

  stop(): void {
    if (!this.active) return;
    this.stopRequested = true;
    this.wake?.();
  }

  /** Waits until a running loop has finished (used before swapping the network). */
  async stopAndWait(): Promise<void> {
    this.stop();
    while (this.active) await yieldToEvents();
  }

  async run(net: Trainable, target: number, onProgress: (p: TrainProgress) => void): Promise<TrainProgress> {
    if (this.active) throw new Error("training is already running: pause, resume or stop it first");
    this.active = true;
    this.pauseRequested = false;
    this.stopRequested = false;
    let chunk = this.fixedChunk ?? 1;
    let done = 0;
    let stepsPerSecond = 0;
    const progress = (
      state: TrainProgress["state"],
      losses: Float32Array = new Float32Array(0),
      message?: string,
    ) => {
      const p: TrainProgress = {
        step: net.trainSteps(),
        target,
        runStep: done,
        runTarget: target,
        losses,
        stepsPerSecond,
        state,
      };
      if (message) p.message = message;
      return p;
    };
    try {
      while (done < target) {
        if (this.stopRequested) break;
        if (this.pauseRequested) {
          onProgress(progress("paused"));
          await new Promise<void>((r) => {
            this.wake = r;
          });
          this.wake = null;
          continue;
        }
        const steps = Math.min(chunk, target - done);
        const t0 = performance.now();
        const { losses, diverged, message } = net.runChunk(steps);
        const ms = Math.max(performance.now() - t0, 1e-3);
        if (diverged || lossesDiverged(losses)) {
          net.restore();
          const p = progress(
            "diverged",
            losses,
            message ? `${DIVERGED_MESSAGE} (${message})` : DIVERGED_MESSAGE,
          );
          onProgress(p);
          return p;
        }
        done += steps;
        stepsPerSecond = (1000 * steps) / ms;
        if (this.fixedChunk === undefined) {
          chunk = Math.round(Math.min(CHUNK_MAX, Math.max(CHUNK_MIN, (steps * CHUNK_MS) / ms)));
        }
        onProgress(progress(done < target ? "running" : "done", losses));
        await yieldToEvents();
      }
      const final = progress(done < target ? "stopped" : "done");
      if (final.state === "stopped") onProgress(final);
      return final;
    } finally {
      this.active = false;
    }
  }
}

/** A running training run hands out a checkpoint (the saved network) at most this often. */
export const CHECKPOINT_MS = 3000;

/**
 * Progress with the saved network riding along: at every pause and end of the run, and every
 * CHECKPOINT_MS while running, so the page always holds the last good chunk to restore after a
 * crash and never has to ask for a save (docs/architecture.md).
 */
export function withCheckpoints(
  save: () => SavedNetwork,
  onProgress: (p: TrainProgress) => void,
): (p: TrainProgress) => void {
  let last = performance.now();
  return (p) => {
    const now = performance.now();
    if (p.state !== "running" || now - last >= CHECKPOINT_MS) {
      last = now;
      p.checkpoint = save();
    }
    onProgress(p);
  };
}

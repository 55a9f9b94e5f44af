// The training loop: chunks sized by measured time starting from one step (a network that takes
// seconds per step reports after its first step, so liveness checks never see a long silence), and
// run progress that never passes the run's target even on a network trained before.
import { describe, expect, it } from "vitest";
import type { TrainProgress } from "../../src/engine/api";
import { CHUNK_MS, type Trainable, TrainLoop } from "../../src/engine/training";

/** A stand-in network whose steps take `msPerStep` of busy time. */
function slowNet(msPerStep: number, steps0 = 0) {
  const chunks: number[] = [];
  let steps = steps0;
  const net: Trainable = {
    runChunk(n) {
      chunks.push(n);
      const end = performance.now() + n * msPerStep;
      while (performance.now() < end) {
        // busy, as a real chunk is
      }
      steps += n;
      return { losses: new Float32Array(n).fill(0.5), diverged: false };
    },
    restore() {},
    trainSteps: () => steps,
  };
  return { net, chunks };
}

describe("training loop", () => {
  it("starts with one step and sizes chunks to ~CHUNK_MS by measured time", async () => {
    const { net, chunks } = slowNet(30);
    await new TrainLoop().run(net, 40, () => {});
    expect(chunks[0]).toBe(1);
    // 30 ms a step: about CHUNK_MS / 30 = 2-3 steps a chunk afterwards, never the old fixed 25.
    expect(Math.max(...chunks)).toBeLessThanOrEqual(Math.ceil((2 * CHUNK_MS) / 30));
    expect(chunks.reduce((a, b) => a + b, 0)).toBe(40);
  });

  it("a step longer than a chunk's time gives one-step chunks (no minimum of several steps)", async () => {
    const { net, chunks } = slowNet(2 * CHUNK_MS);
    await new TrainLoop().run(net, 6, () => {});
    expect(chunks).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it("run progress counts this run only: runStep never exceeds runTarget", async () => {
    const { net } = slowNet(0, 2000);
    const seen: TrainProgress[] = [];
    const final = await new TrainLoop(50).run(net, 300, (p) => seen.push(p));
    expect(seen.every((p) => (p.runStep ?? 0) <= (p.runTarget ?? 0) && p.runTarget === 300)).toBe(true);
    expect(final.runStep).toBe(300);
    expect(final.step).toBe(2300);
  });
});

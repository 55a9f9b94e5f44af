// What the worker and the page agree on besides the Engine methods (docs/architecture.md):
// which results are transferred, and the notices the worker posts on its own (a call started,
// still alive). Shared by src/engine/worker.ts and the supervisor, and testable without a worker.
import type { EngineWithControl } from "./control";
import { transferablesOf } from "./transfer";

export type WorkerNotice =
  /** The worker began its n-th call (counting every method call since it started, from 1). */
  | { ddimLab: "started"; n: number }
  /** Still alive in the middle of long work. */
  | { ddimLab: "beat" };

export function isNotice(data: unknown): data is WorkerNotice {
  const d = data as { ddimLab?: unknown } | null;
  return typeof d === "object" && d !== null && (d.ddimLab === "started" || d.ddimLab === "beat");
}

/**
 * The engine's methods, each wrapped to announce its call as it starts; results marked `fresh`
 * (built for this call) are transferred to the page instead of copied. One typed entry per
 * method: a method missing here, or of the wrong type, fails the type check.
 */
export function exposedTable(
  engine: EngineWithControl,
  hooks: { started(n: number): void; transfer<T>(result: T, buffers: ArrayBuffer[]): T },
): EngineWithControl {
  let calls = 0;
  const plain =
    <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
    (...a: A): Promise<R> => {
      hooks.started(++calls);
      return fn(...a);
    };
  const fresh =
    <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      hooks.started(++calls);
      const result = await fn(...a);
      return hooks.transfer(result, transferablesOf(result));
    };
  const e = engine;
  return {
    setBackend: plain(e.setBackend),
    ping: plain(e.ping),
    numTensors: plain(e.numTensors),
    stats: plain(e.stats),
    dispose: plain(e.dispose),
    init: plain(e.init),
    loadNetwork: plain(e.loadNetwork),
    saveNetwork: plain(e.saveNetwork),
    networkStamp: plain(e.networkStamp),
    referenceStats: plain(e.referenceStats),
    handReference: plain(e.handReference),
    referenceSource: plain(e.referenceSource),
    setData: plain(e.setData),
    info: plain(e.info),
    train: plain(e.train),
    pause: plain(e.pause),
    resume: plain(e.resume),
    stop: plain(e.stop),
    sample: fresh(e.sample),
    sampleMany: fresh(e.sampleMany),
    sampleUnit: fresh(e.sampleUnit),
    qualityOf: fresh(e.qualityOf),
    predictEps: fresh(e.predictEps),
    invert: fresh(e.invert),
    interpolate: fresh(e.interpolate),
  };
}

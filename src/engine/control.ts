// What the engine offers beyond the page's Engine contract (src/engine/api.ts): the calls the
// worker client, the sampling pool and the supervisor make (backend, liveness, pooled units,
// saving), and the options createEngine takes (src/engine/engine.ts).
import type {
  DataInfo,
  DataInput,
  Engine,
  PredictEpsRequest,
  PredictEpsResult,
  SampleResult,
  SavedNetwork,
} from "./api";
import type { BackendName, ModelLayer } from "./network";
import type { SharedReference } from "./reference";
import type { SampleUnit, UnitResult } from "./units";

export interface EngineOptions {
  /** Where the browser finds the tfjs .wasm files (vite ?url imports); Node needs none. */
  wasmPaths?: Record<string, string>;
  /** Fixed training chunk size in steps (default: adaptive, ~75 ms per chunk). */
  chunkSteps?: number;
  /** The tfjs side; tests may pass a stand-in. */
  model?: ModelLayer;
  /** Told, at most every BEAT_MS, that long work is still going (the worker's liveness notice). */
  beat?: () => void;
}

/** How often long work says it is alive; the supervisor's silence limit is several times this. */
export const BEAT_MS = 1000;

/** Extra members beyond the UI contract: backend choice and liveness for the client. */
export interface EngineWithControl extends Engine {
  setData(data: DataInput): Promise<DataInfo>;
  saveNetwork(): Promise<SavedNetwork>;
  predictEps(req: PredictEpsRequest): Promise<PredictEpsResult>;
  /** One unit of pooled sampling (src/engine/pool.ts). */
  sampleUnit(unit: SampleUnit): Promise<UnitResult>;
  /** The quality figures and the non-finite warning of merged pooled samples (raw units). */
  qualityOf(samples: Float32Array): Promise<Pick<SampleResult, "quality" | "warning">>;
  /** The quality reference's stats for the current data set (built now if not yet). */
  referenceStats(): Promise<SharedReference>;
  /** Another worker's reference stats: used instead of building them when the data set matches. */
  handReference(shared: SharedReference): Promise<void>;
  /** Whether the current data set's reference is built, and how (tests and benches). */
  referenceSource(): Promise<"none" | "built" | "handed">;
  /** Changes whenever the network's weights may have changed (pool workers reload on a change). */
  networkStamp(): Promise<string>;
  setBackend(name: BackendName): Promise<string>;
  ping(): Promise<"pong">;
  /** Live tfjs tensors (tests and the leak soak). */
  numTensors(): Promise<number>;
  /** Live tensors and the JS heap of this thread (Chromium and Node only; null elsewhere). */
  stats(): Promise<EngineStats>;
  dispose(): Promise<void>;
}

export interface EngineStats {
  numTensors: number;
  heapBytes: number | null;
}

/** This thread's figures; the heap after a full GC only where the runtime has --expose-gc (the soak). */
export function threadStats(numTensors: number): EngineStats {
  (globalThis as { gc?: () => void }).gc?.();
  const perf = performance as Performance & { memory?: { usedJSHeapSize: number } };
  const heap =
    perf.memory?.usedJSHeapSize ??
    (typeof process !== "undefined" && process.memoryUsage ? process.memoryUsage().heapUsed : null);
  return { numTensors, heapBytes: heap };
}

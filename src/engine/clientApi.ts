// The page's side of the engine: what the worker client (src/engine/client.ts) offers beyond the
// Engine contract, the status events it sends the page, and how it is set up.
import type {
  DataInfo,
  DataInput,
  Engine,
  PredictEpsRequest,
  PredictEpsResult,
  SampleResult,
  SamplesOnly,
  SavedNetwork,
} from "./api";
import type { EngineStats } from "./control";
import type { BackendName } from "./network";
import type { PooledRequest } from "./pool";
import type { Limits } from "./supervisor";

/** A status message for the page. `backend` is set on a fallback: the backend now in use. */
export interface EngineEvent {
  kind: "restarted" | "fallback" | "error";
  message: string;
  backend?: string;
  /** On a restart: the training steps of the network brought back (null: none could be). */
  restoredSteps?: number | null;
}

export interface EngineClient extends Engine {
  setData(data: DataInput): Promise<DataInfo>;
  predictEps(req: PredictEpsRequest): Promise<PredictEpsResult>;
  saveNetwork(): Promise<SavedNetwork>;
  /** Sampling, per call; a newer call on the same lane rejects this one (see isCancelled). */
  sample(req: PooledRequest & { quality: false }): Promise<SamplesOnly>;
  sample(req: PooledRequest): Promise<SampleResult>;
  /** Status messages for the page (worker restarted, backend fell back, ...). Returns unsubscribe. */
  onEvent(listener: (e: EngineEvent) => void): () => void;
  /** The backend the current worker runs on ("wasm", "cpu", ...), once started. */
  backend(): Promise<string>;
  /** Live tensors and JS heap inside the worker (tests and the leak soak). */
  debugStats(): Promise<EngineStats>;
  /** Test hook: kills the worker as a crash would (no error event, like a real termination). */
  debugTerminate(): void;
  dispose(): void;
}

export interface ClientOptions {
  backend?: BackendName;
  /** Time limits in ms. */
  limits?: Partial<Limits>;
  /** For tests: how to create a worker. */
  createWorker?: () => Worker;
  /** Sampling workers including the main one (default 1 + min(hardwareConcurrency - 1, 4), >= 1). */
  poolSize?: number;
  /** The longest an interpolation waits for the sampling calls already in the pool (ms; 1500). */
  interpolationWaitMs?: number;
}

// The engine's view of the tfjs side (src/model): one small interface, so the engine and its
// tests do not depend on the model's internals.
import type { NetworkConfig, ProblemConfig } from "../core/config";
import type { Dataset } from "../core/data";
import type { Problem } from "../core/experiment";
import type { NoisePredictor } from "../core/types";
import type { EngineSettings } from "./api";
import type { Trainable } from "./training";

export type BackendName = "wasm" | "cpu" | "webgl";

export interface EngineNetwork extends Trainable {
  readonly config: NetworkConfig;
  readonly problem: ProblemConfig;
  lossHistory(): Float32Array;
  predictor(useEma: boolean): NoisePredictor;
  /** The versioned plain-JSON save of the network (a complete experiment). */
  save(): unknown;
  dispose(): void;
}

export interface ModelLayer {
  /** Activates a backend; returns the one actually active (cpu when the chosen one fails). */
  setupBackend(name: BackendName, wasmPaths?: Record<string, string>): Promise<string>;
  numTensors(): number;
  createNetwork(settings: EngineSettings, problem: Problem, dataset: Dataset): EngineNetwork;
  /** Throws an Error with a clear message when `saved` is not a valid network file. */
  networkFromSaved(saved: unknown, dataset: Dataset): EngineNetwork;
}

const unavailable = (): never => {
  throw new Error("the trained network is not available in this build yet");
};

export const modelLayer: ModelLayer = {
  setupBackend: async () => "none",
  numTensors: () => 0,
  createNetwork: unavailable,
  networkFromSaved: unavailable,
};

// The engine's view of the tfjs side (src/model): one small interface, so the engine and its
// tests do not depend on the model's internals.
import type { NetworkConfig, ProblemConfig, TrainConfig } from "../core/config";
import type { Dataset } from "../core/data";
import { makeProblem, type Problem } from "../core/experiment";
import type { NoisePredictor } from "../core/types";
import {
  computeLabel,
  createNetwork,
  createTrainer,
  type EpsNetwork,
  networkFromSaved,
  numTensors,
  type SavedNetwork,
  saveNetwork,
  setupBackend,
  type Trainer,
} from "../model";
import type { EngineSettings } from "./api";
import type { Trainable } from "./training";

export type BackendName = "wasm" | "cpu" | "webgl";

export interface EngineNetwork extends Trainable {
  readonly config: NetworkConfig;
  readonly problem: ProblemConfig;
  lossHistory(): Float32Array;
  predictor(useEma: boolean): NoisePredictor;
  /** The versioned plain-JSON save of the network (a complete experiment). */
  save(): SavedNetwork;
  /** Gets a second training thread ready where it can run (optional: stand-ins need not). */
  prepareTraining?(): Promise<void>;
  /** "2 threads" or "1 thread (why)" when the kernel trains, else null. */
  trainingThreads?(): string | null;
  /** New learning rate, batch size or EMA decay for the next training run. */
  setKnobs(knobs: TrainKnobs): void;
  dispose(): void;
}

export type TrainKnobs = Pick<TrainConfig, "lr" | "batch" | "emaDecay">;

export interface ModelLayer {
  /** Activates a backend; returns the one actually active (cpu when the chosen one fails). */
  setupBackend(name: BackendName, wasmPaths?: Record<string, string>): Promise<string>;
  numTensors(): number;
  /** What computes: "wasm-simd kernel" when the model's kernel is active, else the tfjs backend. */
  computeLabel?(): string;
  createNetwork(settings: EngineSettings, problem: Problem): EngineNetwork;
  /** Throws an Error with a clear message when `saved` is not a valid network file. */
  networkFromSaved(saved: unknown, dataset: Dataset, knobs: TrainKnobs): EngineNetwork;
}

/** The network with its trainer: the engine's only handle on tfjs state. */
class TrainedNetwork implements EngineNetwork {
  private trainer: Trainer;

  constructor(
    readonly net: EpsNetwork,
    private readonly problemOf: Problem,
    private knobs: TrainKnobs,
  ) {
    this.trainer = createTrainer(net, problemOf, knobs);
  }

  get config(): NetworkConfig {
    return this.net.config;
  }
  get problem(): ProblemConfig {
    return this.net.problem;
  }

  /** lr changes in place; batch or EMA decay need a new trainer (Adam state starts afresh). */
  setKnobs(knobs: TrainKnobs): void {
    if (knobs.batch !== this.knobs.batch || knobs.emaDecay !== this.knobs.emaDecay) {
      this.trainer.dispose();
      this.trainer = createTrainer(this.net, this.problemOf, knobs);
    }
    this.trainer.lr = knobs.lr;
    this.knobs = knobs;
  }
  prepareTraining(): Promise<void> {
    return this.net.prepareTraining();
  }
  trainingThreads(): string | null {
    return this.net.trainingThreads();
  }
  runChunk(steps: number) {
    const r = this.trainer.runChunk(steps);
    return { losses: r.losses, diverged: r.diverged, message: r.message };
  }
  restore(): void {
    this.trainer.restore();
  }
  trainSteps(): number {
    return this.net.trainSteps;
  }
  lossHistory(): Float32Array {
    return Float32Array.from(this.net.lossHistory);
  }
  predictor(useEma: boolean): NoisePredictor {
    return this.net.predictor(useEma);
  }
  save(): SavedNetwork {
    return saveNetwork(this.net);
  }
  dispose(): void {
    this.trainer.dispose();
    this.net.dispose();
  }
}

export const modelLayer: ModelLayer = {
  setupBackend: (name, wasmPaths) => setupBackend(name, { wasmPaths }),
  numTensors,
  computeLabel,
  createNetwork(settings, problem) {
    return new TrainedNetwork(
      createNetwork(problem, settings.network, settings.train.seed),
      problem,
      settings.train,
    );
  },
  networkFromSaved(saved, dataset, knobs) {
    // With the data set, the file's standardiser is checked against it (a file made for other data
    // is refused with a clear message rather than sampling in the wrong units).
    const r = networkFromSaved(saved, dataset);
    if (!r.ok) throw new Error(r.error);
    return new TrainedNetwork(r.value, makeProblem(dataset, r.value.problem), knobs);
  },
};

// The model layer: the only place that imports tfjs (through ./tf.ts, which picks its packages).
// Everything it hands out is plain data or plain functions (NoisePredictor), never a tensor.
import type { NetworkConfig, TrainConfig } from "../core/config";
import type { Problem } from "../core/experiment";
import { EpsNetwork } from "./network";
import { Trainer, type TrainerOptions } from "./trainer";

export {
  activeBackend,
  type BackendName,
  type BackendOptions,
  computeLabel,
  numTensors,
  setupBackend,
} from "./backend";
export {
  KERNEL_LABEL,
  kernelActive,
  kernelFailure,
  loadKernel,
  preferKernel,
  simdSupported,
} from "./kernel/load";
export { KernelNet, TILE } from "./kernel/net";
export type { DenseKind } from "./layers";
export { EpsNetwork, initialWeights, type NetworkMeta, type TrainSettings, weightShapes } from "./network";
export {
  decodeFloat32,
  encodeFloat32,
  networkFromSaved,
  SAVED_FORMAT,
  SAVED_VERSION,
  type SavedNetwork,
  saveNetwork,
} from "./saved";
export { type ChunkResult, DEFAULT_DIVERGENCE_LOSS, Trainer, type TrainerOptions } from "./trainer";

/** A freshly initialised network for a problem (weights from the seed's init stream). */
export function createNetwork(problem: Problem, config: NetworkConfig, seed: number): EpsNetwork {
  return new EpsNetwork({
    config,
    problem: problem.config,
    standardizer: problem.standardizer,
    dataset: problem.dataset.name,
    seed,
  });
}

/** A trainer on the problem's training points (model coordinates) with the given knobs. */
export function createTrainer(
  net: EpsNetwork,
  problem: Problem,
  train: Pick<TrainConfig, "lr" | "batch" | "emaDecay">,
  extra: Partial<TrainerOptions> = {},
): Trainer {
  return new Trainer(net, problem.modelPoints, problem.schedule, { ...train, ...extra });
}

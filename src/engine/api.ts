// The contract between the dashboard and the worker. Plain data only: the UI never sees a tensor.
// Every request is validated by the engine with the schemas of core/config before use.
import type { NetworkConfig, ProblemConfig, SamplerConfig, TrainConfig } from "../core/config";
import type { PathKind } from "../core/interpolate";
import type { Quality } from "../core/metrics";
import type { Mixture2D, Spacing } from "../core/types";

/**
 * The lab's data set as the engine needs it: raw-unit points and the exact mixture where one is
 * known (null: the perfect network is the empirical one, quality compares with the points).
 */
export interface DataInput {
  points: Float32Array;
  mixture: Mixture2D | null;
  label: string;
}

/** What the engine now trains on and measures against (docs/math.md, "The perfect network"). */
export interface DataInfo {
  label: string;
  fingerprint: string;
  n: number;
  /** "oracle" where the exact mixture is known, "empirical" (memorising) otherwise. */
  perfect: "oracle" | "empirical";
  standardizer: { mean: [number, number]; std: [number, number] };
}

/** The refusal to sample with a network trained on other data (the page offers to train). */
export const OTHER_DATA =
  "this network was trained on a different data set; train a network on the current data (press Train) to sample with it";

/** True for the error a sample call rejects with when the network belongs to other data. */
export function isOtherDataError(e: unknown): boolean {
  return e instanceof Error ? e.message.includes(OTHER_DATA) : String(e).includes(OTHER_DATA);
}

import type { SavedNetwork } from "../model/saved";

export type { SavedNetwork };

/** Which noise predictor a sampler uses. */
export type ModelChoice = "network" | "oracle" | "empirical";

export interface EngineSettings {
  problem: ProblemConfig;
  network: NetworkConfig;
  train: TrainConfig;
  /** The data to train on; when absent, the engine's current data (setData; the course's set at first). */
  data?: DataInput;
}

export interface TrainProgress {
  /** Total training steps done so far on this network. */
  step: number;
  /** Steps requested by the current run. */
  target: number;
  /** Steps done by the current run, 0..runTarget (a readout of the run never passes its target). */
  runStep?: number;
  /** Steps requested by the current run (= target). Both always set by the engine; optional for test stand-ins. */
  runTarget?: number;
  /** Loss of each step of the chunk just finished. */
  losses: Float32Array;
  stepsPerSecond: number;
  /** How many threads train: "2 threads", or "1 thread (why)"; absent when tfjs trains. */
  threads?: string;
  state: "running" | "paused" | "stopped" | "done" | "diverged";
  message?: string;
  /**
   * The network as saved after this chunk: on every pause, stop, divergence and at the end of a
   * run, and every few seconds while running. The client keeps the latest to restore after a crash.
   */
  checkpoint?: SavedNetwork;
}

export interface SampleRequest {
  sampler: SamplerConfig;
  model: ModelChoice;
  /** Number of points; ignored when xT is given. */
  n: number;
  /** Seed of x_T (when xT is not given) and of the z's. */
  seed: number;
  /** Optional x_T in model coordinates, interleaved. */
  xT?: Float32Array;
  /** Record the run: every x_t and x0Hat of every point, raw units (see SampleResult.trajectory). */
  trajectory?: boolean;
  /** Record only the first `trajectoryPoints` points (implies trajectory). */
  trajectoryPoints?: number;
  /**
   * false: skip the quality figures (docs/math.md, "Quality figures"), about three quarters of a
   * small run's cost (the training panel's live preview needs only the points). The result then
   * has no `quality`; the non-finite warning is still given. Default: computed.
   */
  quality?: boolean;
  /**
   * Scheduling lane (the client's pool): a newer call on the same lane rejects this one with an
   * error for which isCancelled() (src/engine/client.ts) is true, and its remaining work is dropped.
   */
  lane?: string;
}

/**
 * A recorded sampling run, raw units, interleaved, frame-major: frame f, point p at [2 (f n + p)].
 * x has S+1 frames (frame 0 = x_T, frame S = the samples); x0Hat has S frames (the clean-data guess
 * the step used). One Float32Array per field, transferred to the page, not copied.
 */
export interface Trajectory {
  x: Float32Array;
  x0Hat: Float32Array;
  frames: number;
  n: number;
}

export interface PredictEpsRequest {
  /** Points in raw units, interleaved. */
  points: Float32Array;
  /** Timestep index, 0..T-1. */
  t: number;
  model: ModelChoice;
}

export interface PredictEpsResult {
  /** eps_hat at each point, model coordinates, interleaved. */
  eps: Float32Array;
}

export interface SampleResult {
  /** Samples in raw units, interleaved. */
  samples: Float32Array;
  grid: number[];
  nfe: number;
  ms: number;
  quality: Quality;
  /** The recorded run, when the request asked for it. */
  trajectory?: Trajectory;
  /** Set when some samples are NaN/Inf: they are reported, not drawn. */
  warning?: string;
}

/** The result of a request with `quality: false`: the samples without the quality figures. */
export type SamplesOnly = Omit<SampleResult, "quality"> & { quality?: Quality };

export interface InterpolateRequest {
  /** Endpoints in model coordinates (2 numbers each) or, when omitted, drawn from seed. */
  za?: [number, number][];
  zb?: [number, number][];
  seed: number;
  /** Points per endpoint (how many independent paths are drawn). */
  n: number;
  frames: number;
  path: PathKind;
  steps: number;
  model: ModelChoice;
}

export interface InterpolateResult {
  /** frames x n points of noise (model coords), interleaved. */
  noise: Float32Array;
  /** frames x n decoded points (raw units), interleaved. */
  decoded: Float32Array;
  /** |z(u)| of each frame for the slerp and the lerp path (norm over all n points). */
  normSlerp: Float32Array;
  normLerp: Float32Array;
  u: Float32Array;
  ms: number;
}

export interface InvertRequest {
  /** Points in raw units, interleaved. */
  points: Float32Array;
  steps: number;
  model: ModelChoice;
  /** Grid spacing of the inversion and of the decode; default "trailing". */
  spacing?: Spacing;
}

export interface InvertResult {
  /** Latents in model coordinates. */
  latents: Float32Array;
  /** Decoded back with DDIM eta=0 on the same grid, raw units. */
  reconstructed: Float32Array;
  rmse: number;
}

export interface NetworkInfo {
  config: NetworkConfig;
  problem: ProblemConfig;
  trainSteps: number;
  /** "pretrained" for the shipped network, "user" once trained here, "file" when loaded. */
  origin: "pretrained" | "user" | "file" | "fresh";
  backend: string;
  lossHistory: Float32Array;
  /**
   * Fingerprint of the data the network was trained on (core/datasets dataFingerprint). The
   * engine always sets it; optional so stand-in engines of older tests still type-check.
   */
  dataFingerprint?: string;
}

export interface Engine {
  init(settings: EngineSettings): Promise<NetworkInfo>;
  /**
   * Loads a saved network (the JSON of a file or of the shipped pretrained network). A bad file
   * rejects with a clear message and the current network stays. origin defaults to "file".
   */
  loadNetwork(saved: unknown, origin?: "pretrained" | "file" | "user"): Promise<NetworkInfo>;
  /** The saved network (typed SavedNetwork on the engine and its client; unknown here for test stand-ins). */
  saveNetwork(): Promise<unknown>;
  info(): Promise<NetworkInfo>;
  /**
   * Makes `data` the lab's data set: the oracle, the quality reference and the next init follow it.
   * The network stays; sampling with it is refused while it was trained on other data.
   * The engine and its client implement it; optional only for stand-in engines of older tests.
   */
  setData?(data: DataInput): Promise<DataInfo>;
  /**
   * Trains `steps` more steps in chunks. `knobs` changes the learning rate, batch size or EMA
   * decay from this run on (a new batch size or decay restarts Adam's moments).
   */
  train(
    steps: number,
    onProgress: (p: TrainProgress) => void,
    knobs?: Partial<Pick<TrainConfig, "lr" | "batch" | "emaDecay">>,
  ): Promise<TrainProgress>;
  pause(): Promise<void>;
  /** Resumes a paused run; knobs changed while paused apply from the next chunk on. */
  resume(knobs?: Partial<Pick<TrainConfig, "lr" | "batch" | "emaDecay">>): Promise<void>;
  stop(): Promise<void>;
  sample(req: SampleRequest & { quality: false }): Promise<SamplesOnly>;
  sample(req: SampleRequest): Promise<SampleResult>;
  sampleMany(reqs: SampleRequest[]): Promise<SampleResult[]>;
  invert(req: InvertRequest): Promise<InvertResult>;
  /**
   * The noise predictor at one t over given points (the field view). The engine and its client
   * always have it; optional only so that hand-written test stand-ins of Engine stay valid.
   */
  predictEps?(req: PredictEpsRequest): Promise<PredictEpsResult>;
  interpolate(req: InterpolateRequest): Promise<InterpolateResult>;
}

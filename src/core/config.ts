// The one typed settings schema (zod): every value from a control, the URL, a file, the CLI or
// an engine call is validated here, and the error message names the setting and what is allowed.
import { z } from "zod";
import { T_MAX, T_MIN } from "./schedule";

export const SAMPLER_KINDS = ["ddim", "ddpm", "euler", "heun", "dpmpp2m"] as const;
export const SPACINGS = ["leading", "trailing", "linspace"] as const;
export const SCHEDULE_KINDS = ["linear", "cosine"] as const;
export const UNITS = ["standardized", "raw"] as const;
export const VARIANCES = ["small", "large"] as const;
export const BACKENDS = ["wasm", "cpu", "webgl"] as const;
export const ACTIVATIONS = ["silu", "relu", "gelu", "tanh"] as const;
export const PATH_KINDS = ["slerp", "lerp"] as const;

export const N_MAX = 20000;
/** One cap on points from any input (sample size, noise files, sample files): the quality figures are quadratic in n. */
export const MAX_POINTS = N_MAX;
/** One cap on every file read (network, session, noise, samples): the largest network with 200,000 steps of history is 28.6 MB. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
export const SEED_MAX = 2 ** 31 - 1;

const int = (name: string, min: number, max: number) =>
  z
    .number({ error: `${name} must be a number` })
    .int({ error: `${name} must be a whole number from ${min} to ${max}` })
    .min(min, { error: `${name} must be from ${min} to ${max}` })
    .max(max, { error: `${name} must be from ${min} to ${max}` });

const real = (name: string, min: number, max: number) =>
  z
    .number({ error: `${name} must be a number` })
    .refine(Number.isFinite, { error: `${name} must be a finite number` })
    .refine((v) => v >= min && v <= max, { error: `${name} must be from ${min} to ${max}` });

const oneOf = <T extends readonly [string, ...string[]]>(name: string, values: T) =>
  z.enum(values, { error: `${name} must be one of ${values.join(", ")}` });

/** The forward process and coordinates the model lives in. */
export const ProblemSchema = z.object({
  T: int("T", T_MIN, T_MAX),
  schedule: oneOf("schedule", SCHEDULE_KINDS),
  units: oneOf("units", UNITS),
});
export type ProblemConfig = z.infer<typeof ProblemSchema>;
export const DEFAULT_PROBLEM: ProblemConfig = { T: 500, schedule: "linear", units: "standardized" };

/** One sampler run. steps is checked against T separately (it depends on the problem). */
export const SamplerSchema = z.object({
  sampler: oneOf("sampler", SAMPLER_KINDS),
  steps: int("steps", 1, T_MAX),
  eta: real("eta", 0, 1),
  spacing: oneOf("spacing", SPACINGS),
  variance: oneOf("variance", VARIANCES),
});
export type SamplerConfig = z.infer<typeof SamplerSchema>;
export const DEFAULT_SAMPLER: SamplerConfig = {
  sampler: "ddim",
  steps: 50,
  eta: 0,
  spacing: "trailing",
  variance: "small",
};

/** The noise-predictor network's shape. */
export const NetworkSchema = z.object({
  width: int("width", 8, 512),
  depth: int("depth", 1, 8),
  activation: oneOf("activation", ACTIVATIONS),
  embedDim: int("embedding size", 2, 128).refine((v) => v % 2 === 0, {
    error: "embedding size must be an even number from 2 to 128",
  }),
});
export type NetworkConfig = z.infer<typeof NetworkSchema>;
/** Measured defaults (docs/training.md). */
export const DEFAULT_NETWORK: NetworkConfig = { width: 128, depth: 3, activation: "silu", embedDim: 32 };

/** Training knobs. */
export const TrainSchema = z.object({
  steps: int("training steps", 1, 200_000),
  lr: real("learning rate", 1e-6, 10),
  batch: int("batch size", 1, 4096),
  seed: int("seed", 0, SEED_MAX),
  emaDecay: real("EMA decay", 0, 0.99999),
  backend: oneOf("backend", BACKENDS),
});
export type TrainConfig = z.infer<typeof TrainSchema>;
/** Measured defaults (docs/training.md): EMA weights reach energy distance <= 0.01 at these settings. */
export const DEFAULT_TRAIN: TrainConfig = {
  steps: 2000,
  lr: 2e-3,
  batch: 256,
  seed: 0,
  emaDecay: 0.999,
  backend: "wasm",
};

export function stepsError(steps: number, T: number): string | null {
  if (!Number.isInteger(steps) || steps < 1 || steps > T)
    return `steps must be a whole number from 1 to T=${T}`;
  return null;
}

/** First error of a zod result as one line, e.g. "eta must be from 0 to 1". */
export function firstError(err: z.ZodError): string {
  const issue = err.issues[0];
  return issue ? issue.message : "invalid settings";
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): Result<z.infer<S>> {
  const r = schema.safeParse(value);
  return r.success ? { ok: true, value: r.data } : { ok: false, error: firstError(r.error) };
}

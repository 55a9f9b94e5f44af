// The one typed settings schema (zod): every value from a control, the URL, a file, the CLI or
// an engine call is validated here, and the error message names the setting and what is allowed.
// The lists of names and the size limits shared by the page and the CLI live here too.
import { NUMBER_SYNTAX, parseNumber } from "./numbers";
import { T_MAX, T_MIN } from "./schedule";
import { describeValue, z } from "./zod";

export const SAMPLER_KINDS = ["ddim", "ddpm", "euler", "heun", "dpmpp2m"] as const;
export const SPACINGS = ["leading", "trailing", "linspace"] as const;
export const SCHEDULE_KINDS = ["linear", "cosine"] as const;
export const UNITS = ["standardized", "raw"] as const;
export const VARIANCES = ["small", "large"] as const;
export const BACKENDS = ["wasm", "cpu", "webgl"] as const;
export const ACTIVATIONS = ["silu", "relu", "gelu", "tanh"] as const;
export const PATH_KINDS = ["slerp", "lerp"] as const;
/** Which noise predictor a run uses: the trained network, or one of the two perfect networks. */
export const MODELS = ["network", "oracle", "empirical"] as const;

export type SamplerKind = (typeof SAMPLER_KINDS)[number];
export type Spacing = (typeof SPACINGS)[number];
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];
export type Units = (typeof UNITS)[number];
export type DdpmVariance = (typeof VARIANCES)[number];
export type BackendKind = (typeof BACKENDS)[number];
export type Activation = (typeof ACTIVATIONS)[number];
export type PathKind = (typeof PATH_KINDS)[number];
export type ModelChoice = (typeof MODELS)[number];

/**
 * Most points in one sample set, anywhere (page, CLI --n, --noise, metrics --in): the quality
 * figures are quadratic in the number of points (20,000 points take about a second).
 */
export const MAX_POINTS = 20000;
/** @deprecated the old name of MAX_POINTS */
export const N_MAX = MAX_POINTS;
/** Most comparison columns (page and link). */
export const MAX_COLUMNS = 6;
/**
 * Largest file read anywhere (network, session or lesson file; page and CLI): 64 MiB. The largest
 * network the settings allow (512 x 8, embedding 128) with 200,000 steps of loss history is about
 * 29 MB as JSON; a lesson file adds settings and at most MAX_COLUMNS columns of samples (about
 * 1.3 MB). 64 MiB keeps twice that headroom while bounding what JSON.parse must hold in memory.
 */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
export const SEED_MAX = 2 ** 31 - 1;

/** A whole-number setting: one message per kind of mistake, all naming the setting and the range. */
export const intField = (name: string, min: number, max: number) =>
  z
    .number({ error: `${name} must be a number` })
    .int({ error: `${name} must be a whole number from ${min} to ${max}` })
    .min(min, { error: `${name} must be from ${min} to ${max}` })
    .max(max, { error: `${name} must be from ${min} to ${max}` });

/** A real-valued setting (zod 4 numbers are finite: NaN and infinities are refused as types). */
export const realField = (name: string, min: number, max: number) =>
  z
    .number({
      error: (iss) =>
        typeof iss.input === "number" && !Number.isNaN(iss.input)
          ? `${name} must be a finite number`
          : `${name} must be a number`,
    })
    .min(min, { error: `${name} must be from ${min} to ${max}` })
    .max(max, { error: `${name} must be from ${min} to ${max}` });

/** One of a list of names. */
export const choiceField = <T extends readonly [string, ...string[]]>(name: string, values: T) =>
  z.enum(values, {
    error: (iss) => `${name} must be one of ${values.join(", ")} (got ${describeValue(iss.input)})`,
  });

/** An object of settings: a non-object gets a message naming the group, not "expected object". */
const group = <S extends z.core.$ZodLooseShape>(name: string, shape: S) =>
  z.object(shape, { error: (iss) => `${name} must be an object (got ${describeValue(iss.input)})` });

/**
 * A file's format version. Only the number itself is accepted; anything else (the text "1", 2, a
 * missing field) gets a message that shows what the file holds, so it never reads "the file is
 * version 1; this DDIM Lab reads version 1".
 */
export const versionField = (what: string, version: number) =>
  z.literal(version, {
    error: (iss) =>
      `${what} must have "version": ${version} (a number); this one has ${describeValue(iss.input)}`,
  });

/** The forward process and coordinates the model lives in. */
export const ProblemSchema = group("the problem settings", {
  T: intField("T", T_MIN, T_MAX),
  schedule: choiceField("schedule", SCHEDULE_KINDS),
  units: choiceField("units", UNITS),
});
export type ProblemConfig = z.infer<typeof ProblemSchema>;
export const DEFAULT_PROBLEM: ProblemConfig = { T: 500, schedule: "linear", units: "standardized" };

/** One sampler run. steps is checked against T separately (it depends on the problem). */
export const SamplerSchema = group("the sampler settings", {
  sampler: choiceField("sampler", SAMPLER_KINDS),
  steps: intField("steps", 1, T_MAX),
  eta: realField("eta", 0, 1),
  spacing: choiceField("spacing", SPACINGS),
  variance: choiceField("variance", VARIANCES),
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
export const NetworkSchema = group("the network settings", {
  width: intField("width", 8, 512),
  depth: intField("depth", 1, 8),
  activation: choiceField("activation", ACTIVATIONS),
  embedDim: intField("embedding size", 2, 128).refine((v) => v % 2 === 0, {
    error: "embedding size must be an even number from 2 to 128",
  }),
});
export type NetworkConfig = z.infer<typeof NetworkSchema>;
/** Measured defaults (docs/training.md). */
export const DEFAULT_NETWORK: NetworkConfig = { width: 128, depth: 3, activation: "silu", embedDim: 32 };

/** Training knobs. */
export const TrainSchema = group("the training settings", {
  steps: intField("training steps", 1, 200_000),
  lr: realField("learning rate", 1e-6, 10),
  batch: intField("batch size", 1, 4096),
  seed: intField("seed", 0, SEED_MAX),
  emaDecay: realField("EMA decay", 0, 0.99999),
  backend: choiceField("backend", BACKENDS),
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

export interface NumberLimits {
  min: number;
  max: number;
  integer: boolean;
}

/** The limits a numeric schema field enforces (for control attributes and help texts). */
export function numberLimits(schema: z.ZodType): NumberLimits {
  if (!(schema instanceof z.ZodNumber)) throw new TypeError("numberLimits needs a number field");
  return {
    min: schema.minValue ?? Number.NEGATIVE_INFINITY,
    max: schema.maxValue ?? Number.POSITIVE_INFINITY,
    integer: schema.isInt,
  };
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

/**
 * A numeric setting written as text (URL value, CLI flag, text field): the one number grammar
 * (core/numbers.ts), then the field's own rule. `name` is the setting's name in messages.
 */
export function parseNumberSetting<S extends z.ZodType>(
  schema: S,
  name: string,
  text: string,
): Result<z.infer<S>> {
  const v = parseNumber(text);
  if (v === undefined)
    return { ok: false, error: `${name} must be ${NUMBER_SYNTAX} (got ${describeValue(text)})` };
  return parseWith(schema, v);
}

// Every CLI flag in one typed table: each flag parses and validates its own value (the one number
// grammar of core/numbers.ts, then the core schema field it belongs to), so a bad value's message
// names the flag it came from. The commands read their values from these tables, and the usage
// text (cli/usage.ts) is written from them.
import type { z } from "zod";
import {
  ACTIVATIONS,
  BACKENDS,
  DEFAULT_NETWORK,
  DEFAULT_PROBLEM,
  DEFAULT_SAMPLER,
  DEFAULT_TRAIN,
  firstError,
  MAX_POINTS,
  NetworkSchema,
  ProblemSchema,
  SAMPLER_KINDS,
  SamplerSchema,
  SCHEDULE_KINDS,
  SPACINGS,
  TrainSchema,
  UNITS,
  VARIANCES,
} from "../src/core/config";
import { MIN_POINTS, PRESET_NAMES } from "../src/core/datasets";
import { NUMBER_SYNTAX, parseNumber } from "../src/core/numbers";
import { shown, UsageError } from "./args";

export interface Flag<T> {
  /** The value's placeholder in the usage text: "S", "ddim|ddpm|...", "FILE". */
  arg: string;
  /** One line for the usage text, with the default. */
  help: string;
  /** The value, validated; a UsageError naming the flag otherwise. */
  parse(raw: string, name: string): T;
}

export type FlagTable = Record<string, Flag<unknown>>;
/** What parseFlags returns for a table: each given flag's parsed value, absent when not given. */
export type FlagValues<F extends FlagTable> = { [K in keyof F]?: F[K] extends Flag<infer T> ? T : never };

/** Smallest positive normal double: a setting between it and 0 cannot be meant (use 0). */
const MIN_NORMAL = 2 ** -1022;

/** A number by the one grammar (core/numbers.ts) that is not a denormal, or a UsageError naming the flag. */
function readNumber(raw: string, name: string): number {
  const v = parseNumber(raw);
  if (v === undefined) throw new UsageError(`--${name} must be ${NUMBER_SYNTAX}, got ${shown(raw)}`);
  if (v !== 0 && Math.abs(v) < MIN_NORMAL)
    throw new UsageError(`--${name}: ${shown(raw)} is too close to 0 to be meant; use 0`);
  return v;
}

/** A number, first by the one number grammar, then by its core schema field. */
function numberFlag(field: z.ZodType<number>, arg: string, help: string): Flag<number> {
  return {
    arg,
    help,
    parse(raw, name) {
      const r = field.safeParse(readNumber(raw, name));
      if (!r.success) throw new UsageError(`--${name}: ${firstError(r.error)}`);
      return r.data;
    },
  };
}

/** A whole number in [min, max] that has no core schema field of its own. */
function wholeFlag(label: string, min: number, max: number, arg: string, help: string): Flag<number> {
  return {
    arg,
    help,
    parse(raw, name) {
      const v = readNumber(raw, name);
      if (!Number.isInteger(v) || v < min || v > max)
        throw new UsageError(`--${name}: ${label} must be a whole number from ${min} to ${max}`);
      return v;
    },
  };
}

/** One of a fixed list (the as-const arrays of core/config.ts). */
function choiceFlag<T extends string>(label: string, values: readonly T[], help: string): Flag<T> {
  return {
    arg: values.join("|"),
    help,
    parse(raw, name) {
      const hit = values.find((v) => v === raw);
      if (hit === undefined)
        throw new UsageError(`--${name}: ${label} must be one of ${values.join(", ")}, got ${shown(raw)}`);
      return hit;
    },
  };
}

/** A path or a name; only the empty text and NUL (which no file name holds) are refused here. */
function textFlag(arg: string, help: string): Flag<string> {
  return {
    arg,
    help,
    parse(raw, name) {
      if (raw === "" || raw.includes("\0")) throw new UsageError(`--${name}: give a non-empty path or name`);
      return raw;
    },
  };
}

/** The data sets by name, then CSV files (cli/data.ts reads them). */
export const DATA_NAMES = ["tutorial", ...PRESET_NAMES] as const;

function dataFlag(): Flag<string> {
  return {
    arg: [...DATA_NAMES, "FILE.csv"].join("|"),
    help: "data set (default tutorial, the course's mixture; presets with their default n and seed 0)",
    parse(raw, name) {
      if (DATA_NAMES.some((d) => d === raw) || (raw.toLowerCase().endsWith(".csv") && !raw.includes("\0")))
        return raw;
      throw new UsageError(
        `--${name} must be one of ${DATA_NAMES.join(", ")} or a .csv file, got ${shown(raw)}`,
      );
    },
  };
}

/** Backends that run under Node (webgl needs a browser). */
export const CLI_BACKENDS = BACKENDS.filter((b): b is "wasm" | "cpu" => b !== "webgl");

const shared = {
  data: dataFlag(),
  T: numberFlag(ProblemSchema.shape.T, "T", `diffusion steps T (default ${DEFAULT_PROBLEM.T})`),
  schedule: choiceFlag("schedule", SCHEDULE_KINDS, `noise schedule (default ${DEFAULT_PROBLEM.schedule})`),
  units: choiceFlag("units", UNITS, `model coordinates (default ${DEFAULT_PROBLEM.units})`),
  backend: choiceFlag("backend", CLI_BACKENDS, `tfjs backend (default ${DEFAULT_TRAIN.backend})`),
};

export const SAMPLE_FLAGS = {
  model: textFlag(
    "oracle|empirical|pretrained|FILE",
    "noise predictor: the perfect network, the memorising one, the shipped network or a saved file (default oracle)",
  ),
  sampler: choiceFlag("sampler", SAMPLER_KINDS, `sampler (default ${DEFAULT_SAMPLER.sampler})`),
  steps: numberFlag(
    SamplerSchema.shape.steps,
    "S",
    "sampler steps, 1 to T (default: the sampler's own, listed under samplers)",
  ),
  eta: numberFlag(SamplerSchema.shape.eta, "E", `DDIM eta, 0 to 1 (default ${DEFAULT_SAMPLER.eta})`),
  spacing: choiceFlag("spacing", SPACINGS, `timestep grid (default ${DEFAULT_SAMPLER.spacing})`),
  variance: choiceFlag("variance", VARIANCES, `DDPM variance (default ${DEFAULT_SAMPLER.variance})`),
  ...shared,
  n: wholeFlag(
    "n",
    MIN_POINTS,
    MAX_POINTS,
    "N",
    `number of samples, ${MIN_POINTS} to ${MAX_POINTS} (default 1000)`,
  ),
  seed: numberFlag(TrainSchema.shape.seed, "SEED", "seed of x_T and the sampler's noise (default 0)"),
  noise: textFlag("FILE", "x_T from a JSON array of [x, y] pairs instead of --n and --seed"),
  out: textFlag("FILE", "write the JSON here instead of stdout"),
} satisfies FlagTable;

export const METRICS_FLAGS = {
  in: textFlag("FILE", "a sample output or a JSON array of [x, y] pairs (required)"),
  data: shared.data,
} satisfies FlagTable;

export const TRAIN_FLAGS = {
  steps: numberFlag(TrainSchema.shape.steps, "N", `training steps (default ${DEFAULT_TRAIN.steps})`),
  seed: numberFlag(
    TrainSchema.shape.seed,
    "SEED",
    `initial weights and batches (default ${DEFAULT_TRAIN.seed})`,
  ),
  ...shared,
  width: numberFlag(NetworkSchema.shape.width, "W", `hidden width (default ${DEFAULT_NETWORK.width})`),
  depth: numberFlag(NetworkSchema.shape.depth, "D", `hidden layers (default ${DEFAULT_NETWORK.depth})`),
  activation: choiceFlag("activation", ACTIVATIONS, `activation (default ${DEFAULT_NETWORK.activation})`),
  embed: numberFlag(
    NetworkSchema.shape.embedDim,
    "E",
    `timestep embedding size (default ${DEFAULT_NETWORK.embedDim})`,
  ),
  lr: numberFlag(TrainSchema.shape.lr, "LR", `learning rate (default ${DEFAULT_TRAIN.lr})`),
  batch: numberFlag(TrainSchema.shape.batch, "B", `batch size (default ${DEFAULT_TRAIN.batch})`),
  ema: numberFlag(TrainSchema.shape.emaDecay, "DECAY", `EMA decay (default ${DEFAULT_TRAIN.emaDecay})`),
  chunk: wholeFlag("chunk", 1, 10_000, "C", "steps between progress lines (default 250)"),
  out: textFlag("DIR", "write DIR/network.json (required)"),
} satisfies FlagTable;

export interface CommandInfo {
  summary: string;
  flags: FlagTable;
}

/** The commands as the usage text lists them. */
export const COMMAND_INFO: ReadonlyMap<string, CommandInfo> = new Map([
  ["sample", { summary: "one sampler run; JSON on stdout or in --out FILE", flags: SAMPLE_FLAGS }],
  ["metrics", { summary: "the quality figures of a sample set (raw units)", flags: METRICS_FLAGS }],
  ["train", { summary: "trains the eps network and writes DIR/network.json", flags: TRAIN_FLAGS }],
]);

// The one declarative settings schema of the page (docs/architecture.md): a list of properties from
// which defaults, validation, URL reading/writing and `hide=` flags derive. The controls' limits
// are read from the zod schemas themselves (zod 4's minValue/maxValue), so they cannot disagree.
// Every validator is a field of the core/config zod schemas, so a value from a control, the URL or
// a file is checked by exactly the same rule and fails with the same message.
import { z } from "zod";
import {
  ACTIVATIONS,
  BACKENDS,
  DEFAULT_NETWORK,
  DEFAULT_PROBLEM,
  DEFAULT_SAMPLER,
  DEFAULT_TRAIN,
  NetworkSchema,
  type NumberLimits,
  numberLimits,
  ProblemSchema,
  type Result,
  SamplerSchema,
  SCHEDULE_KINDS,
  SPACINGS,
  stepsError,
  TrainSchema,
  UNITS,
} from "../core/config";
import { parseNumber } from "../core/numbers";
import type { EngineSettings } from "../engine/api";

interface PropBase<K extends string> {
  /** Key in Settings and name in the URL. */
  key: K;
  label: string;
  help: string;
  schema: z.ZodType;
}
export interface NumberProp<K extends string = string> extends PropBase<K> {
  kind: "int" | "real";
  step?: number;
  default: number;
}
export interface ChoiceProp<K extends string = string> extends PropBase<K> {
  kind: "choice";
  options: readonly string[];
  default: string;
}
export type SettingProp<K extends string = string> = NumberProp<K> | ChoiceProp<K>;

const P = ProblemSchema.shape;
const N = NetworkSchema.shape;
const TR = TrainSchema.shape;
const SA = SamplerSchema.shape;
const T_SCHEMA = z
  .number({ error: "t must be a number" })
  .int({ error: "t must be a whole number from 0 to T-1" })
  .min(0, { error: "t must be from 0 to T-1" })
  .max(1999, { error: "t must be from 0 to T-1" });

/** Training defaults measured by the model work (docs/training.md): Adam, batch 256, EMA 0.999. */
export const SETTING_PROPS = [
  // problem
  {
    key: "T",
    kind: "int",
    default: DEFAULT_PROBLEM.T,
    schema: P.T,
    label: "Diffusion steps T",
    help: "Length of the forward process.",
  },
  {
    key: "schedule",
    kind: "choice",
    options: SCHEDULE_KINDS,
    default: DEFAULT_PROBLEM.schedule,
    schema: P.schedule,
    label: "Noise schedule",
    help: "How beta_t grows with t.",
  },
  {
    key: "units",
    kind: "choice",
    options: UNITS,
    default: DEFAULT_PROBLEM.units,
    schema: P.units,
    label: "Model units",
    help: 'Train and sample in standardised or raw coordinates (docs/math.md, "Data and standardisation").',
  },
  // sampler shown in the schedule panel's DDIM grid
  {
    key: "S",
    kind: "int",
    default: DEFAULT_SAMPLER.steps,
    schema: SA.steps,
    label: "Sampling steps S",
    help: "How many of the T steps the sampler visits (1 to T).",
  },
  {
    key: "spacing",
    kind: "choice",
    options: SPACINGS,
    default: DEFAULT_SAMPLER.spacing,
    schema: SA.spacing,
    label: "Grid spacing",
    help: "Which S of the T timesteps are used.",
  },
  {
    key: "eta",
    kind: "real",
    step: 0.05,
    default: DEFAULT_SAMPLER.eta,
    schema: SA.eta,
    label: "DDIM eta",
    help: "0 = deterministic DDIM, 1 = DDPM-like noise.",
  },
  // network
  {
    key: "width",
    kind: "int",
    default: DEFAULT_NETWORK.width,
    schema: N.width,
    label: "Hidden width",
    help: "Units per hidden layer.",
  },
  {
    key: "depth",
    kind: "int",
    default: DEFAULT_NETWORK.depth,
    schema: N.depth,
    label: "Hidden layers",
    help: "Number of hidden layers.",
  },
  {
    key: "activation",
    kind: "choice",
    options: ACTIVATIONS,
    default: DEFAULT_NETWORK.activation,
    schema: N.activation,
    label: "Activation",
    help: "Nonlinearity of the hidden layers.",
  },
  {
    key: "embedDim",
    kind: "int",
    step: 2,
    default: DEFAULT_NETWORK.embedDim,
    schema: N.embedDim,
    label: "Time embedding size",
    help: "Sinusoidal embedding of t (even).",
  },
  // training
  {
    key: "trainSteps",
    kind: "int",
    default: DEFAULT_TRAIN.steps,
    schema: TR.steps,
    label: "Training steps",
    help: "Adam steps to run.",
  },
  {
    key: "lr",
    kind: "real",
    step: 0.0001,
    default: DEFAULT_TRAIN.lr,
    schema: TR.lr,
    label: "Learning rate",
    help: "Adam step size; too large diverges.",
  },
  {
    key: "batch",
    kind: "int",
    default: DEFAULT_TRAIN.batch,
    schema: TR.batch,
    label: "Batch size",
    help: "Points per step (256 is the measured sweet spot).",
  },
  {
    key: "seed",
    kind: "int",
    default: DEFAULT_TRAIN.seed,
    schema: TR.seed,
    label: "Seed",
    help: "Same seed, same backend: same network.",
  },
  {
    key: "emaDecay",
    kind: "real",
    step: 0.0001,
    default: DEFAULT_TRAIN.emaDecay,
    schema: TR.emaDecay,
    label: "EMA decay",
    help: "Average of the weights used for sampling.",
  },
  {
    key: "backend",
    kind: "choice",
    options: BACKENDS,
    default: DEFAULT_TRAIN.backend,
    schema: TR.backend,
    label: "Backend",
    help: "tfjs backend of the worker.",
  },
  // view
  {
    key: "t",
    kind: "int",
    default: 100,
    schema: T_SCHEMA,
    label: "Timestep t",
    help: "Noise level shown in the forward-process plot.",
  },
] as const satisfies readonly SettingProp[];

export type SettingKey = (typeof SETTING_PROPS)[number]["key"];
type ValueOf<P> = P extends { kind: "choice"; options: readonly (infer O)[] } ? O : number;
export type Settings = { [P in (typeof SETTING_PROPS)[number] as P["key"]]: ValueOf<P> };

// A prototype-less table: a name from a link or a file ("constructor", "__proto__") finds nothing.
export const PROPS_BY_KEY: Readonly<Record<SettingKey, SettingProp<SettingKey>>> = Object.assign(
  Object.create(null) as Record<SettingKey, SettingProp<SettingKey>>,
  Object.fromEntries(SETTING_PROPS.map((p) => [p.key, p])),
);

/** True only for our own setting names (own properties; built-ins such as "toString" are not). */
export function isSettingKey(name: string): name is SettingKey {
  return Object.hasOwn(PROPS_BY_KEY, name);
}

/** The limits of a number setting, read from its zod schema (so a control shows the rule it is checked by). */
export function limitsOf(key: SettingKey): NumberLimits {
  return numberLimits(PROPS_BY_KEY[key].schema);
}

export const DEFAULT_SETTINGS = Object.fromEntries(SETTING_PROPS.map((p) => [p.key, p.default])) as Settings;

export type Check = Result<number | string>;

/** Validates one value exactly as a control does; cross-field limits (S <= T, t < T) need T. */
export function checkSetting(key: SettingKey, value: unknown, T: number = DEFAULT_SETTINGS.T): Check {
  if (!isSettingKey(key)) return { ok: false, error: `there is no setting named ${shortName(key)}` };
  const prop = PROPS_BY_KEY[key];
  const r = prop.schema.safeParse(value);
  if (!r.success) return { ok: false, error: r.error.issues[0]?.message ?? `${prop.label} is not valid` };
  // -0 + 0 is 0: "-0" from a link must not survive as a distinct value.
  const v = typeof r.data === "number" ? r.data + 0 : (r.data as string);
  if (key === "S") {
    const e = stepsError(v as number, T);
    if (e) return { ok: false, error: e.replace(/^steps/, "S") };
  }
  if (key === "t" && (v as number) > T - 1) return { ok: false, error: `t must be from 0 to T-1=${T - 1}` };
  return { ok: true, value: v };
}

/** Text from a control or the URL to the value type of the setting ("" is not a number). */
export function coerce(key: SettingKey, text: string): unknown {
  if (!isSettingKey(key)) return text;
  const prop = PROPS_BY_KEY[key];
  if (prop.kind === "choice") return text;
  // The one number grammar of every input (core/numbers.ts): no hex, no "Infinity", no junk.
  return parseNumber(text) ?? Number.NaN;
}

function shortName(name: unknown): string {
  const s = String(name);
  return s.length > 40 ? `${s.slice(0, 40)}...` : s;
}

/** Settings with T-dependent fields brought back into range after T changed. */
export function reconcile(s: Settings): { settings: Settings; notes: string[] } {
  const out = { ...s };
  const notes: string[] = [];
  if (stepsError(out.S, out.T)) {
    out.S = Math.min(DEFAULT_SETTINGS.S, out.T);
    notes.push(`S was more than T=${out.T}; using S=${out.S}`);
  }
  if (out.t > out.T - 1) {
    out.t = out.T - 1;
    notes.push(`t was past the end of the schedule; using t=${out.t}`);
  }
  return { settings: out, notes };
}

/** The engine's view of the settings (validated by the engine again before use). */
export function engineSettings(s: Settings): EngineSettings {
  return {
    problem: { T: s.T, schedule: s.schedule, units: s.units },
    network: { width: s.width, depth: s.depth, activation: s.activation, embedDim: s.embedDim },
    train: {
      steps: s.trainSteps,
      lr: s.lr,
      batch: s.batch,
      seed: s.seed,
      emaDecay: s.emaDecay,
      backend: s.backend,
    },
  };
}

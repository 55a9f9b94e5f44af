// Validation of every engine request: the settings go through core/config's
// schemas, steps are checked against T, and the rest (n, seed, arrays) is checked here, so nothing
// reaches tfjs unvalidated. Each failure throws an Error whose message names the setting.
import {
  N_MAX,
  type NetworkConfig,
  NetworkSchema,
  PATH_KINDS,
  type ProblemConfig,
  ProblemSchema,
  parseWith,
  SamplerSchema,
  SEED_MAX,
  SPACINGS,
  stepsError,
  type TrainConfig,
  TrainSchema,
} from "../core/config";
import { MAX_CSV_POINTS, MIN_POINTS } from "../core/datasets";
import { spreadProblem } from "../core/datasets/csv";
import { type ReferenceStats, SPREAD_POINTS } from "../core/energy";
import type { Mixture2D } from "../core/types";
import { z } from "../core/zod";
import type {
  DataInput,
  EngineSettings,
  InvertRequest,
  ModelChoice,
  PredictEpsRequest,
  SampleRequest,
} from "./api";
import type { SharedReference } from "./reference";
import { TRAJECTORY_POINT_FRAMES_MAX } from "./trajectory";
import type { SampleUnit } from "./units";

export const MODEL_CHOICES: readonly ModelChoice[] = ["network", "oracle", "empirical"];
export const FRAMES_MAX = 200;

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

function must<T>(r: Parsed<T>): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

function wholeNumber(name: string, v: unknown, min: number, max: number): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}`);
  }
  return v;
}

function stepsOf(v: unknown, T: number): number {
  const err = typeof v === "number" ? stepsError(v, T) : `steps must be a whole number from 1 to T=${T}`;
  if (err) throw new Error(err);
  return v as number;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function record(name: string, v: unknown): Record<string, unknown> {
  if (!isRecord(v)) throw new Error(`${name} must be an object`);
  return v;
}

function modelChoice(v: unknown): ModelChoice {
  if (!MODEL_CHOICES.includes(v as ModelChoice))
    throw new Error(`model must be one of ${MODEL_CHOICES.join(", ")}`);
  return v as ModelChoice;
}

/** A finite interleaved point array (Float32Array or plain number array). */
function points(name: string, v: unknown, maxPoints: number): Float32Array {
  if (!(v instanceof Float32Array) && !(Array.isArray(v) && v.every((x) => typeof x === "number"))) {
    throw new Error(`${name} must be a Float32Array of interleaved x, y coordinates`);
  }
  const a = Float32Array.from(v as ArrayLike<number>);
  if (a.length === 0 || a.length % 2 !== 0)
    throw new Error(`${name} must hold an even, non-zero number of values`);
  if (a.length / 2 > maxPoints) throw new Error(`${name} must hold at most ${maxPoints} points`);
  if (!a.every(Number.isFinite)) throw new Error(`${name} must hold finite numbers only`);
  return a;
}

export function parseSettings(v: unknown): EngineSettings {
  const s = record("settings", v);
  const problem: ProblemConfig = must(parseWith(ProblemSchema, s.problem));
  const network: NetworkConfig = must(parseWith(NetworkSchema, s.network));
  const train: TrainConfig = must(parseWith(TrainSchema, s.train));
  if (s.data === undefined) return { problem, network, train };
  return { problem, network, train, data: parseData(s.data) };
}

/** The lab's data set: 2..20000 finite points with spread in x and y, and a mixture or null. */
export function parseData(v: unknown): DataInput {
  const d = record("data", v);
  const pts = points("data.points", d.points, MAX_CSV_POINTS);
  if (pts.length / 2 < MIN_POINTS) throw new Error(`data.points must hold at least ${MIN_POINTS} points`);
  const spread = spreadProblem(pts);
  if (spread) throw new Error(`data.points: ${spread}`);
  let mixture: Mixture2D | null = null;
  if (d.mixture !== null && d.mixture !== undefined) {
    const r = MixtureSchema.safeParse(d.mixture);
    if (!r.success) throw new Error("data.mixture must be a mixture (weights, means, covs) or null");
    mixture = r.data as Mixture2D;
  }
  const label = typeof d.label === "string" ? d.label.slice(0, 200) : "your data";
  return { points: pts, mixture, label };
}

const pair = z.tuple([z.number(), z.number()]);
const MixtureSchema = z.object({
  weights: z.array(z.number().positive()).min(1).max(64),
  means: z.array(pair).min(1).max(64),
  covs: z
    .array(z.tuple([pair, pair]))
    .min(1)
    .max(64),
});

export function parseTrainSteps(v: unknown): number {
  return wholeNumber("training steps", v, 1, 200_000);
}

/** lr, batch and EMA decay for one training run, checked with the training schema's rules. */
export function parseTrainKnobs(v: unknown): Pick<TrainConfig, "lr" | "batch" | "emaDecay"> {
  const r = record("training settings", v);
  const schema = TrainSchema.pick({ lr: true, batch: true, emaDecay: true });
  return must(parseWith(schema, { lr: r.lr, batch: r.batch, emaDecay: r.emaDecay }));
}

export function parseSampleRequest(v: unknown, T: number): SampleRequest {
  const r = record("sample request", v);
  const sampler = must(parseWith(SamplerSchema, r.sampler));
  stepsOf(sampler.steps, T);
  const model = modelChoice(r.model);
  const seed = wholeNumber("seed", r.seed, 0, SEED_MAX);
  const xT = r.xT === undefined ? undefined : points("xT", r.xT, N_MAX);
  const n = xT ? xT.length / 2 : wholeNumber("n", r.n, 1, N_MAX);
  if (r.trajectory !== undefined && typeof r.trajectory !== "boolean")
    throw new Error("trajectory must be true or false");
  const trajectoryPoints =
    r.trajectoryPoints === undefined ? undefined : wholeNumber("trajectoryPoints", r.trajectoryPoints, 0, n);
  const recorded = trajectoryPoints ?? (r.trajectory === true ? n : 0);
  if (recorded * (sampler.steps + 1) > TRAJECTORY_POINT_FRAMES_MAX) {
    throw new Error(
      `a trajectory holds at most ${TRAJECTORY_POINT_FRAMES_MAX} point-frames (points x (steps + 1)); ` +
        `asked for ${recorded} x ${sampler.steps + 1}: use fewer points or steps`,
    );
  }
  if (r.quality !== undefined && typeof r.quality !== "boolean")
    throw new Error("quality must be true or false (false skips the quality figures)");
  const out: SampleRequest = { sampler, model, n, seed, xT };
  if (recorded > 0) out.trajectoryPoints = recorded;
  if (r.quality === false) out.quality = false;
  return out;
}

/** A pooled unit: a sample request on its own x_T rows, plus where they sit in the whole request. */
export function parseSampleUnit(v: unknown, T: number): SampleUnit {
  const r = record("sample unit", v);
  const total = wholeNumber("total", r.total, 1, N_MAX);
  const base = parseSampleRequest(
    { ...r, trajectory: r.trajectory === true, trajectoryPoints: undefined },
    T,
  );
  if (!base.xT) throw new Error("a sample unit needs its xT rows");
  const offset = wholeNumber("offset", r.offset, 0, total - base.n);
  const unit: SampleUnit = {
    sampler: base.sampler,
    model: base.model,
    seed: base.seed,
    xT: base.xT,
    offset,
    total,
  };
  if (base.trajectoryPoints) unit.trajectory = true;
  return unit;
}

export function parsePredictEpsRequest(v: unknown, T: number): PredictEpsRequest {
  const r = record("eps request", v);
  return {
    points: points("points", r.points, N_MAX),
    t: wholeNumber("t", r.t, 0, T - 1),
    model: modelChoice(r.model),
  };
}

export function parseInvertRequest(v: unknown, T: number): Required<InvertRequest> {
  const r = record("inversion request", v);
  const pts = points("points", r.points, N_MAX);
  const steps = stepsOf(r.steps, T);
  const spacing = r.spacing === undefined ? "trailing" : r.spacing;
  if (!SPACINGS.includes(spacing as never)) throw new Error(`spacing must be one of ${SPACINGS.join(", ")}`);
  return {
    points: pts,
    steps,
    model: modelChoice(r.model),
    spacing: spacing as InvertRequest["spacing"] & string,
  };
}

function endpoints(name: string, v: unknown): Float64Array | undefined {
  if (v === undefined) return undefined;
  const ok =
    Array.isArray(v) &&
    v.every(
      (p) =>
        Array.isArray(p) && p.length === 2 && p.every((x) => typeof x === "number" && Number.isFinite(x)),
    );
  if (!ok) throw new Error(`${name} must be a list of [x, y] pairs of finite numbers`);
  return Float64Array.from((v as [number, number][]).flat());
}

export interface ParsedInterpolation {
  za?: Float64Array;
  zb?: Float64Array;
  seed: number;
  n: number;
  frames: number;
  path: "slerp" | "lerp";
  steps: number;
  model: ModelChoice;
}

export function parseInterpolateRequest(v: unknown, T: number): ParsedInterpolation {
  const r = record("interpolation request", v);
  const za = endpoints("za", r.za);
  const zb = endpoints("zb", r.zb);
  if ((za === undefined) !== (zb === undefined))
    throw new Error("za and zb must be given together (or neither)");
  if (za && zb && za.length !== zb.length) throw new Error("za and zb must hold the same number of points");
  const frames = wholeNumber("frames", r.frames, 2, FRAMES_MAX);
  const n = za ? za.length / 2 : wholeNumber("n", r.n, 1, Math.floor(N_MAX / frames));
  if (n * frames > N_MAX) throw new Error(`n x frames must be at most ${N_MAX}`);
  if (!PATH_KINDS.includes(r.path as never)) throw new Error(`path must be one of ${PATH_KINDS.join(", ")}`);
  return {
    za,
    zb,
    seed: wholeNumber("seed", r.seed, 0, SEED_MAX),
    n,
    frames,
    path: r.path as "slerp" | "lerp",
    steps: stepsOf(r.steps, T),
    model: modelChoice(r.model),
  };
}

const finite = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** A quality reference handed over from the page (src/engine/reference.ts): its shape, sizes and finiteness. */
export function parseSharedReference(x: unknown): SharedReference {
  const bad = (what: string) =>
    new Error(`the quality reference handed to this worker is not valid: ${what}`);
  const r = x as Partial<SharedReference> | null;
  if (typeof r?.fingerprint !== "string" || r.fingerprint.length === 0 || r.fingerprint.length > 200)
    throw bad("its data fingerprint must be a string of 1 to 200 characters");
  const s = r.stats as Partial<ReferenceStats> | undefined;
  const m = s?.moments;
  if (!s || !finite(s.selfTerm) || s.selfTerm < 0) throw bad("selfTerm must be a finite number >= 0");
  if (!(finite(s.zeta) && s.zeta >= 0) && !Number.isNaN(s.zeta)) throw bad("zeta must be >= 0 (or NaN)");
  if (!m || !Number.isInteger(m.n) || m.n < 2 || ![m.sx, m.sy, m.s2].every(finite))
    throw bad("moments must hold a point count >= 2 and finite sums");
  const rows = Math.min(m.n, SPREAD_POINTS);
  for (const [name, v] of [
    ["rowSelf", s.rowSelf],
    ["rowSelfVar", s.rowSelfVar],
  ] as const) {
    if (!(v instanceof Float64Array) || v.length !== rows || !v.every((e) => finite(e) && e >= 0))
      throw bad(`${name} must be ${rows} finite numbers >= 0 in a Float64Array`);
  }
  return { fingerprint: r.fingerprint, stats: s as ReferenceStats };
}

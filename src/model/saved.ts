// The saved-network file: versioned plain JSON holding everything needed to reproduce an
// experiment (network + problem config, standardiser, steps, loss history, raw + EMA weights).
// Weights are base64 of float32 little-endian. Loading validates everything and never throws: the
// shapes and types here, the plausibility of the numbers in sanity.ts.
import { z } from "zod";
import { NetworkSchema, ProblemSchema, parseWith, type Result, TrainSchema } from "../core/config";
import type { Dataset } from "../core/data";
import { EpsNetwork, type TrainSettings, weightShapes } from "./network";
import { historyError, probeError, standardizerError, weightError } from "./sanity";

export const SAVED_FORMAT = "ddim-lab-network";
export const SAVED_VERSION = 1;

const finite = z.number().refine(Number.isFinite, { error: "must be a finite number" });

const SavedSchema = z.object({
  format: z.literal(SAVED_FORMAT, {
    error: `this is not a DDIM Lab network file (format must be "${SAVED_FORMAT}")`,
  }),
  version: z.literal(SAVED_VERSION, {
    error: (issue) =>
      typeof issue.input === "number"
        ? `unsupported network file version: the file is version ${issue.input}; this DDIM Lab reads version ${SAVED_VERSION}`
        : `unsupported network file version: version must be the number ${SAVED_VERSION}, found ${issue.input === null ? "null" : typeof issue.input}`,
  }),
  network: z.unknown(),
  problem: z.unknown(),
  standardizer: z.object({
    mean: z.tuple([finite, finite]),
    std: z.tuple([
      finite.refine((v) => v > 0, { error: "std must be > 0" }),
      finite.refine((v) => v > 0, { error: "std must be > 0" }),
    ]),
  }),
  dataset: z.string().max(200),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  trainSteps: z.number().int().min(0),
  lossHistory: z.string().max(20_000_000),
  weights: z.object({ raw: z.array(z.string()), ema: z.array(z.string()) }),
  // The knobs it was trained with: the same settings schema as the training panel's.
  train: z
    .object({
      lr: TrainSchema.shape.lr,
      batch: TrainSchema.shape.batch,
      emaDecay: TrainSchema.shape.emaDecay,
      backend: TrainSchema.shape.backend,
    })
    .optional(),
  // The training data's fingerprint (core/datasets); absent in older files = the course's set.
  dataFingerprint: z.string().max(40).optional(),
});

/**
 * What each field must hold, in our words: zod's default texts ("Too big: expected int to be
 * <=9007199254740991") are not for the person who picked the file. Matched by path prefix.
 */
const FIELD_RULES: [string, string][] = [
  ["standardizer.mean", "standardizer.mean must be two finite numbers"],
  ["standardizer.std", "standardizer.std must be two finite numbers > 0"],
  ["standardizer", "standardizer must hold mean and std, two numbers each"],
  ["dataset", "dataset must be a name of at most 200 characters"],
  ["seed", `seed must be a whole number from 0 to ${2 ** 31 - 1}`],
  ["trainSteps", "trainSteps must be a whole number from 0"],
  ["lossHistory", "lossHistory must be base64 text of float32 losses"],
  ["weights", "weights must hold raw and ema, lists of base64 texts"],
  ["train", "train must hold lr, batch, emaDecay and backend"],
  ["dataFingerprint", "dataFingerprint must be a text of at most 40 characters"],
];

function issueText(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return "unreadable";
  const path = issue.path.join(".");
  if (path === "format" || path === "version") return issue.message;
  if (path === "") return "the file must hold a JSON object (a DDIM Lab network)";
  // the training knobs' messages come from the settings schema, already in our words
  if (path.startsWith("train.")) return `train: ${issue.message}`;
  const rule = FIELD_RULES.find(([p]) => path === p || path.startsWith(`${p}.`));
  return rule ? rule[1] : `${path} is missing or has the wrong type`;
}

export interface SavedNetwork {
  format: typeof SAVED_FORMAT;
  version: typeof SAVED_VERSION;
  network: EpsNetwork["config"];
  problem: EpsNetwork["problem"];
  standardizer: EpsNetwork["standardizer"];
  dataset: string;
  seed: number;
  trainSteps: number;
  /** base64 float32 LE, one loss per training step. */
  lossHistory: string;
  weights: { raw: string[]; ema: string[] };
  /** The training knobs, when known. */
  train?: TrainSettings;
  /** Fingerprint of the training data (core/datasets); absent = the course's set. */
  dataFingerprint?: string;
}

export function encodeFloat32(a: ArrayLike<number>): string {
  const bytes = new Uint8Array(4 * a.length);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < a.length; i++) view.setFloat32(4 * i, a[i], true);
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** Decodes base64 float32 LE; null when the text is not valid base64 of whole floats. */
export function decodeFloat32(text: string): Float32Array | null {
  let bin: string;
  try {
    bin = atob(text);
  } catch {
    return null;
  }
  if (bin.length % 4 !== 0) return null;
  const view = new DataView(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) view.setUint8(i, bin.charCodeAt(i));
  const out = new Float32Array(bin.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(4 * i, true);
  return out;
}

export function saveNetwork(net: EpsNetwork): SavedNetwork {
  return {
    format: SAVED_FORMAT,
    version: SAVED_VERSION,
    network: { ...net.config },
    problem: { ...net.problem },
    standardizer: { mean: [...net.standardizer.mean], std: [...net.standardizer.std] },
    dataset: net.dataset,
    seed: net.seed,
    trainSteps: net.trainSteps,
    lossHistory: encodeFloat32(net.lossHistory),
    weights: {
      raw: net.readWeights("raw").map(encodeFloat32),
      ema: net.readWeights("ema").map(encodeFloat32),
    },
    ...(net.trainSettings ? { train: { ...net.trainSettings } } : {}),
  };
}

function decodeWeights(texts: string[], which: string, shapes: [number, number][]): Result<Float32Array[]> {
  if (texts.length !== shapes.length) {
    return { ok: false, error: `${which} weights: expected ${shapes.length} tensors, found ${texts.length}` };
  }
  const out: Float32Array[] = [];
  for (let k = 0; k < shapes.length; k++) {
    const [r, c] = shapes[k];
    // Padded base64 of r*c floats has a known length: refuse oversized text before decoding it.
    if (texts[k].length !== 4 * Math.ceil((4 * r * c) / 3)) {
      return { ok: false, error: `${which} weights: tensor ${k} has the wrong size for ${r}x${c} values` };
    }
    const a = decodeFloat32(texts[k]);
    if (!a) return { ok: false, error: `${which} weights: tensor ${k} is not valid base64 float32 data` };
    if (a.length !== r * c) {
      return { ok: false, error: `${which} weights: tensor ${k} has ${a.length} values, expected ${r}x${c}` };
    }
    if (!a.every(Number.isFinite))
      return { ok: false, error: `${which} weights: tensor ${k} has NaN or infinite values` };
    const implausible = weightError(a);
    if (implausible) return { ok: false, error: `${which} weights: tensor ${k} ${implausible}` };
    out.push(a);
  }
  return { ok: true, value: out };
}

/**
 * Validates a saved network (e.g. parsed JSON of a file) and builds it; an error names the problem.
 * With data (the data set the caller will use), a standardised network's standardiser must also
 * be the one fitted to that data when the file names it.
 */
export function networkFromSaved(json: unknown, data?: Dataset): Result<EpsNetwork> {
  const parsed = SavedSchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, error: `invalid network file: ${issueText(parsed.error.issues[0])}` };
  }
  const s = parsed.data;
  const network = parseWith(NetworkSchema, s.network);
  if (!network.ok) return { ok: false, error: `invalid network file: ${network.error}` };
  const problem = parseWith(ProblemSchema, s.problem);
  if (!problem.ok) return { ok: false, error: `invalid network file: ${problem.error}` };
  const standardizer = { mean: s.standardizer.mean, std: s.standardizer.std } as EpsNetwork["standardizer"];
  const badStd = standardizerError(standardizer, problem.value, data?.name === s.dataset ? data : undefined);
  if (badStd) return { ok: false, error: `invalid network file: ${badStd}` };
  const shapes = weightShapes(network.value);
  const raw = decodeWeights(s.weights.raw, "raw", shapes);
  if (!raw.ok) return { ok: false, error: `invalid network file: ${raw.error}` };
  const ema = decodeWeights(s.weights.ema, "EMA", shapes);
  if (!ema.ok) return { ok: false, error: `invalid network file: ${ema.error}` };
  const history = decodeFloat32(s.lossHistory);
  if (!history)
    return { ok: false, error: "invalid network file: lossHistory is not valid base64 float32 data" };
  const badHistory = historyError(s.trainSteps, history);
  if (badHistory) return { ok: false, error: `invalid network file: ${badHistory}` };
  let net: EpsNetwork | null = null;
  try {
    net = new EpsNetwork(
      {
        config: network.value,
        problem: problem.value,
        standardizer,
        dataset: s.dataset,
        seed: s.seed,
      },
      raw.value,
      ema.value,
    );
    net.trainSteps = s.trainSteps;
    net.lossHistory = Array.from(history);
    if (s.train) net.trainSettings = { ...s.train };
    const badOutput = probeError(net);
    if (badOutput) {
      net.dispose();
      return { ok: false, error: `invalid network file: ${badOutput}` };
    }
    return { ok: true, value: net };
  } catch (err) {
    net?.dispose();
    return {
      ok: false,
      error: `could not build the network: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
}

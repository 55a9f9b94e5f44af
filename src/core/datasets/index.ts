// Where the training points come from: the course's mixture (default), a seeded preset, or a
// user's own points (drawn or pasted). Everything downstream (standardisation, training, the
// perfect network, quality figures, contours) follows the resolved data set.
import { type Dataset, fitStandardizer, tutorialDataset } from "../data";
import type { Mixture2D } from "../types";
import { MAX_ABS_COORD, MAX_CSV_POINTS, MIN_POINTS, spreadProblem } from "./csv";
import { dataFingerprint } from "./fingerprint";
import { PRESET_NAMES, PRESETS, type PresetName, presetMixture, presetPoints } from "./presets";

export type DataSource =
  | { kind: "tutorial" }
  | { kind: "preset"; name: PresetName; n: number; seed: number }
  | { kind: "custom"; points: Float32Array; label: string };

/** A Dataset (name = label) with where it came from and its fingerprint. */
export interface LabData extends Dataset {
  source: DataSource;
  label: string;
  /** Training points in raw units, interleaved (float32). */
  points: Float32Array;
  /** The exact population mixture when one is known (the course's set, the unequal preset). */
  mixture: Mixture2D | null;
  fingerprint: string;
}

export function resolveData(source: DataSource): LabData {
  if (source.kind === "tutorial") {
    const d = tutorialDataset();
    const label = "the course's mixture (300 points)";
    return {
      source,
      name: label,
      label,
      points: d.points,
      mixture: d.mixture,
      fingerprint: dataFingerprint(d.points),
    };
  }
  if (source.kind === "preset") {
    const points = presetPoints(source.name, source.n, source.seed);
    const label = `${PRESETS[source.name].label} (${source.n} points, seed ${source.seed})`;
    return {
      source,
      name: label,
      label,
      points,
      mixture: presetMixture(source.name),
      fingerprint: dataFingerprint(points),
    };
  }
  return {
    source,
    name: source.label,
    label: source.label,
    points: source.points,
    mixture: null,
    fingerprint: dataFingerprint(source.points),
  };
}

export { MAX_CSV_POINTS, MIN_POINTS, parsePointsCsv, pointsToCsv } from "./csv";
export { dataFingerprint } from "./fingerprint";
export { gaussianKde, KDE_MAX_COMPONENTS, kdeMixture } from "./kde";
export { PRESET_NAMES, PRESETS, type PresetName, presetMixture, presetPoints } from "./presets";

/** Preset size knob: enough points to show a shape, few enough to train and plot quickly. */
export const PRESET_N_MIN = 50;
export const PRESET_N_MAX = 5000;
const SEED_LIMIT = 2 ** 31 - 1;

/**
 * Validates a data source from a control, the link, a file or the CLI: the checked source, or a
 * message saying what is allowed (the current data then stays).
 */
export function checkSource(v: unknown): { ok: true; source: DataSource } | { ok: false; error: string } {
  if (typeof v !== "object" || v === null) return { ok: false, error: "the data source must be an object" };
  const s = v as Record<string, unknown>;
  if (s.kind === "tutorial") return { ok: true, source: { kind: "tutorial" } };
  if (s.kind === "preset") {
    if (!PRESET_NAMES.includes(s.name as PresetName))
      return { ok: false, error: `the preset must be one of ${PRESET_NAMES.join(", ")}` };
    const n = s.n;
    if (typeof n !== "number" || !Number.isInteger(n) || n < PRESET_N_MIN || n > PRESET_N_MAX)
      return {
        ok: false,
        error: `the number of points must be a whole number from ${PRESET_N_MIN} to ${PRESET_N_MAX}`,
      };
    const seed = s.seed;
    if (typeof seed !== "number" || !Number.isInteger(seed) || seed < 0 || seed > SEED_LIMIT)
      return { ok: false, error: `the data seed must be a whole number from 0 to ${SEED_LIMIT}` };
    return { ok: true, source: { kind: "preset", name: s.name as PresetName, n, seed } };
  }
  if (s.kind === "custom") {
    const p = s.points;
    if (!(p instanceof Float32Array) || p.length % 2 !== 0)
      return { ok: false, error: "your points must be x,y pairs" };
    const n = p.length / 2;
    if (n < MIN_POINTS || n > MAX_CSV_POINTS)
      return { ok: false, error: `a data set needs ${MIN_POINTS} to ${MAX_CSV_POINTS} points (found ${n})` };
    for (const c of p)
      if (!(Math.abs(c) <= MAX_ABS_COORD))
        return { ok: false, error: `coordinates must be finite and within +-${MAX_ABS_COORD}` };
    const spread = spreadProblem(p);
    if (spread) return { ok: false, error: spread };
    const label =
      typeof s.label === "string" && s.label !== "" ? s.label.slice(0, 100) : `your points (${n})`;
    return { ok: true, source: { kind: "custom", points: p, label } };
  }
  return { ok: false, error: "the data source must be the course's mixture, a preset or your own points" };
}

/** The short name of a source for labels ("course", "ring", "your points"). */
export function sourceName(s: DataSource): string {
  return s.kind === "tutorial"
    ? "the course's mixture"
    : s.kind === "preset"
      ? PRESETS[s.name].label
      : s.label;
}

/** The data's mean as a one-component "mixture" (for readouts that need cluster means). */
export function meanMixture(points: ArrayLike<number>): Mixture2D {
  const { mean, std } = fitStandardizer(points);
  return {
    weights: [1],
    means: [[mean[0], mean[1]]],
    covs: [
      [
        [std[0] ** 2, 0],
        [0, std[1] ** 2],
      ],
    ],
  };
}

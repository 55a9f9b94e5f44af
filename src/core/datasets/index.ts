// Where the training points come from: the course's mixture (default), a seeded preset, or a
// user's own points (drawn or pasted). Everything downstream (standardisation, training, the
// perfect network, quality figures, contours) follows the resolved data set.
import { tutorialDataset } from "../data";
import type { Mixture2D } from "../types";
import { dataFingerprint } from "./fingerprint";
import { PRESETS, type PresetName, presetMixture, presetPoints } from "./presets";

export type DataSource =
  | { kind: "tutorial" }
  | { kind: "preset"; name: PresetName; n: number; seed: number }
  | { kind: "custom"; points: Float32Array; label: string };

export interface LabData {
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
    return {
      source,
      label: "the course's mixture (300 points)",
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
      label,
      points,
      mixture: presetMixture(source.name),
      fingerprint: dataFingerprint(points),
    };
  }
  return {
    source,
    label: source.label,
    points: source.points,
    mixture: null,
    fingerprint: dataFingerprint(source.points),
  };
}

export { MAX_CSV_POINTS, MIN_POINTS, parsePointsCsv, pointsToCsv } from "./csv";
export { dataFingerprint } from "./fingerprint";
export { gaussianKde } from "./kde";
export { PRESET_NAMES, PRESETS, type PresetName, presetMixture, presetPoints } from "./presets";

// `--data`: the data set a command trains on, samples for or measures against: the course's
// mixture (default), a seeded preset, or a CSV file of x,y points read with the same rules as the
// dashboard (core/datasets/csv.ts) and the CLI's byte cap. A network belongs to its data: its
// saved dataset name must match (docs/math.md, "Data and standardisation").
import type { Dataset } from "../src/core/data";
import { tutorialDataset } from "../src/core/data";
import {
  type LabData,
  PRESET_NAMES,
  PRESETS,
  type PresetName,
  parsePointsCsv,
  resolveData as resolveLabData,
} from "../src/core/datasets";
import { MAX_CSV_BYTES } from "../src/core/datasets/csv";
import { empiricalMixture } from "../src/core/mixture";
import { shown, UsageError } from "./args";
import { readCapped } from "./files";

export interface CliData {
  dataset: Dataset;
  /**
   * Whether the population density is known (the course's mixture, the unequal preset): only then
   * are the perfect network ("oracle") and the mixture-based quality figures defined.
   */
  hasDensity: boolean;
}

/** Seed of a preset's points in the CLI: presets are drawn with their default n and seed 0. */
const PRESET_SEED = 0;

function isPreset(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}

/**
 * Core's Dataset for a resolved data set. One with no known density still needs a Mixture2D for
 * core's Problem type: it gets the points' own empirical mixture, which only the memorising
 * "empirical" predictor would read (the "oracle" model and the quality figures are refused).
 */
function toCli(name: string, lab: LabData): CliData {
  const mixture = lab.mixture ?? empiricalMixture(lab.points);
  return { dataset: { name, points: lab.points, mixture }, hasDensity: lab.mixture !== null };
}

export function resolveData(spec: string | undefined, flag = "data"): CliData {
  if (spec === undefined || spec === "tutorial") return { dataset: tutorialDataset(), hasDensity: true };
  if (isPreset(spec)) {
    const lab = resolveLabData({ kind: "preset", name: spec, n: PRESETS[spec].defaultN, seed: PRESET_SEED });
    return toCli(`${spec}:${lab.fingerprint}`, lab);
  }
  // Anything else is a .csv path (the --data flag admits nothing else).
  const bytes = readCapped(spec, flag);
  if (bytes.length > MAX_CSV_BYTES)
    throw new UsageError(`--${flag}: file ${shown(spec)} is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB`);
  const csv = parsePointsCsv(bytes.toString("utf8"));
  if (!csv.ok) throw new UsageError(`--${flag}: ${shown(spec)}: ${csv.error}`);
  const lab = resolveLabData({ kind: "custom", points: csv.points, label: spec });
  return toCli(`csv:${lab.fingerprint}`, lab);
}

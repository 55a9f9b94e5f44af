// The quality figures of a sample set (raw units) for the data set in use (docs/math.md,
// "Quality figures"). With a known density (the course's mixture, the unequal preset) they are
// all of core's figures against the population. Without one (moons, ring, spiral, line, CSV
// files) the data points themselves are the reference sample: only the energy distance to them is
// defined; mode fractions, the off-manifold share and the NLL need a density and are left out,
// with a note that says so.
import { energyEstimate, referenceStats } from "../src/core/energy";
import { finitePoints, type Quality, quality, Reference } from "../src/core/metrics";
import type { CliData } from "./data";

export interface DataFigures {
  /** Energy distance to the data points (U-statistic, may be slightly negative) and its standard error. */
  energyDistance: number;
  energySe: number;
  note: string;
}

export function qualityFigures(samplesRaw: ArrayLike<number>, data: CliData): Quality | DataFigures {
  const { dataset } = data;
  if (data.hasDensity) return quality(samplesRaw, new Reference(dataset.mixture, dataset.points));
  const ref = Float64Array.from(dataset.points);
  const e = energyEstimate(finitePoints(samplesRaw), ref, referenceStats(ref));
  return {
    energyDistance: e.value,
    energySe: e.se,
    note: "no known density for this data set: the energy distance is to its points; mode fractions, off-manifold share and NLL need a density",
  };
}

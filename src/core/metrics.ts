// Quality figures of a sample set against the population mixture, in raw units (docs/math.md, "Quality figures").
import { energyEstimate, type ReferenceStats, referenceStats } from "./energy";
import { MixtureDensity, sampleMixture } from "./mixture";
import { Rng, STREAM } from "./random";
import type { Mixture2D } from "./types";

export interface Quality {
  /** Energy distance to a fixed reference sample (U-statistic; may be slightly negative). */
  energyDistance: number;
  /** Its standard error (first-order spread and noise floor in quadrature); formatEnergy shows both. */
  energySE: number;
  /** The estimate's spread for exact samples at this number of points (the noise floor). */
  energyFloor: number;
  /** Share of samples whose MAP component is k (empty when no density is known). */
  modeFractions: number[];
  /** Share with squared Mahalanobis distance > 13.82 to every component (NaN when no density is known). */
  offManifold: number;
  /** Mean negative log-likelihood under the true mixture, nats (NaN when no density is known). */
  nll: number;
  /**
   * Why mode fractions, off-manifold share and NLL are not defined for this data (no known
   * density), or absent when they are. The energy distance then compares with the data itself.
   */
  noDensity?: string;
  /** Share of samples within 0.05 of a training point. */
  memorized: number;
  /** Number of samples with a non-finite coordinate (they are left out of every figure). */
  nonFinite: number;
}

export const OFF_MANIFOLD_CHI2 = 13.82; // chi^2_2 quantile 0.999
export const MEMO_RADIUS = 0.05;
export const REFERENCE_SIZE = 5000;

export const NO_DENSITY =
  "mode fractions, off-manifold share and NLL need the data's true density, which is not known for " +
  "this data set; the energy distance compares with the training points themselves";

/**
 * A fixed reference sample of the population with its self term precomputed once. With no known
 * density (mixture null) the training points themselves are the reference sample
 * (docs/math.md, "Quality figures").
 */
export class Reference {
  readonly points: Float64Array;
  readonly selfTerm: number;
  readonly stats: ReferenceStats;
  readonly density: MixtureDensity | null;
  constructor(
    readonly mixture: Mixture2D | null,
    readonly training: ArrayLike<number>,
    size = REFERENCE_SIZE,
    seed = 12345,
    /**
     * The same reference's stats, computed elsewhere (another worker): used, not computed again,
     * when they describe as many points as this reference holds.
     */
    stats?: ReferenceStats,
  ) {
    this.points = mixture
      ? sampleMixture(mixture, size, new Rng(seed, STREAM.reference))
      : Float64Array.from(training);
    this.stats = stats?.moments.n === this.points.length / 2 ? stats : referenceStats(this.points);
    this.selfTerm = this.stats.selfTerm;
    this.density = mixture ? new MixtureDensity(mixture) : null;
  }
}

export function energyDistance(samples: Float64Array, ref: Reference): number {
  return energyEstimate(samples, ref.points, ref.stats).value;
}

/** Keep only the points with both coordinates finite. */
export function finitePoints(samples: ArrayLike<number>): Float64Array {
  const keep: number[] = [];
  for (let i = 0; i < samples.length; i += 2) {
    if (Number.isFinite(samples[i]) && Number.isFinite(samples[i + 1])) keep.push(samples[i], samples[i + 1]);
  }
  return Float64Array.from(keep);
}

export function quality(samplesRaw: ArrayLike<number>, ref: Reference): Quality {
  const x = finitePoints(samplesRaw);
  const n = x.length / 2;
  const nonFinite = samplesRaw.length / 2 - n;
  const density = ref.density;
  const K = ref.mixture ? ref.mixture.weights.length : 0;
  const counts = new Array(K).fill(0);
  let off = 0;
  let nll = 0;
  let memo = 0;
  const tr = ref.training;
  const nt = tr.length / 2;
  const r2 = MEMO_RADIUS * MEMO_RADIUS;
  for (let i = 0; i < n; i++) {
    const px = x[2 * i];
    const py = x[2 * i + 1];
    if (density) {
      counts[density.mapComponent(px, py)]++;
      if (density.minMahalanobis2(px, py) > OFF_MANIFOLD_CHI2) off++;
      nll -= density.logDensity(px, py);
    }
    for (let j = 0; j < nt; j++) {
      const dx = px - tr[2 * j];
      const dy = py - tr[2 * j + 1];
      if (dx * dx + dy * dy <= r2) {
        memo++;
        break;
      }
    }
  }
  const ed =
    n >= 2
      ? energyEstimate(x, ref.points, ref.stats)
      : { value: Number.NaN, se: Number.NaN, floor: Number.NaN };
  const q: Quality = {
    energyDistance: ed.value,
    energySE: ed.se,
    energyFloor: ed.floor,
    modeFractions: counts.map((c) => (n > 0 ? c / n : 0)),
    offManifold: density && n > 0 ? off / n : density ? 0 : Number.NaN,
    nll: density && n > 0 ? nll / n : Number.NaN,
    memorized: n > 0 ? memo / n : 0,
    nonFinite,
  };
  if (!density) q.noDensity = NO_DENSITY;
  return q;
}

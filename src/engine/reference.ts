// The engine's quality reference and the cost guard of the memorising perfect network: both
// depend only on the lab's data set (docs/math.md, "Quality figures").
import type { SamplerConfig } from "../core/config";
import type { Dataset } from "../core/data";
import type { ReferenceStats } from "../core/energy";
import type { Problem } from "../core/experiment";
import { REFERENCE_SIZE, Reference } from "../core/metrics";
import { SAMPLERS } from "../core/samplers";
import type { ModelChoice } from "./api";

/** A reference's stats as one worker hands them to another with the same data set. */
export interface SharedReference {
  /** The data set's fingerprint (src/core/datasets/fingerprint.ts). */
  fingerprint: string;
  stats: ReferenceStats;
}

/**
 * An engine's quality Reference: built once per data set (its 5000-point self term costs ~30 ms
 * warm, ~50-100 ms in a worker that has just started), or made from the stats another worker
 * handed over for the same data set, so a pool's extra workers do not build it again
 * (docs/architecture.md, "engine/").
 */
export class ReferenceCache {
  private cached: { dataset: Dataset; ref: Reference; handed: boolean } | null = null;
  private handed: SharedReference | null = null;

  of(dataset: Dataset, fingerprint: string): Reference {
    if (this.cached?.dataset !== dataset) {
      const stats = this.handed?.fingerprint === fingerprint ? this.handed.stats : undefined;
      const ref = new Reference(dataset.mixture, dataset.points, REFERENCE_SIZE, undefined, stats);
      // Reference uses them only if they fit its points.
      this.cached = { dataset, ref, handed: stats !== undefined && ref.stats === stats };
    }
    return this.cached.ref;
  }

  /** How the reference of this data set came to be: not yet, built here, or handed over. */
  source(dataset: Dataset): "none" | "built" | "handed" {
    if (this.cached?.dataset !== dataset) return "none";
    return this.cached.handed ? "handed" : "built";
  }

  /**
   * Builds the Reference in the next task, once the call that made a data set or network current
   * has answered: at start-up the worker then waits for the page's first sampling call anyway,
   * and the first column's figures no longer pay for it (docs/bench.md, "Page timings"). A call
   * that arrives first runs first only if the build has not started; either way it is built once.
   */
  warm(current: () => [Dataset, string]): void {
    setTimeout(() => this.of(...current()), 0);
  }

  /** Keeps another worker's stats for when this engine's data set has that fingerprint. */
  hand(shared: SharedReference): void {
    this.handed = shared;
  }
}

/** Measured in Node (scripts/measure-data.ts's machine): about 5e7 Gaussian terms per second. */
const EVALS_PER_SECOND = 5e7;
/** About 30 s of work: well inside the client's compute time limit per call. */
export const EMPIRICAL_BUDGET = 30 * EVALS_PER_SECOND;

/**
 * The memorising perfect network costs one Gaussian per data point per sample per call: with a
 * large own data set a long sampler would run past the compute time limit (and restart the
 * worker), so such a request is refused up front with what to change.
 */
export function checkPerfectCost(
  problem: Problem,
  dataset: Dataset,
  choice: ModelChoice,
  sampler: SamplerConfig,
  n: number,
): void {
  if (choice === "network" || (choice === "oracle" && problem.modelMixture)) return;
  const nData = dataset.points.length / 2;
  const cost = nData * SAMPLERS[sampler.sampler].nfe(sampler.steps) * n;
  if (cost > EMPIRICAL_BUDGET)
    throw new Error(
      `the memorising perfect network over ${nData} data points would take about ${Math.round(cost / EVALS_PER_SECOND)} s for ${n} samples at S=${sampler.steps}; use fewer steps, fewer samples or fewer data points`,
    );
}

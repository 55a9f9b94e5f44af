// The engine's quality reference and the cost guard of the memorising perfect network: both
// depend only on the lab's data set (docs/math.md, "Quality figures").
import type { SamplerConfig } from "../core/config";
import type { Dataset } from "../core/data";
import type { Problem } from "../core/experiment";
import { Reference } from "../core/metrics";
import { SAMPLERS } from "../core/samplers";
import type { ModelChoice } from "./api";

let cachedReference: { dataset: Dataset; ref: Reference } | null = null;

/** The quality Reference of a dataset, built once (its 5000-point self term costs ~100 ms). */
export function referenceOf(dataset: Dataset): Reference {
  if (cachedReference?.dataset !== dataset) {
    cachedReference = { dataset, ref: new Reference(dataset.mixture, dataset.points) };
  }
  return cachedReference.ref;
}

/** Whether the Reference of this dataset is built (the one cached). */
export function referenceBuilt(dataset: Dataset): boolean {
  return cachedReference?.dataset === dataset;
}

/**
 * Builds the Reference in the next task, once the call that made a data set or network current
 * has answered: at start-up the worker then waits for the page's first sampling call anyway, and
 * the first column's figures no longer pay ~100 ms (docs/bench.md, "Page timings"). A call that
 * arrives first runs first only if the build has not started; either way it is built once.
 */
export function warmReference(dataset: () => Dataset): void {
  setTimeout(() => referenceOf(dataset()), 0);
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

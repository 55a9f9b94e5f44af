// Turns sweep points into chart rows and a one-line reading of the result.
import type { ModelChoice } from "../../engine/api";
import { SWEEP_ETAS, type SweepPoint } from "../../state/compareSweep";

/** The sweep's models as the legend and the table name them. */
export const MODEL_NAMES: Record<ModelChoice, string> = {
  network: "trained",
  oracle: "perfect",
  empirical: "memorising",
};

export const seriesKey = (model: ModelChoice, eta: number) => `${model}:${eta}`;

export interface SweepRow {
  steps: number;
  [series: string]: number;
}

/** The estimator's noise floor for the sweep's n (all runs share it), or null before any result. */
export function sweepFloor(points: SweepPoint[]): number | null {
  const f = points.find((p) => Number.isFinite(p.floor))?.floor;
  return f === undefined ? null : f;
}

/** One row per S; with `floor`, values are raised to it (a log axis cannot show values <= 0). */
export function sweepRows(points: SweepPoint[], floor?: number): SweepRow[] {
  const bySteps = new Map<number, SweepRow>();
  for (const p of points) {
    const row = bySteps.get(p.steps) ?? { steps: p.steps };
    row[seriesKey(p.model, p.eta)] =
      floor === undefined ? p.energyDistance : Math.max(p.energyDistance, floor);
    bySteps.set(p.steps, row);
  }
  return [...bySteps.values()].sort((a, b) => a.steps - b.steps);
}

function at(points: SweepPoint[], model: ModelChoice, eta: number, steps: number): number | undefined {
  return points.find((p) => p.model === model && p.eta === eta && p.steps === steps)?.energyDistance;
}

/** A sentence on what the curves show, from the numbers themselves. */
export function sweepReading(points: SweepPoint[]): string {
  const small = Math.min(...points.map((p) => p.steps));
  const oracle0 = at(points, "oracle", 0, small);
  const oracle1 = at(points, "oracle", 1, small);
  const net0 = at(points, "network", 0, small);
  if (oracle0 === undefined || oracle1 === undefined) {
    return "Lower is better. Run the sweep to see how sample quality depends on the number of steps.";
  }
  const f = (v: number) => v.toFixed(3);
  const winner = oracle0 < oracle1 ? "eta=0 (deterministic DDIM) beats eta=1" : "eta=1 beats eta=0";
  const net = net0 !== undefined ? `; the trained network adds its own error (${f(net0)} at eta=0)` : "";
  const etas = SWEEP_ETAS.join(", ");
  return (
    `At S=${small} with the perfect network, ${winner} (${f(oracle0)} vs ${f(oracle1)})${net}. ` +
    `As S grows the eta=${etas} curves meet: few steps favour the deterministic sampler (DDIM paper, Table 1).`
  );
}

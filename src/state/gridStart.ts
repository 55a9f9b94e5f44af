// The comparison grid's first request, sent as soon as a network is current instead of from the
// panel's effect: at start-up the first render holds the page's thread for another ~200 ms before
// effects run, and the workers would wait that long (docs/bench.md, "Page timings"). The panel's
// effect then finds the columns on their way (same keys) and sends nothing twice; the panel's
// effect calls the same function for every later change (edits, a new network, Dismiss).
import { useCompare } from "./compare";
import { samplingContext } from "./labContext";
import { useApp } from "./store";
import { runFlags } from "./trainingRun";
import { panelShown } from "./view";

/**
 * Samples the grid's missing or stale columns now, when the panel is (or will be) on the page and
 * may sample: a network is loaded, training does not hold the worker, no failure is waiting to be
 * dismissed (Dismiss = try again).
 */
export function sampleGridNow(): void {
  const { engine, network, networkVersion, training, hidden } = useApp.getState();
  if (!engine || !network || !panelShown("compare", hidden)) return;
  if (runFlags(training, true).workerBusy) return;
  const grid = useCompare.getState();
  if (grid.error !== null) return;
  grid.setContext(samplingContext(network, networkVersion));
  void useCompare.getState().runStale(engine);
}

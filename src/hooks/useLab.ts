// What the sampling panels (comparison, interpolation, the training preview) need from the app
// store, in one place: the engine, whether a network is loaded, T of the current problem, an
// identity of the current weights, and whether the worker is busy training.
import { T_MAX } from "../core/schedule";
import { useApp, useEngine } from "../state/store";
import { useRunFlags } from "./useRunFlags";

export function useLab() {
  const engine = useEngine();
  const network = useApp((s) => s.network);
  const networkVersion = useApp((s) => s.networkVersion);
  const problem = network?.problem;
  const { workerBusy } = useRunFlags();
  return {
    engine,
    /** A network is loaded: the "trained network" model can be sampled. */
    ready: engine !== null && network !== null,
    // The network's T. The schedule panel's T (and a link's T=) is the setting for the next network,
    // so until a network is loaded nothing is limited by it: a link's ?T=100 must not cut the
    // headline columns to S=100 while the network that will sample them has T=500.
    T: problem?.T ?? T_MAX,
    problemKey: problem ? `${problem.T}/${problem.schedule}/${problem.units}` : "",
    netVersion: `${network?.origin ?? "none"}#${networkVersion}`,
    /** Sampling while the worker trains would wait behind it (and the network is about to change). */
    trainingRuns: workerBusy,
  };
}

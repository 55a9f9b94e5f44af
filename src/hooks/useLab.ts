// What the sampling panels (comparison, interpolation, the training preview) need from the app
// store, in one place: the engine, whether a network is loaded, T of the current problem, an
// identity of the current weights, and whether the worker is busy training.
import { samplingContext } from "../state/labContext";
import { useApp, useEngine } from "../state/store";
import { useRunFlags } from "./useRunFlags";

export function useLab() {
  const engine = useEngine();
  const network = useApp((s) => s.network);
  const networkVersion = useApp((s) => s.networkVersion);
  const { workerBusy } = useRunFlags();
  return {
    engine,
    /** A network is loaded: the "trained network" model can be sampled. */
    ready: engine !== null && network !== null,
    ...samplingContext(network, networkVersion),
    /** Sampling while the worker trains would wait behind it (and the network is about to change). */
    trainingRuns: workerBusy,
  };
}

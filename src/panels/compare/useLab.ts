// What the comparison and interpolation panels need from the app store, in one place: the engine,
// whether a network is loaded, T of the current problem and an identity of the current weights.
import { useApp, useEngine } from "../../state/store";

export function useLab() {
  const engine = useEngine();
  const network = useApp((s) => s.network);
  const networkVersion = useApp((s) => s.networkVersion);
  const settingsT = useApp((s) => s.settings.T);
  const problem = network?.problem;
  const training = useApp((s) => s.training);
  return {
    engine,
    /** A network is loaded: the "trained network" model can be sampled. */
    ready: engine !== null && network !== null,
    T: problem?.T ?? settingsT,
    problemKey: problem ? `${problem.T}/${problem.schedule}/${problem.units}` : "",
    netVersion: `${network?.origin ?? "none"}#${networkVersion}`,
    /** Sampling while training runs would compete for the worker: wait for it. */
    trainingRuns: training === "running",
  };
}

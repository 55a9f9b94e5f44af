// What sampling with the current network depends on, from the app store's network and its
// version: the comparison grid keys its results by it (src/state/compare.ts), and both the panels
// (hooks/useLab.ts) and the start-up (state/gridStart.ts) read it from here.
import { T_MAX } from "../core/schedule";
import type { NetworkInfo } from "../engine/api";
import type { CompareContext } from "./compare";

export function samplingContext(network: NetworkInfo | null, networkVersion: number): CompareContext {
  const problem = network?.problem;
  return {
    // The schedule panel's T (and a link's T=) is the setting for the next network, so until a
    // network is loaded nothing is limited by it: a link's ?T=100 must not cut the headline
    // columns to S=100 while the network that will sample them has T=500.
    T: problem?.T ?? T_MAX,
    problemKey: problem ? `${problem.T}/${problem.schedule}/${problem.units}` : "",
    netVersion: `${network?.origin ?? "none"}#${networkVersion}`,
  };
}

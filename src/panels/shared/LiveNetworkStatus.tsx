// The header's network line bound to the store: which network is loaded and the run's phase.
import { useApp } from "../../state/store";
import { networkLabel } from "../../state/trainingRun";
import { NetworkStatus } from "../../ui/NetworkStatus";

export function LiveNetworkStatus() {
  const network = useApp((s) => s.network);
  const phase = useApp((s) => s.training);
  const step = useApp((s) => s.step);
  const starting = useApp((s) => s.starting);
  if (!network) return <NetworkStatus label={starting ? "loading the network..." : "no network loaded"} />;
  // A run has not adopted its network yet (the engine still calls it fresh): its steps are the run's.
  const label = networkLabel(network.origin, phase === "idle" ? network.trainSteps : step, phase);
  return <NetworkStatus label={label} backend={network.backend} />;
}

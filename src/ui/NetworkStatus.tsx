// "pretrained network (N steps)" until the user trains or loads their own.
import { useApp } from "../state/store";

export function networkLabel(origin: string, steps: number, training: string): string {
  if (training === "running") return `training your network (${steps} steps so far)`;
  if (training === "paused") return `your network, paused (${steps} steps so far)`;
  switch (origin) {
    case "pretrained":
      return `pretrained network (${steps} steps)`;
    case "user":
      return `your network (${steps} steps)`;
    case "file":
      return `network from a file (${steps} steps)`;
    default:
      return "untrained network";
  }
}

export function NetworkStatus() {
  const network = useApp((s) => s.network);
  const training = useApp((s) => s.training);
  const step = useApp((s) => s.step);
  const starting = useApp((s) => s.starting);
  const midRun = training === "running" || training === "paused";
  const text = network
    ? networkLabel(
        // A run (running or paused) has not adopted its network yet: the engine still calls it fresh.
        midRun ? "user" : network.origin,
        midRun ? step : network.trainSteps,
        training,
      )
    : starting
      ? "loading the network..."
      : "no network loaded";
  return (
    <p className="network-status" aria-live="polite">
      Network: <strong>{text}</strong>
      {network ? <span className="muted"> · backend {network.backend}</span> : null}
    </p>
  );
}

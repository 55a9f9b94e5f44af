// The header's line about the network: "Network: pretrained network (2000 steps) · backend wasm".
// Presentational: the label comes from the training run's state (src/state/trainingRun.ts).

export interface NetworkStatusProps {
  /** e.g. "pretrained network (2000 steps)", or "loading the network..." before there is one. */
  label: string;
  /** The tfjs backend the worker runs on, when a network is loaded. */
  backend?: string | null;
}

export function NetworkStatus({ label, backend }: NetworkStatusProps) {
  return (
    <p className="network-status" aria-live="polite">
      Network: <strong>{label}</strong>
      {backend ? <span className="muted"> · backend {backend}</span> : null}
    </p>
  );
}

// The training run's flags (src/state/trainingRun.ts) for the current phase: what panels read
// instead of comparing phases themselves.
import { useApp } from "../state/store";
import { type RunFlags, runFlags } from "../state/trainingRun";

export function useRunFlags(): RunFlags {
  const phase = useApp((s) => s.training);
  const ready = useApp((s) => s.network !== null && s.engine !== null);
  return runFlags(phase, ready);
}

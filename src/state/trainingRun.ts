// The training run as one state machine: its phases, a pure transition function, and the flags
// the panels read (which buttons work, which settings may change, the header's label). Nothing
// else in the page decides "is a run going on"; the actions send events, the store keeps the phase.

/**
 * - idle: no run; every setting may change.
 * - running: the worker is training chunks.
 * - pausing: Pause was pressed; the worker stops at its next chunk boundary.
 * - stepping: Step was pressed; the worker trains one chunk, then pauses.
 * - paused: stopped between chunks; the optimiser's knobs may change, Resume goes on.
 * - diverged: paused after diverging, at the last good chunk; Resume goes on for the steps left.
 * - finishing: the worker's loop ended (done or diverged); the page settles which network stays.
 */
export type RunPhase = "idle" | "running" | "pausing" | "stepping" | "paused" | "diverged" | "finishing";

/** What the worker reports at the end of each chunk (TrainProgress.state). */
export type ProgressState = "running" | "paused" | "stopped" | "done" | "diverged";

export type RunEvent =
  /** Train: a fresh network and a new run. */
  | { type: "train" }
  /** Step: train one chunk and pause (starts a run when idle). */
  | { type: "step" }
  | { type: "pause" }
  | { type: "resume" }
  | { type: "progress"; state: ProgressState }
  /** The page settled which network a finished run leaves (diverged: paused at its checkpoint). */
  | { type: "settled"; diverged: boolean }
  /** An engine call of the run failed; `during` says which action, so the phase goes back to it. */
  | { type: "failed"; during: "train" | "resume" | "continue" }
  /** End run (keep the network as it is), Reset, or a loaded file replaced the network. */
  | { type: "end" };

const ACTIVE: readonly RunPhase[] = ["running", "pausing", "stepping"];

/** The next phase; an event that does not apply in a phase leaves it unchanged. */
export function nextPhase(phase: RunPhase, ev: RunEvent): RunPhase {
  switch (ev.type) {
    case "train":
      return phase === "idle" || phase === "diverged" ? "running" : phase;
    case "step":
      return phase === "idle" || phase === "paused" || phase === "diverged" ? "stepping" : phase;
    case "pause":
      return phase === "running" ? "pausing" : phase;
    case "resume":
      return phase === "paused" || phase === "diverged" ? "running" : phase;
    case "progress":
      return onProgress(phase, ev.state);
    case "settled":
      if (phase !== "finishing") return phase;
      return ev.diverged ? "diverged" : "idle";
    case "failed":
      if (!ACTIVE.includes(phase) && phase !== "finishing") return phase;
      return ev.during === "resume" ? "paused" : ev.during === "continue" ? "diverged" : "idle";
    case "end":
      return "idle";
  }
}

function onProgress(phase: RunPhase, state: ProgressState): RunPhase {
  // Reports from a run that is no longer ours (after End run or Reset) change nothing.
  if (phase === "idle" || phase === "finishing") return phase;
  switch (state) {
    case "running":
      // A chunk of a Step ran: the run pauses at the next boundary (the action sends the pause).
      return phase === "stepping" ? "pausing" : phase;
    case "paused":
      // A paused report while stepping comes before the stepped chunk (the resume is on its way).
      return phase === "stepping" ? phase : phase === "diverged" ? phase : "paused";
    case "stopped":
      return "idle";
    case "done":
    case "diverged":
      return ACTIVE.includes(phase) ? "finishing" : phase;
  }
}

export interface RunFlags {
  /** A network is loaded and the engine is up. */
  ready: boolean;
  /** The worker is busy training: sampling would wait behind it, the network is about to change. */
  workerBusy: boolean;
  /** The worker is running chunks: the network changes chunk by chunk (the live preview follows it). */
  chunking: boolean;
  /** A run exists (running, paused or paused after diverging): its network is not settled. */
  runOpen: boolean;
  canTrain: boolean;
  canPause: boolean;
  canResume: boolean;
  canStep: boolean;
  /** End run: keep the network as trained so far and unlock every setting. */
  canEnd: boolean;
  /** The button next to Train reads Resume (else Pause). */
  showResume: boolean;
  /** Learning rate, batch size, EMA decay: Resume applies them from the next chunk. */
  knobsEditable: boolean;
  /** Width, depth, activation, embedding, seed, backend, steps belong to the run's network. */
  architectureLocked: boolean;
  /** Save to file / Load from file (not while the worker trains). */
  canUseFiles: boolean;
  /** The readout after "Training: ". */
  phaseText: string;
  /** Why the architecture is locked, shown under the controls (null when it is not). */
  lockReason: string | null;
}

const PHASE_TEXT: Record<RunPhase, string> = {
  idle: "idle",
  running: "training...",
  pausing: "pausing...",
  stepping: "training one chunk...",
  paused: "paused",
  diverged: "paused after diverging",
  finishing: "finishing...",
};

/** The flags of a phase; `ready` = a network is loaded (nothing works before). */
export function runFlags(phase: RunPhase, ready: boolean): RunFlags {
  const workerBusy = ACTIVE.includes(phase) || phase === "finishing";
  const held = phase === "paused" || phase === "diverged";
  return {
    ready,
    workerBusy,
    chunking: ACTIVE.includes(phase),
    runOpen: phase !== "idle",
    canTrain: ready && (phase === "idle" || phase === "diverged"),
    canPause: phase === "running" || phase === "stepping",
    canResume: held,
    canStep: ready && (phase === "idle" || held),
    canEnd: held,
    showResume: held,
    knobsEditable: phase === "idle" || held,
    architectureLocked: phase !== "idle",
    canUseFiles: ready && !workerBusy,
    phaseText: PHASE_TEXT[phase],
    lockReason: held
      ? "The network's shape, seed, backend and step count belong to this run: Resume continues the same network. Press End run to change them for a new one."
      : null,
  };
}

export type NetworkOrigin = "pretrained" | "user" | "file" | "fresh";

/** The header's name for the current network ("pretrained network (2000 steps)"). */
export function networkLabel(origin: NetworkOrigin, steps: number, phase: RunPhase): string {
  if (phase === "running" || phase === "pausing" || phase === "stepping" || phase === "finishing")
    return `training your network (${steps} steps so far)`;
  if (phase === "paused") return `your network, paused (${steps} steps so far)`;
  if (phase === "diverged") return `your network, paused after diverging (${steps} steps)`;
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

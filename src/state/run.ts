// The buttons of a training run: Train, Step, Pause, Resume, End run. Each sends an event to the
// run's state machine (trainingRun.ts) and makes the engine calls that go with it; which network a
// finished run leaves behind is settled here. Errors land in the store as messages, never thrown.
import type { TrainProgress } from "../engine/api";
import type { LossPoint } from "./lossHistory";
import { messageOf } from "./messages";
import { persistNow } from "./saving";
import { engineSettings, reconcile, type Settings } from "./settings";
import { adoptNetwork, applyProgress, dispatch, requireEngine, useApp } from "./store";
import { runFlags } from "./trainingRun";

type AppState = ReturnType<typeof useApp.getState>;

/** The optimiser's knobs as the controls have them now (they may change between runs or while paused). */
function optimiserKnobs({ lr, batch, emaDecay }: Settings) {
  return { lr, batch, emaDecay };
}

const flagsNow = () => {
  const s = useApp.getState();
  return runFlags(s.training, s.network !== null && s.engine !== null);
};

/** Trains a new network from scratch with the current knobs (Step: only its first chunk, then pauses). */
export async function train(mode: "train" | "step" = "train"): Promise<void> {
  const s = useApp.getState();
  const f = flagsNow();
  if (!s.engine || !(mode === "train" ? f.canTrain : f.canStep && s.training === "idle")) return;
  dispatch({ type: mode });
  useApp.setState({ trainError: null, loss: [], step: 0, stepsPerSecond: 0, target: s.settings.trainSteps });
  try {
    const previous = await keepPrevious(s);
    adoptNetwork(await s.engine.init(engineSettings(s.settings)));
    useApp.setState({ loss: [], target: s.settings.trainSteps });
    await finishRun(await s.engine.train(s.settings.trainSteps, onProgress), previous);
  } catch (e) {
    dispatch({ type: "failed", during: "train" });
    useApp.setState({ trainError: `Training failed: ${messageOf(e)}` });
  }
}

/**
 * After a divergence the run is paused at its last good checkpoint; Resume goes on from there for
 * the steps that were left, with the knobs as they are now (a lower learning rate, say).
 */
async function continueAfterDivergence(mode: "resume" | "step"): Promise<void> {
  const s = useApp.getState();
  if (!s.engine || s.training !== "diverged") return;
  const left = Math.max(1, s.target - s.step);
  dispatch({ type: mode });
  useApp.setState({ trainError: null, stepsPerSecond: 0 });
  try {
    await finishRun(await s.engine.train(left, onProgress, optimiserKnobs(s.settings)), null);
  } catch (e) {
    dispatch({ type: "failed", during: "continue" });
    useApp.setState({ trainError: `Training failed: ${messageOf(e)}` });
  }
}

/** Settles which network a finished run leaves behind, then ends the run and saves it. */
async function finishRun(final: TrainProgress, previous: Previous | null): Promise<void> {
  // Ended = End run, Reset or a file load took over the network: theirs to adopt and save.
  if (useApp.getState().training === "idle" || final.state === "stopped") {
    dispatch({ type: "end" });
    return;
  }
  const info = await requireEngine().info();
  // With nothing learnt, a diverged run's checkpoint is (nearly) the random initial weights: the
  // network it replaced comes back instead of a paused run not worth resuming.
  if (final.state === "diverged" && info.trainSteps < NOTHING_LEARNT_STEPS && previous) {
    await bringBack(previous, final.step + 1);
    dispatch({ type: "settled", diverged: false });
    return;
  }
  // The trained network is adopted as the run ends, in one update, so the header never shows the
  // fresh network's "untrained" label and the panels sample the new weights once, not twice.
  useApp.setState((st) => ({ network: info, step: info.trainSteps, networkVersion: st.networkVersion + 1 }));
  dispatch({ type: "settled", diverged: final.state === "diverged" });
  await persistNow();
}

/**
 * A run that diverges within this many steps has learnt nothing (its loss is still at the untrained
 * level; chunks may be a single step, so "no good chunk" alone would not catch it).
 */
export const NOTHING_LEARNT_STEPS = 25;

/** The network a new run replaces, with its loss history (null if it cannot be saved). */
interface Previous {
  saved: unknown;
  origin: "pretrained" | "user" | "file";
  loss: LossPoint[];
}

async function keepPrevious(s: AppState): Promise<Previous | null> {
  const origin = s.network?.origin;
  if (!s.engine || !origin || origin === "fresh") return null;
  try {
    return { saved: await s.engine.saveNetwork(), origin, loss: s.loss };
  } catch {
    return null;
  }
}

/**
 * Brings back the network a run replaced (a learning rate of 10 must not cost the user the network
 * they had); nothing is saved over it, and the message says so.
 */
async function bringBack(previous: Previous, divergedAt: number): Promise<void> {
  const info = await requireEngine().loadNetwork(previous.saved, previous.origin);
  const st = useApp.getState();
  useApp.setState({
    settings: reconcile({ ...st.settings, ...info.problem, ...info.config }).settings,
    // No run: the readout shows the kept network's step count (set together, not a "0" between).
    target: 0,
    step: info.trainSteps,
    trainError: `Training diverged at step ${divergedAt} (within its first ${NOTHING_LEARNT_STEPS} steps): nothing was learnt, so your previous network is back. Try a lower learning rate.`,
  });
  adoptNetwork(info, previous.loss);
}

function onProgress(p: TrainProgress): void {
  applyProgress(p);
  // Pausing (Pause pressed before the worker's loop began, or a Step's chunk is done): ask again
  // at every chunk boundary until the worker reports paused.
  if (p.state === "running" && useApp.getState().training === "pausing") void requireEngine().pause();
  if (p.state === "paused") void persistNow();
}

export async function pause(): Promise<void> {
  if (!flagsNow().canPause) return;
  dispatch({ type: "pause" });
  await requireEngine().pause();
}

export async function resume(mode: "resume" | "step" = "resume"): Promise<void> {
  const s = useApp.getState();
  if (s.training === "diverged") return continueAfterDivergence(mode);
  if (s.training !== "paused") return;
  dispatch({ type: mode });
  // Knobs changed while paused (a lower learning rate, say) apply from the next chunk on.
  try {
    await requireEngine().resume(optimiserKnobs(s.settings));
  } catch (e) {
    dispatch({ type: "failed", during: "resume" });
    useApp.setState({ trainError: `Could not resume: ${messageOf(e)}` });
  }
}

/** One chunk of training, then paused (a run starts when there is none), so a teacher can narrate. */
export async function step(): Promise<void> {
  if (!flagsNow().canStep) return;
  if (useApp.getState().training === "idle") return train("step");
  return resume("step");
}

/** Ends a paused run: the network keeps what it learnt so far, and every setting may change again. */
export async function endRun(): Promise<void> {
  if (!flagsNow().canEnd) return;
  const wasPaused = useApp.getState().training === "paused";
  dispatch({ type: "end" });
  try {
    const engine = requireEngine();
    if (wasPaused) await engine.stop();
    const info = await engine.info();
    useApp.setState((st) => ({
      network: info,
      step: info.trainSteps,
      target: 0,
      networkVersion: st.networkVersion + 1,
    }));
    await persistNow();
  } catch (e) {
    useApp.setState({ trainError: `Could not end the run: ${messageOf(e)}` });
  }
}

/** Space bar: start, pause or resume. */
export function toggleTraining(): void {
  const f = flagsNow();
  if (f.canPause) void pause();
  else if (f.canResume) void resume();
  else if (f.canTrain) void train();
}

// What the buttons do: start the engine and load a network, train/pause/resume, reset, and save
// to or load from a file. Errors land in the store as messages; nothing here throws at the UI.
import type { NetworkInfo, TrainProgress } from "../engine/api";
import { chooseData, useData } from "./data";
import { fromSessionData, readDataLink, toSessionData } from "./dataLink";
import type { LossPoint } from "./lossHistory";
import { makeSession, parseSession, readSessionFile, type Session } from "./persist";
import { checkSetting, engineSettings, reconcile, type SettingKey, type Settings } from "./settings";
import { adoptNetwork, appDeps, applyProgress, messageOf, RESTORED, requireEngine, useApp } from "./store";

/** Creates the engine (once) and loads the saved session, else the shipped pretrained network. */
export async function start(): Promise<void> {
  const s = useApp.getState();
  if (s.engine || s.starting) return;
  useApp.setState({ starting: true, status: "Starting the compute worker..." });
  const { createEngine, fetchPretrained } = appDeps();
  let engine: ReturnType<typeof createEngine>;
  try {
    engine = createEngine();
  } catch (e) {
    useApp.setState({
      starting: false,
      status: null,
      error: `The compute worker could not start: ${messageOf(e)}`,
    });
    return;
  }
  engine.onEvent?.((ev) => {
    if (ev.kind === "error") useApp.setState({ error: ev.message });
    else useApp.setState({ status: ev.message });
    // The new worker holds the last saved network: show that one (its steps and loss history).
    if (ev.kind === "restarted") void refreshNetwork();
  });
  useApp.setState({ engine });
  try {
    if (await restoreSaved()) return;
    useApp.setState({ status: "Loading the pretrained network..." });
    const info = await engine.loadNetwork(await fetchPretrained(), "pretrained");
    adoptNetwork(info);
    useApp.setState({ status: null });
  } catch (e) {
    // No pretrained network: a fresh one still lets every panel run (the oracle needs none).
    try {
      adoptNetwork(await engine.init(engineSettings(useApp.getState().settings)));
      useApp.setState({
        status: null,
        error: `The pretrained network could not be loaded (${messageOf(e)}); started an untrained network.`,
      });
    } catch (e2) {
      useApp.setState({ status: null, error: `The compute worker failed: ${messageOf(e2)}` });
    }
  } finally {
    useApp.setState({ starting: false });
  }
}

async function refreshNetwork(): Promise<void> {
  try {
    adoptNetwork(await requireEngine().info());
  } catch (e) {
    useApp.setState({ error: `The compute worker restarted but has no network: ${messageOf(e)}` });
  }
}

/** The session saved in this browser, if any and valid; a bad one is reported and skipped. */
async function restoreSaved(): Promise<boolean> {
  const { sessions } = appDeps();
  let stored: unknown;
  try {
    stored = await sessions.load();
  } catch {
    return false; // no IndexedDB (private mode): nothing to restore
  }
  if (stored === undefined || stored === null) return false;
  const parsed = parseSession(stored);
  if (!parsed.ok) {
    useApp.setState({ error: `Your saved network could not be restored: ${parsed.error}.` });
    return false;
  }
  try {
    await applySession(parsed.session, "user");
    useApp.setState({ status: "Restored your network and loss history from this browser." });
    return true;
  } catch (e) {
    useApp.setState({ error: `Your saved network could not be restored: ${messageOf(e)}.` });
    return false;
  }
}

async function applySession(session: Session, origin: "user" | "file"): Promise<void> {
  // The data set first, so the network (which belongs to it) is not refused; a bad one is skipped.
  // A link that names a data set wins over the one restored from this browser.
  const linkHasData =
    origin === "user" && typeof window !== "undefined" && readDataLink(window.location.search).source;
  const data = session.data === undefined || linkHasData ? null : fromSessionData(session.data);
  if (data?.ok) await chooseData(data.source);
  const info = await requireEngine().loadNetwork(session.network, origin);
  // Settings from a file or storage get the same per-field validation as the link.
  const current = useApp.getState().settings;
  const next: Settings = { ...current };
  for (const [k, v] of Object.entries(session.settings)) {
    const r = checkSetting(
      k as SettingKey,
      v,
      typeof session.settings.T === "number" ? session.settings.T : next.T,
    );
    if (r.ok) (next as Record<string, unknown>)[k] = r.value;
  }
  useApp.setState({ settings: shapedBy(info, next), training: "idle", trainError: null });
  adoptNetwork(info, session.loss);
}

/** Settings with the problem and architecture of a network that became current (it defines them). */
function shapedBy(info: NetworkInfo, settings: Settings): Settings {
  return reconcile({ ...settings, ...info.problem, ...info.config }).settings;
}

/** The optimiser's knobs as the controls have them now (they may change between runs or while paused). */
function optimiserKnobs({ lr, batch, emaDecay }: Settings) {
  return { lr, batch, emaDecay };
}

/** Saves network + settings + loss history to IndexedDB (after a run and on pause). */
export async function persistNow(): Promise<void> {
  try {
    const session = makeSession(
      await requireEngine().saveNetwork(),
      useApp.getState().settings,
      useApp.getState().loss,
      toSessionData(useData.getState().source),
    );
    await appDeps().sessions.save(session);
  } catch (e) {
    useApp.setState({ status: `Could not save your network in this browser: ${messageOf(e)}` });
  }
}

/** Trains a new network from scratch with the current knobs. */
export async function train(): Promise<void> {
  const s = useApp.getState();
  if (!s.engine || s.training === "running" || s.training === "paused") return;
  pauseWanted = false;
  useApp.setState({
    training: "running",
    trainError: null,
    loss: [],
    step: 0,
    stepsPerSecond: 0,
    target: s.settings.trainSteps,
  });
  try {
    const previous = await keepPrevious(s);
    adoptNetwork(await s.engine.init(engineSettings(s.settings)));
    useApp.setState({ loss: [], target: s.settings.trainSteps });
    await finishRun(await s.engine.train(s.settings.trainSteps, onProgress), previous);
  } catch (e) {
    useApp.setState({ training: "idle", trainError: `Training failed: ${messageOf(e)}` });
  }
}

/**
 * After a divergence the run is paused at its last good checkpoint; Resume goes on from there for
 * the steps that were left, with the knobs as they are now (a lower learning rate, say).
 */
async function continueAfterDivergence(): Promise<void> {
  const s = useApp.getState();
  if (!s.engine || s.training !== "diverged") return;
  pauseWanted = false;
  const left = Math.max(1, s.target - s.step);
  useApp.setState({ training: "running", trainError: null, stepsPerSecond: 0 });
  try {
    await finishRun(await s.engine.train(left, onProgress, optimiserKnobs(s.settings)), null);
  } catch (e) {
    useApp.setState({ training: "diverged", trainError: `Training failed: ${messageOf(e)}` });
  }
}

/** Settles which network a finished run leaves behind, then ends the run and saves it. */
async function finishRun(final: TrainProgress, previous: Previous | null): Promise<void> {
  // Stopped = Reset or a file load replaced the network: theirs to adopt and save, not this run's.
  if (final.state === "stopped") {
    useApp.setState({ training: "idle" });
    return;
  }
  const info = await requireEngine().info();
  // A diverged run was already reported (message) by its last progress. With nothing learnt,
  // its checkpoint is the random initial weights: the network it replaced comes back instead.
  if (final.state === "diverged" && info.trainSteps === 0 && previous) {
    await bringBack(previous);
    useApp.setState({ training: "idle" });
    return;
  }
  // The trained network is adopted as the run ends, in one update, so the header never shows the
  // fresh network's "untrained" label and the panels sample the new weights once, not twice.
  useApp.setState((st) => ({
    network: info,
    step: info.trainSteps,
    networkVersion: st.networkVersion + 1,
    training: final.state === "diverged" ? "diverged" : "idle",
  }));
  await persistNow();
}

/** The network a new run replaces, with its loss history (null if it cannot be saved). */
interface Previous {
  saved: unknown;
  origin: "pretrained" | "user" | "file";
  loss: LossPoint[];
}

async function keepPrevious(s: ReturnType<typeof useApp.getState>): Promise<Previous | null> {
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
 * they had); nothing is saved over it, and the divergence message says so.
 */
async function bringBack(previous: Previous): Promise<void> {
  const info = await requireEngine().loadNetwork(previous.saved, previous.origin);
  const st = useApp.getState();
  useApp.setState({
    settings: shapedBy(info, st.settings),
    // No run: the readout shows the kept network's step count (set together, not a "0" between).
    target: 0,
    step: info.trainSteps,
    trainError: `${(st.trainError ?? "Training diverged; ").split(RESTORED)[0]}nothing was learnt, so your previous network is back. Try a lower learning rate.`,
  });
  adoptNetwork(info, previous.loss);
}

/** A pause asked for before the worker's loop started (it was still busy) is applied at its first chunk. */
let pauseWanted = false;

function onProgress(p: TrainProgress): void {
  if (p.state === "running" && pauseWanted) void requireEngine().pause();
  if (p.state === "paused") pauseWanted = false;
  applyProgress(p);

  if (p.state === "paused") void persistNow();
}

export async function pause(): Promise<void> {
  if (useApp.getState().training !== "running") return;
  pauseWanted = true;
  await requireEngine().pause();
}

export async function resume(): Promise<void> {
  const s = useApp.getState();
  if (s.training === "diverged") return continueAfterDivergence();
  if (s.training !== "paused") return;
  pauseWanted = false;
  useApp.setState({ training: "running" });
  // Knobs changed while paused (a lower learning rate, say) apply from the next chunk on.
  try {
    await requireEngine().resume(optimiserKnobs(s.settings));
  } catch (e) {
    useApp.setState({ training: "paused", trainError: `Could not resume: ${messageOf(e)}` });
  }
}

/** Space bar: start, pause or resume. */
export function toggleTraining(): void {
  const t = useApp.getState().training;
  if (t === "running") void pause();
  else if (t === "paused" || t === "diverged") void resume();
  else void train();
}

/** Throws away the saved network and history (after the page asked) and loads the pretrained one. */
export async function reset(): Promise<void> {
  const engine = requireEngine();
  try {
    if (useApp.getState().training === "running" || useApp.getState().training === "paused")
      await engine.stop();
    await appDeps().sessions.clear();
    const info = await engine.loadNetwork(await appDeps().fetchPretrained(), "pretrained");
    useApp.setState({ training: "idle", trainError: null, stepsPerSecond: 0 });
    adoptNetwork(info);
    useApp.setState({ status: "Reset: your saved network was deleted; the pretrained network is back." });
  } catch (e) {
    useApp.setState({ error: `Reset failed: ${messageOf(e)}` });
  }
}

export async function saveToFile(download: (s: Session) => void): Promise<void> {
  try {
    download(
      makeSession(
        await requireEngine().saveNetwork(),
        useApp.getState().settings,
        useApp.getState().loss,
        toSessionData(useData.getState().source),
      ),
    );
  } catch (e) {
    useApp.setState({ trainError: `Could not save the file: ${messageOf(e)}` });
  }
}

/** Loads a file; a bad one gets a clear message and the current network stays. */
export async function loadFromFile(file: Blob): Promise<boolean> {
  const parsed = await readSessionFile(file);
  if (!parsed.ok) {
    useApp.setState({
      trainError: `Could not load the file: ${parsed.error}. Your current network is unchanged.`,
    });
    return false;
  }
  try {
    await applySession(parsed.session, "file");
    useApp.setState({ status: "Loaded the network from the file." });
    await persistNow();
    return true;
  } catch (e) {
    useApp.setState({
      trainError: `Could not load the file: ${messageOf(e)}. Your current network is unchanged.`,
    });
    return false;
  }
}

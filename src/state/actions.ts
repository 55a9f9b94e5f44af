// What the page does outside a training run: start the engine and load a network, restore the copy
// saved in this browser, reset, save to or load from a file, take another tab's network. The run's
// own buttons are in run.ts. Errors land in the store as messages; nothing here throws at the UI.
import type { NetworkInfo } from "../engine/api";
import { markOnce } from "../engine/marks";
import { chooseData, useData } from "./data";
import { fromSessionData, readDataLink, toSessionData } from "./dataLink";
import { sampleGridNow } from "./gridStart";
import { capMessages, messageOf } from "./messages";
import { makeSession, parseSession, readSessionFile, type Session } from "./persist";
import { broadcastTabChannel, guardUnsavedWork, listenToOtherTabs, persistNow } from "./saving";
import { settingsFromFile } from "./sessionSettings";
import { engineSettings, reconcile, type Settings } from "./settings";
import { adoptNetwork, appDeps, configureApp, dispatch, requireEngine, useApp } from "./store";
import { runFlags } from "./trainingRun";

export { endRun, pause, resume, step, toggleTraining, train } from "./run";
export { persistNow } from "./saving";

/** Creates the engine (once) and loads the saved session, else the shipped pretrained network. */
export async function start(): Promise<void> {
  const s = useApp.getState();
  if (s.engine || s.starting) return;
  markOnce("start");
  useApp.setState({ starting: true, status: "Starting the compute worker..." });
  if (appDeps().channel === undefined) configureApp({ channel: broadcastTabChannel() });
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
    else if (ev.kind === "fallback" && ev.backend)
      // The client never retries a failed backend: the settings say what really runs (so Train does
      // not ask for the failed one again), and the notice stays until dismissed.
      useApp.setState((st) => ({
        settings: { ...st.settings, backend: ev.backend as Settings["backend"] },
        error: `${ev.message} Training and sampling work, only slower.`,
      }));
    else useApp.setState({ status: ev.message });
    // The new worker holds the last saved network: show that one (its steps and loss history).
    if (ev.kind === "restarted") void refreshNetwork();
  });
  useApp.setState({ engine });
  listenToOtherTabs();
  guardUnsavedWork();
  try {
    if (await restoreSaved()) {
      sampleGridNow();
      return;
    }
    markOnce("no-saved-session");
    useApp.setState({ status: "Loading the pretrained network..." });
    const pretrained = await fetchPretrained();
    markOnce("pretrained-fetched");
    const info = await engine.loadNetwork(pretrained, "pretrained");
    markOnce("pretrained-loaded");
    adoptNetwork(info);
    sampleGridNow();
    useApp.setState((st) => (st.status === "Loading the pretrained network..." ? { status: null } : {}));
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

/** After a worker restart: the run (if any) is over; the readout shows the network the new worker has. */
async function refreshNetwork(): Promise<void> {
  dispatch({ type: "end" });
  try {
    const info = await requireEngine().info();
    useApp.setState({ target: 0, stepsPerSecond: 0 });
    adoptNetwork(info);
  } catch (e) {
    useApp.setState({ error: `The compute worker restarted but has no network: ${messageOf(e)}` });
  }
}

/** The session saved in this browser, if any and valid; a bad one is reported and skipped. */
async function restoreSaved(): Promise<boolean> {
  let stored: unknown;
  try {
    stored = await appDeps().sessions.load();
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
    const notes = await applySession(parsed.value, "user");
    useApp.setState({
      status: withNotes("Restored your network and loss history from this browser.", notes),
    });
    return true;
  } catch (e) {
    useApp.setState({ error: `Your saved network could not be restored: ${messageOf(e)}.` });
    return false;
  }
}

function withNotes(text: string, notes: string[]): string {
  return notes.length === 0 ? text : `${text} Some saved settings were not used: ${notes.join("; ")}.`;
}

/**
 * Loads a session: its settings are checked whole first (nothing reaches the worker before), then
 * the worker validates and loads the network, and only then does the page adopt either. Returns
 * the notes about settings that were not used.
 */
async function applySession(session: Session, origin: "user" | "file"): Promise<string[]> {
  const { settings, notes } = settingsFromFile(session.settings, useApp.getState().settings);
  // The data set first, so the network (which belongs to it) is not refused; a bad one is skipped.
  // A link that names a data set wins over the one restored from this browser.
  const linkHasData =
    origin === "user" && typeof window !== "undefined" && readDataLink(window.location.search).source;
  const data = session.data === undefined || linkHasData ? null : fromSessionData(session.data);
  if (data?.ok) await chooseData(data.source);
  const info = await requireEngine().loadNetwork(session.network, origin);
  dispatch({ type: "end" });
  useApp.setState({ settings: shapedBy(info, settings), trainError: null, target: 0, stepsPerSecond: 0 });
  adoptNetwork(info, session.loss);
  return notes;
}

/** Settings with the problem and architecture of a network that became current (it defines them). */
function shapedBy(info: NetworkInfo, settings: Settings): Settings {
  return reconcile({ ...settings, ...info.problem, ...info.config }).settings;
}

/** Throws away the saved network and history (after the page asked) and loads the pretrained one. */
export async function reset(): Promise<void> {
  const engine = requireEngine();
  try {
    if (useApp.getState().training !== "idle") await engine.stop();
    dispatch({ type: "end" });
    await appDeps().sessions.clear();
    appDeps().channel?.post({ type: "reset" });
    const info = await engine.loadNetwork(await appDeps().fetchPretrained(), "pretrained");
    // No run: the readout shows the pretrained network's step count, not the old run's "N / N".
    useApp.setState({ trainError: null, stepsPerSecond: 0, target: 0, unsaved: null, otherTab: null });
    adoptNetwork(info);
    useApp.setState({
      status: "Reset: the network saved in this browser was deleted; the pretrained network is back.",
    });
  } catch (e) {
    useApp.setState({ error: `Reset failed: ${messageOf(e)}` });
  }
}

export async function saveToFile(download: (s: Session) => void): Promise<void> {
  try {
    const { settings, loss } = useApp.getState();
    const data = toSessionData(useData.getState().source); // the data set the network belongs to
    download(makeSession(await requireEngine().saveNetwork(), settings, loss, data));
    // The user has it somewhere now: closing the page no longer loses it.
    useApp.setState({ unsaved: null });
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
    const notes = await applySession(parsed.value, "file");
    useApp.setState({ status: withNotes("Loaded the network from the file.", notes) });
    await persistNow();
    return true;
  } catch (e) {
    useApp.setState({
      trainError: `Could not load the file: ${messageOf(e)}. Your current network is unchanged.`,
    });
    return false;
  }
}

/** Loads the network another tab saved to this browser (after the user said yes to the note). */
export async function loadOtherTab(): Promise<void> {
  const s = useApp.getState();
  useApp.setState({ otherTab: null });
  if (runFlags(s.training, s.network !== null).workerBusy) return;
  const ok = await restoreSaved();
  if (ok) useApp.setState({ status: "Loaded the network the other tab saved." });
}

export { capMessages };

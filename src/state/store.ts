// The app store (zustand): the engine client, what network is loaded, training state, the loss
// history, the settings and the messages the page shows. Panels read it with useApp(...) and get
// the engine with useEngine(); the engine is created lazily by start(), or injected in tests.
import { create } from "zustand";
import type { Engine, NetworkInfo, TrainProgress } from "../engine/api";
import type { EngineClient } from "../engine/clientApi";
import { binHistory, chunkPoint, type LossPoint } from "./lossHistory";
import { idbSessionStore, type SessionStore } from "./persist";
import type { TabChannel } from "./saving";
import {
  checkSetting,
  coerce,
  DEFAULT_SETTINGS,
  reconcile,
  type SettingKey,
  type Settings,
} from "./settings";
import { nextPhase, type RunEvent, type RunPhase, runFlags } from "./trainingRun";
import type { Hideable } from "./url";

/** The engine as the page uses it: the worker client in the browser, the in-process engine in tests. */
export type PageEngine = Engine & Partial<Pick<EngineClient, "onEvent">>;

export interface AppDeps {
  createEngine: () => PageEngine;
  /** The shipped pretrained network's JSON. */
  fetchPretrained: () => Promise<unknown>;
  sessions: SessionStore;
  /** Notes between tabs about the saved copy; undefined = the browser's BroadcastChannel, null = none. */
  channel?: TabChannel | null;
}

export const defaultFetchPretrained = async (): Promise<unknown> => {
  const res = await fetch(`${import.meta.env.BASE_URL}pretrained/network.json`);
  if (!res.ok) throw new Error(`the pretrained network could not be fetched (HTTP ${res.status})`);
  return res.json();
};

let deps: AppDeps = {
  createEngine: () => {
    throw new Error("no engine: call configureApp({ createEngine }) first");
  },
  fetchPretrained: defaultFetchPretrained,
  sessions: idbSessionStore,
};

/** main.tsx passes the real worker client; tests pass a fake engine and a memory store. */
export function configureApp(d: Partial<AppDeps>): void {
  deps = { ...deps, ...d };
}
export function appDeps(): AppDeps {
  return deps;
}

export interface AppState {
  engine: PageEngine | null;
  /** Set once a network is loaded and panels may sample. */
  network: NetworkInfo | null;
  starting: boolean;
  settings: Settings;
  hidden: Set<Hideable>;
  /** Messages about ignored link fields, shown once. */
  linkMessages: string[];
  /** The training run's phase (src/state/trainingRun.ts); panels read runFlags(training, ...). */
  training: RunPhase;
  step: number;
  target: number;
  stepsPerSecond: number;
  /** How many threads train ("2 threads", "1 thread (why)"), from the last progress report. */
  trainThreads: string | null;
  loss: LossPoint[];
  /** One-line status for the header ("Restored your network from this browser."). */
  status: string | null;
  error: string | null;
  trainError: string | null;
  /** Bumped whenever the network's weights change, so panels can re-sample. */
  networkVersion: number;
  /**
   * Why the current network is not kept in this browser (storage full, another tab reset the
   * shared copy): the page offers Save to file and asks before it is closed. Null when it is kept.
   */
  unsaved: string | null;
  /** Another tab saved a network to the shared browser copy (its step count): offer to load it. */
  otherTab: { steps: number } | null;
}

export const initialState = (): AppState => ({
  engine: null,
  network: null,
  starting: false,
  settings: { ...DEFAULT_SETTINGS },
  hidden: new Set(),
  linkMessages: [],
  training: "idle",
  step: 0,
  target: 0,
  stepsPerSecond: 0,
  trainThreads: null,
  loss: [],
  status: null,
  error: null,
  trainError: null,
  networkVersion: 0,
  unsaved: null,
  otherTab: null,
});

export const useApp = create<AppState>()(() => initialState());

/** The engine client (null until start() created it). */
export function useEngine(): PageEngine | null {
  return useApp((s) => s.engine);
}

/** For non-React code (actions): the engine or a clear error. */
export function requireEngine(): PageEngine {
  const e = useApp.getState().engine;
  if (!e) throw new Error("the compute engine is not started yet");
  return e;
}

export { messageOf } from "./messages";

/** Settings that belong to a run's network: while a run is open they cannot change (Resume continues it). */
export const RUN_SETTINGS: ReadonlySet<SettingKey> = new Set([
  "trainSteps",
  "width",
  "depth",
  "activation",
  "embedDim",
  "seed",
  "backend",
]);

/** Sets one setting from a control's value or text; returns the error to show, or null. */
export function setSetting(key: SettingKey, value: unknown): string | null {
  const { settings: s, training } = useApp.getState();
  if (RUN_SETTINGS.has(key) && runFlags(training, true).architectureLocked)
    return "this belongs to the current run's network: press End run (or Reset) to change it";
  const v = typeof value === "string" ? coerce(key, value) : value;
  const r = checkSetting(key, v, key === "T" ? DEFAULT_SETTINGS.T : s.T);
  if (!r.ok) return r.error;
  const next = reconcile({ ...s, [key]: r.value } as Settings).settings;
  useApp.setState({ settings: next });
  return null;
}

/** A network became current: show its loss history (binned) unless we already have chunks of it. */
export function adoptNetwork(info: NetworkInfo, loss?: LossPoint[]): void {
  useApp.setState((s) => ({
    network: info,
    step: info.trainSteps,
    loss: loss && loss.length > 0 ? loss : binHistory(info.lossHistory),
    networkVersion: s.networkVersion + 1,
  }));
}

/** Moves the training run's state machine (src/state/trainingRun.ts: phases and transitions). */
export function dispatch(ev: RunEvent): RunPhase {
  useApp.setState((s) => ({ training: nextPhase(s.training, ev) }));
  return useApp.getState().training;
}

/** Applies one training progress report (called once per chunk). */
export function applyProgress(p: TrainProgress): void {
  useApp.setState((s) => {
    // A diverged chunk is not part of the network's history (its weights were thrown away): the
    // message reports it, and its huge or NaN loss would flatten the log-scale curve.
    const point = p.state === "diverged" ? null : chunkPoint(p.step, p.losses);
    return {
      step: p.step,
      stepsPerSecond: p.stepsPerSecond > 0 ? p.stepsPerSecond : s.stepsPerSecond,
      trainThreads: p.threads ?? s.trainThreads,
      loss: point ? [...s.loss, point] : s.loss,
      training: nextPhase(s.training, { type: "progress", state: p.state }),
      // The engine says what happened and what it did about it; the page shows that text as is.
      trainError:
        p.state === "diverged" ? (p.message ?? "Training diverged; the run was paused.") : s.trainError,
    };
  });
}

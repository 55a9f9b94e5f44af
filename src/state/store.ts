// The app store (zustand): the engine client, what network is loaded, training state, the loss
// history, the settings and the messages the page shows. Panels read it with useApp(...) and get
// the engine with useEngine(); the engine is created lazily by start(), or injected in tests.
import { create } from "zustand";
import type { Engine, NetworkInfo, TrainProgress } from "../engine/api";
import { binHistory, chunkPoint, type LossPoint } from "./lossHistory";
import { idbSessionStore, type SessionStore } from "./persist";
import {
  checkSetting,
  coerce,
  DEFAULT_SETTINGS,
  reconcile,
  type SettingKey,
  type Settings,
} from "./settings";
import type { Hideable } from "./url";

export type TrainingState = "idle" | "running" | "paused" | "diverged";

/** Status events of a client with reliability (worker restarted, backend fell back, ...). */
export interface EngineEvent {
  message: string;
  kind?: string;
}
export type EngineClient = Engine & { onEvent?: (listener: (e: EngineEvent) => void) => () => void };

export interface AppDeps {
  createEngine: () => EngineClient;
  /** The shipped pretrained network's JSON. */
  fetchPretrained: () => Promise<unknown>;
  sessions: SessionStore;
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
  engine: EngineClient | null;
  /** Set once a network is loaded and panels may sample. */
  network: NetworkInfo | null;
  starting: boolean;
  settings: Settings;
  hidden: Set<Hideable>;
  /** Messages about ignored link fields, shown once. */
  linkMessages: string[];
  training: TrainingState;
  step: number;
  target: number;
  stepsPerSecond: number;
  loss: LossPoint[];
  /** One-line status for the header ("Restored your network from this browser."). */
  status: string | null;
  error: string | null;
  trainError: string | null;
  /** Bumped whenever the network's weights change, so panels can re-sample. */
  networkVersion: number;
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
  loss: [],
  status: null,
  error: null,
  trainError: null,
  networkVersion: 0,
});

export const useApp = create<AppState>()(() => initialState());

/** The engine client (null until start() created it). */
export function useEngine(): EngineClient | null {
  return useApp((s) => s.engine);
}

/** For non-React code (actions): the engine or a clear error. */
export function requireEngine(): EngineClient {
  const e = useApp.getState().engine;
  if (!e) throw new Error("the compute engine is not started yet");
  return e;
}

export function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  return typeof e === "string" ? e : "unexpected error";
}

/** Sets one setting from a control's value or text; returns the error to show, or null. */
export function setSetting(key: SettingKey, value: unknown): string | null {
  const s = useApp.getState().settings;
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

/** Applies one training progress report (called once per chunk). */
export function applyProgress(p: TrainProgress): void {
  useApp.setState((s) => {
    // A diverged chunk is not part of the network's history (its weights were thrown away): the
    // message reports it, and its huge or NaN loss would flatten the log-scale curve.
    const point = p.state === "diverged" ? null : chunkPoint(p.step, p.losses);
    // "done" and "diverged" still read as running: train() first settles which network is kept,
    // then ends the run, so the panels do not sample a network that is about to be replaced.
    const state: TrainingState =
      p.state === "running" || p.state === "done" || p.state === "diverged"
        ? "running"
        : p.state === "paused"
          ? "paused"
          : "idle";
    return {
      step: p.step,
      stepsPerSecond: p.stepsPerSecond > 0 ? p.stepsPerSecond : s.stepsPerSecond,
      loss: point ? [...s.loss, point] : s.loss,
      training: state,
      trainError: p.state === "diverged" ? divergedMessage(p) : s.trainError,
    };
  });
}

/** The part of the divergence message that says which weights the network now has. */
export const RESTORED = "restored the last good weights and paused";

function divergedMessage(p: TrainProgress): string {
  const losses = Array.from(p.losses);
  const first = losses.findIndex((l) => !Number.isFinite(l) || l > 1e3);
  const bad = first >= 0 && !Number.isFinite(losses[first]) ? "NaN" : "exploding";
  const at = p.step + (first >= 0 ? first + 1 : 0);
  return `Training diverged at step ${at} (loss ${bad}); ${RESTORED}. Lower the learning rate, then press Resume.`;
}

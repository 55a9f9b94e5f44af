// The reverse-process player's own state: one shared clock over normalised progress (0 = x_T,
// 1 = x_0), so columns with S=50 and S=500 play side by side on a common time axis. Kept apart from
// the grid's store: it changes every animation frame, and only the plots and the readouts listen.
import { create } from "zustand";

export type PlayerView = "x" | "x0Hat";

export const SPEEDS = [0.25, 0.5, 1, 2] as const;
/** Seconds for a whole run (x_T to x_0) at speed 1: long enough to narrate, short enough to watch. */
export const RUN_SECONDS = 8;

export interface PlayerState {
  /** Normalised progress in [0, 1]; 1 (the samples) until someone plays or scrubs. */
  progress: number;
  playing: boolean;
  speed: number;
  view: PlayerView;
  /** Index (into x_T) of the particle followed through every column, or null. */
  follow: number | null;
  setProgress(p: number): void;
  play(): void;
  pause(): void;
  setSpeed(s: number): void;
  setView(v: PlayerView): void;
  setFollow(i: number | null): void;
}

const clamp01 = (p: number) => (Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0);

export const usePlayer = create<PlayerState>((set, get) => ({
  progress: 1,
  playing: false,
  speed: 1,
  view: "x",
  follow: null,
  setProgress: (p) => set({ progress: clamp01(p) }),
  // Playing from the end starts over from x_T.
  play: () => set({ playing: true, progress: get().progress >= 1 ? 0 : get().progress }),
  pause: () => set({ playing: false }),
  setSpeed: (s) => set({ speed: (SPEEDS as readonly number[]).includes(s) ? s : 1 }),
  setView: (v) => set({ view: v === "x0Hat" ? "x0Hat" : "x" }),
  setFollow: (i) => set({ follow: i }),
}));

/** Advances the clock by `dtMs` of wall time; stops at the end. Returns the new progress. */
export function advance(dtMs: number): number {
  const { progress, speed, playing } = usePlayer.getState();
  if (!playing) return progress;
  const next = progress + (Math.max(0, dtMs) * speed) / (RUN_SECONDS * 1000);
  if (next >= 1) usePlayer.setState({ progress: 1, playing: false });
  else usePlayer.setState({ progress: next });
  return usePlayer.getState().progress;
}

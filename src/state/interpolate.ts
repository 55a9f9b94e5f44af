// The interpolation scrubber (docs/math.md, "Determinism, inversion and interpolation"): endpoints
// in noise space for n paths (drawn from a seed, or path 0 replaced by two inverted data points),
// the frames decoded in ONE engine.interpolate call, and the slider position u, which only indexes
// the decoded frames. The link carries seed, path, model, the picked pair and u (interpLink.ts).
import { create } from "zustand";
import { SEED_MAX } from "../core/config";
import type { PathKind } from "../core/interpolate";
import { Rng, STREAM } from "../core/random";
import type { Engine, InterpolateResult, ModelChoice } from "../engine/api";
import type { InterpLink } from "./interpLink";

export const PATHS = 200;
export const FRAMES = 41;
export const DECODE_STEPS = 50;

export interface PickedPair {
  /** Training-point indices. */
  a: number;
  b: number;
  /** Their DDIM-inverted latents (model coordinates). */
  za: [number, number];
  zb: [number, number];
  /** Reconstruction error of invert + decode, raw units. */
  rmse: number;
}

export interface InterpolateState {
  seed: number;
  path: PathKind;
  model: ModelChoice;
  /** Data points chosen by clicking (first click, then second). */
  pickA: number | null;
  pickB: number | null;
  picked: PickedPair | null;
  result: InterpolateResult | null;
  /** The key the result was computed for (seed, path, model, picked pair, network). */
  resultKey: string;
  netVersion: string;
  /** T, schedule and units of the current problem. */
  problemKey: string;
  /** Decoding (and inversion) steps: DECODE_STEPS, or T when T is smaller. */
  steps: number;
  u: number;
  /** A link named two training points: invert them once the engine is ready. */
  invertWanted: boolean;
  busy: boolean;
  error: string | null;
  /** Endpoints, path, model and u from a link (already validated). */
  loadLink(link: InterpLink): void;
  setContext(ctx: { netVersion: string; problemKey: string; T: number }): void;
  setPath(p: PathKind): void;
  setModel(m: ModelChoice): void;
  setU(u: number): void;
  /** New random endpoints (and back to seeded endpoints for path 0 too). */
  reroll(): void;
  /** Chooses a data point as endpoint A or B (A first); returns which one it set. */
  pick(index: number, which?: "a" | "b"): "a" | "b";
  /** Inverts the two chosen data points (one engine.invert call) and uses them as path 0. */
  invertPicked(engine: Engine, points: ArrayLike<number>): Promise<void>;
  /** Decodes every frame of every path in one engine.interpolate call, if not current. */
  run(engine: Engine): Promise<void>;
}

/** Endpoints of every path from the seed (the engine's order: all of z_a, then all of z_b). */
export function seededEndpoints(seed: number, n: number): [[number, number][], [number, number][]] {
  const rng = new Rng(seed, STREAM.endpoints);
  const a = rng.gaussianArray(2 * n);
  const b = rng.gaussianArray(2 * n);
  const pairs = (v: Float32Array) =>
    Array.from({ length: n }, (_, i) => [v[2 * i], v[2 * i + 1]] as [number, number]);
  return [pairs(a), pairs(b)];
}

type KeyFields = "seed" | "path" | "model" | "picked" | "netVersion" | "problemKey" | "steps";
export function interpolationKey(s: Pick<InterpolateState, KeyFields>) {
  const net = s.model === "network" ? s.netVersion : "";
  return JSON.stringify([s.seed, s.path, s.model, s.picked?.za, s.picked?.zb, s.problemKey, s.steps, net]);
}

/** Index of the decoded frame nearest to u. */
export function frameAt(u: number, frames: number): number {
  return Math.min(frames - 1, Math.max(0, Math.round(u * (frames - 1))));
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export const useInterpolate = create<InterpolateState>((set, get) => ({
  seed: 1,
  path: "slerp",
  model: "network",
  pickA: null,
  pickB: null,
  picked: null,
  result: null,
  resultKey: "",
  netVersion: "",
  problemKey: "",
  steps: DECODE_STEPS,
  u: 0.5,
  invertWanted: false,
  busy: false,
  error: null,

  loadLink(link) {
    const next: Partial<InterpolateState> = {};
    if (link.seed !== undefined) next.seed = link.seed;
    if (link.path) next.path = link.path;
    if (link.model) next.model = link.model;
    if (link.u !== undefined) next.u = link.u;
    if (link.pick) Object.assign(next, { pickA: link.pick[0], pickB: link.pick[1], invertWanted: true });
    set(next);
  },

  setContext({ netVersion, problemKey, T }) {
    const s = get();
    const steps = Math.min(DECODE_STEPS, T);
    if (netVersion === s.netVersion && problemKey === s.problemKey && steps === s.steps) return;
    // Inverted latents belong to the network and problem that inverted them.
    const keepPicked = problemKey === s.problemKey && (s.model !== "network" || netVersion === s.netVersion);
    set({ netVersion, problemKey, steps, picked: keepPicked ? s.picked : null });
  },
  setPath(path) {
    set({ path });
  },
  setModel(model) {
    // Inverted latents belong to the model that inverted them.
    set({ model, picked: null });
  },
  setU(u) {
    set({ u: Math.min(1, Math.max(0, u)) });
  },
  reroll() {
    const seed = (new Rng(get().seed, 3000).nextUint32() % SEED_MAX) + 1;
    set({ seed, picked: null, pickA: null, pickB: null });
  },
  pick(index, which) {
    const { pickA, pickB } = get();
    const slot = which ?? (pickA === null || (pickA !== null && pickB !== null) ? "a" : "b");
    if (slot === "a") set({ pickA: index, pickB: which ? pickB : null });
    else set({ pickB: index });
    return slot;
  },

  async invertPicked(engine, points) {
    const { pickA, pickB, model } = get();
    if (pickA === null || pickB === null) return;
    const pts = Float32Array.from([
      points[2 * pickA],
      points[2 * pickA + 1],
      points[2 * pickB],
      points[2 * pickB + 1],
    ]);
    set({ busy: true, error: null, invertWanted: false });
    try {
      const r = await engine.invert({ points: pts, steps: get().steps, model });
      const picked: PickedPair = {
        a: pickA,
        b: pickB,
        za: [r.latents[0], r.latents[1]],
        zb: [r.latents[2], r.latents[3]],
        rmse: r.rmse,
      };
      set({ picked, busy: false });
      await get().run(engine);
    } catch (e) {
      set({ busy: false, error: `Inversion failed: ${message(e)}` });
    }
  },

  async run(engine) {
    const s = get();
    const key = interpolationKey(s);
    if (s.busy || key === s.resultKey) return;
    const [za, zb] = seededEndpoints(s.seed, PATHS);
    if (s.picked) {
      za[0] = s.picked.za;
      zb[0] = s.picked.zb;
    }
    set({ busy: true, error: null });
    try {
      const result = await engine.interpolate({
        za,
        zb,
        seed: s.seed,
        n: PATHS,
        frames: FRAMES,
        path: s.path,
        steps: s.steps,
        model: s.model,
      });
      set({ result, resultKey: key, busy: false });
    } catch (e) {
      set({ busy: false, error: `Interpolation failed: ${message(e)}. Dismiss this message to try again.` });
      return;
    }
    // Settings changed while decoding: decode again for the current ones.
    if (interpolationKey(get()) !== key) await get().run(engine);
  },
}));

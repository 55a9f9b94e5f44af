// Latent interpolation and DDIM inversion (docs/math.md, "Determinism, inversion and interpolation").

import type { PathKind } from "./config";
import { prevOf } from "./grids";
import { abarAt, type Schedule } from "./schedule";
import type { NoisePredictor } from "./types";

export type { PathKind };

export function lerp(za: ArrayLike<number>, zb: ArrayLike<number>, u: number): Float64Array {
  const out = new Float64Array(za.length);
  for (let i = 0; i < za.length; i++) out[i] = (1 - u) * za[i] + u * zb[i];
  return out;
}

/** Spherical interpolation over the whole vector; falls back to lerp when nearly parallel. */
export function slerp(za: ArrayLike<number>, zb: ArrayLike<number>, u: number): Float64Array {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < za.length; i++) {
    dot += za[i] * zb[i];
    na += za[i] * za[i];
    nb += zb[i] * zb[i];
  }
  const cos = dot / Math.sqrt(na * nb);
  const theta = Math.acos(Math.min(1, Math.max(-1, cos)));
  const sinTheta = Math.sin(theta);
  if (!(sinTheta > 1e-6)) return lerp(za, zb, u);
  const wa = Math.sin((1 - u) * theta) / sinTheta;
  const wb = Math.sin(u * theta) / sinTheta;
  const out = new Float64Array(za.length);
  for (let i = 0; i < za.length; i++) out[i] = wa * za[i] + wb * zb[i];
  return out;
}

export function interpolate(kind: PathKind, za: ArrayLike<number>, zb: ArrayLike<number>, u: number) {
  return kind === "slerp" ? slerp(za, zb, u) : lerp(za, zb, u);
}

export interface InterpolationPath {
  /** Path positions u_f = f / (frames - 1). */
  u: Float32Array;
  /** The chosen path's noise, frame after frame (frames x n points, interleaved). */
  noise: Float32Array;
  /** |z(u)| along slerp and along lerp, whichever path was chosen: the reason for slerp. */
  normSlerp: Float32Array;
  normLerp: Float32Array;
}

/** The noise along a path from za to zb at `frames` evenly spaced u (frames >= 2). */
export function interpolationPath(
  kind: PathKind,
  za: ArrayLike<number>,
  zb: ArrayLike<number>,
  frames: number,
): InterpolationPath {
  const size = za.length;
  const path: InterpolationPath = {
    u: new Float32Array(frames),
    noise: new Float32Array(frames * size),
    normSlerp: new Float32Array(frames),
    normLerp: new Float32Array(frames),
  };
  for (let f = 0; f < frames; f++) {
    const u = f / (frames - 1);
    const zs = slerp(za, zb, u);
    const zl = lerp(za, zb, u);
    path.u[f] = u;
    path.normSlerp[f] = norm(zs);
    path.normLerp[f] = norm(zl);
    path.noise.set(kind === "slerp" ? zs : zl, f * size);
  }
  return path;
}

export function norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

/**
 * DDIM inversion: the eta=0 update run backwards along the grid, from clean data x0 to x_T.
 * Each step evaluates the network at the current x with the target timestep.
 */
export function ddimInvert(
  predictor: NoisePredictor,
  schedule: Schedule,
  grid: readonly number[],
  x0: ArrayLike<number>,
): { x: Float64Array; nfe: number } {
  const x = Float64Array.from(x0);
  let nfe = 0;
  for (let i = grid.length - 1; i >= 0; i--) {
    const t = grid[i];
    const ap = abarAt(schedule, prevOf(grid, i)); // where x is now
    const a = abarAt(schedule, t); // where it goes
    const e = predictor(x, t);
    nfe++;
    const sap = Math.sqrt(ap);
    const s1ap = Math.sqrt(1 - ap);
    const sa = Math.sqrt(a);
    const s1a = Math.sqrt(1 - a);
    for (let j = 0; j < x.length; j++) {
      const x0Hat = (x[j] - s1ap * e[j]) / sap;
      x[j] = sa * x0Hat + s1a * e[j];
    }
  }
  return { x, nfe };
}

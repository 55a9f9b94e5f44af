// Pure arithmetic of the player: which frame of a column's trajectory shows at a given progress,
// the trails of the highlighted particles, the particle nearest a click, and one particle's numbers
// at one step (docs/math.md, "Samplers": the DDIM update written out with its coefficients).
import type { Standardizer } from "../../../core/data";
import { abarAt, type Schedule } from "../../../core/schedule";
import type { Trajectory } from "../../../engine/api";

/** Frame of a column with S steps at normalised progress p: 0 = x_T ... S = x_0. */
export function frameAt(progress: number, S: number): number {
  return Math.min(S, Math.max(0, Math.round(progress * S)));
}

/** The next progress at which the column with S steps shows a new frame (the "step" button). */
export function nextStepProgress(progress: number, S: number): number {
  return Math.min(1, (frameAt(progress, S) + 1) / S);
}

/** A view of frame f of one field (x: S+1 frames, x0Hat: S frames): no copy. */
export function frameOf(field: Float32Array, n: number, f: number): Float32Array {
  return field.subarray(2 * n * f, 2 * n * (f + 1));
}

/** About `count` particle indices spread evenly over n (the ones drawn with trails). */
export function highlighted(n: number, count = 20): number[] {
  const k = Math.min(n, count);
  return Array.from({ length: k }, (_, i) => Math.floor(((i + 0.5) * n) / k));
}

/**
 * The recent path of particle p up to frame f: the last `length` frames of x (or of x0Hat), as
 * interleaved [x, y, ...]. Frames are decimated to at most `maxPoints` vertices.
 */
export function trail(
  traj: Trajectory,
  field: "x" | "x0Hat",
  p: number,
  f: number,
  length: number,
  maxPoints = 60,
): Float32Array {
  const src = field === "x" ? traj.x : traj.x0Hat;
  const frames = field === "x" ? traj.frames : traj.frames - 1;
  const last = Math.min(f, frames - 1);
  const first = Math.max(0, last - length);
  const stride = Math.max(1, Math.ceil((last - first + 1) / maxPoints));
  const out: number[] = [];
  for (let g = first; g <= last; g += stride)
    out.push(src[2 * (g * traj.n + p)], src[2 * (g * traj.n + p) + 1]);
  if ((last - first) % stride !== 0) out.push(src[2 * (last * traj.n + p)], src[2 * (last * traj.n + p) + 1]);
  return Float32Array.from(out);
}

export type Pair = [number, number];

/** One particle at one step of a DDIM-family update, in model coordinates (what the network sees). */
export interface StepNumbers {
  /** Step number, 1-based (step i of S), and its timesteps t -> t' (t' = -1 is clean data). */
  step: number;
  t: number;
  tNext: number;
  abar: number;
  abarNext: number;
  x: Pair;
  epsHat: Pair;
  x0Hat: Pair;
  /** The DDIM update's noise level and coefficients for this column's eta. */
  sigma: number;
  cX0: number;
  cEps: number;
  /** x_{t'} as recorded (the next frame) and, for sigma > 0, the z that step drew. */
  xNext: Pair;
  z: Pair | null;
}

const toModel = (s: Standardizer, raw: Pair): Pair => [
  (raw[0] - s.mean[0]) / s.std[0],
  (raw[1] - s.mean[1]) / s.std[1],
];

/**
 * Particle p at step f+1 of the column (frame f = x_t before the step). eps_hat is recovered
 * from x_t and the recorded x0Hat: eps_hat = (x_t - sqrt(abar_t) x0Hat) / sqrt(1 - abar_t).
 * Null at the last frame (x_0: no step left).
 */
export function stepNumbers(
  traj: Trajectory,
  grid: readonly number[],
  schedule: Schedule,
  standardizer: Standardizer,
  eta: number,
  p: number,
  f: number,
): StepNumbers | null {
  const S = traj.frames - 1;
  if (f < 0 || f >= S || p < 0 || p >= traj.n) return null;
  const at = (field: Float32Array, g: number): Pair => [
    field[2 * (g * traj.n + p)],
    field[2 * (g * traj.n + p) + 1],
  ];
  const t = grid[f];
  const tNext = f + 1 < grid.length ? grid[f + 1] : -1;
  const a = abarAt(schedule, t);
  const ap = abarAt(schedule, tNext);
  const x = toModel(standardizer, at(traj.x, f));
  const x0Hat = toModel(standardizer, at(traj.x0Hat, f));
  const xNext = toModel(standardizer, at(traj.x, f + 1));
  const epsHat: Pair = [
    (x[0] - Math.sqrt(a) * x0Hat[0]) / Math.sqrt(1 - a),
    (x[1] - Math.sqrt(a) * x0Hat[1]) / Math.sqrt(1 - a),
  ];
  const sigma = eta * Math.sqrt((1 - ap) / (1 - a)) * Math.sqrt(1 - a / ap);
  const cX0 = Math.sqrt(ap);
  const cEps = Math.sqrt(Math.max(1 - ap - sigma * sigma, 0));
  const z: Pair | null =
    sigma > 0
      ? [
          (xNext[0] - cX0 * x0Hat[0] - cEps * epsHat[0]) / sigma,
          (xNext[1] - cX0 * x0Hat[1] - cEps * epsHat[1]) / sigma,
        ]
      : null;
  return { step: f + 1, t, tNext, abar: a, abarNext: ap, x, epsHat, x0Hat, sigma, cX0, cEps, xNext, z };
}

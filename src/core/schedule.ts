// Noise schedules (docs/math.md, "Schedules and indices"). Indices are 0-based: abar[t] = prod_{s<=t} (1 - beta[s]).
import type { ScheduleKind } from "./types";

export interface Schedule {
  kind: ScheduleKind;
  T: number;
  beta: Float64Array;
  abar: Float64Array;
}

export const T_MIN = 10;
export const T_MAX = 2000;

export function makeSchedule(kind: ScheduleKind, T: number): Schedule {
  if (!Number.isInteger(T) || T < 2) throw new RangeError(`T must be an integer >= 2, got ${T}`);
  const beta = kind === "linear" ? linearBetas(T) : cosineBetas(T);
  const abar = new Float64Array(T);
  let prod = 1;
  for (let t = 0; t < T; t++) {
    prod *= 1 - beta[t];
    abar[t] = prod;
  }
  return { kind, T, beta, abar };
}

/** beta linearly from 1e-4 to 0.02 (Ho et al. 2020), like numpy.linspace. */
function linearBetas(T: number): Float64Array {
  const b0 = 1e-4;
  const b1 = 0.02;
  const beta = new Float64Array(T);
  for (let t = 0; t < T; t++) beta[t] = b0 + ((b1 - b0) * t) / (T - 1);
  return beta;
}

/** Nichol & Dhariwal 2021, s = 0.008, beta clipped at 0.999. */
function cosineBetas(T: number): Float64Array {
  const s = 0.008;
  const f = (u: number) => Math.cos(((u + s) / (1 + s)) * (Math.PI / 2)) ** 2;
  const beta = new Float64Array(T);
  for (let i = 0; i < T; i++) beta[i] = Math.min(1 - f((i + 1) / T) / f(i / T), 0.999);
  return beta;
}

/** abar at index t, with abar[-1] := 1 (clean data). */
export function abarAt(schedule: Schedule, t: number): number {
  return t < 0 ? 1 : schedule.abar[t];
}

export function snr(abar: number): number {
  return abar / (1 - abar);
}

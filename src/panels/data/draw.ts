// Drawing a data set by hand: each brush dab sprays a few points around the pointer (Gaussian
// around it, seeded so the same strokes give the same points), erase removes the points under the
// brush, and every stroke can be undone. Pure functions of plain arrays, so they test without a DOM.
import { MAX_CSV_POINTS } from "../../core/datasets";
import { Rng, STREAM } from "../../core/random";

export interface Brush {
  /** Radius in data units (the spray's standard deviation is half of it). */
  radius: number;
  /** Points added per dab. */
  perDab: number;
}

export const BRUSH_SIZES = { fine: 0.25, medium: 0.6, wide: 1.2 } as const;
export type BrushSize = keyof typeof BRUSH_SIZES;
/** Undo keeps this many strokes. */
export const UNDO_DEPTH = 50;

export interface Drawing {
  points: number[];
  undo: number[][];
  /** Dabs so far: each dab's spray comes from its own seeded stream. */
  dabs: number;
}

export const EMPTY_DRAWING: Drawing = { points: [], undo: [], dabs: 0 };

/** Starts a stroke: the points before it become one undo step. */
export function beginStroke(d: Drawing): Drawing {
  return { ...d, undo: [...d.undo.slice(-(UNDO_DEPTH - 1)), d.points] };
}

/** Sprays `perDab` points around (x, y); nothing past the data set's size cap. */
export function spray(d: Drawing, x: number, y: number, brush: Brush): Drawing {
  const room = MAX_CSV_POINTS - d.points.length / 2;
  const k = Math.max(0, Math.min(brush.perDab, room));
  if (k === 0) return d;
  const rng = new Rng(d.dabs + 1, STREAM.data);
  const added: number[] = [];
  for (let i = 0; i < k; i++) {
    added.push(x + 0.5 * brush.radius * rng.gaussian(), y + 0.5 * brush.radius * rng.gaussian());
  }
  return { ...d, points: [...d.points, ...added], dabs: d.dabs + 1 };
}

/** Removes every point within the brush radius of (x, y). */
export function erase(d: Drawing, x: number, y: number, brush: Brush): Drawing {
  const r2 = brush.radius * brush.radius;
  const kept: number[] = [];
  for (let i = 0; i < d.points.length; i += 2) {
    const dx = d.points[i] - x;
    const dy = d.points[i + 1] - y;
    if (dx * dx + dy * dy > r2) kept.push(d.points[i], d.points[i + 1]);
  }
  return kept.length === d.points.length ? d : { ...d, points: kept };
}

export function undo(d: Drawing): Drawing {
  if (d.undo.length === 0) return d;
  return { ...d, points: d.undo[d.undo.length - 1], undo: d.undo.slice(0, -1) };
}

export function clear(d: Drawing): Drawing {
  return d.points.length === 0 ? d : { ...beginStroke(d), points: [] };
}

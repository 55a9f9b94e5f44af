// Data-to-pixel mapping and "nice" axis ticks for the canvas plots.

export interface Bounds {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** The tutorial data in raw units with some room around it (docs/math.md, "Data and standardisation"). */
export const DATA_BOUNDS: Bounds = { xMin: -9, xMax: 11, yMin: -4, yMax: 12 };

/** Standard-normal noise (x_T) in model coordinates. */
export const NOISE_BOUNDS: Bounds = { xMin: -4, xMax: 4, yMin: -4, yMax: 4 };

export interface Frame {
  /** Canvas size in CSS pixels. */
  width: number;
  height: number;
  /** Margins for tick labels. */
  left: number;
  bottom: number;
  top: number;
  right: number;
}

export function makeFrame(width: number, height: number): Frame {
  return { width, height, left: 40, bottom: 26, top: 8, right: 10 };
}

export function toPx(f: Frame, b: Bounds, x: number, y: number): [number, number] {
  const w = f.width - f.left - f.right;
  const h = f.height - f.top - f.bottom;
  return [
    f.left + ((x - b.xMin) / (b.xMax - b.xMin)) * w,
    f.top + (1 - (y - b.yMin) / (b.yMax - b.yMin)) * h,
  ];
}

export function fromPx(f: Frame, b: Bounds, px: number, py: number): [number, number] {
  const w = f.width - f.left - f.right;
  const h = f.height - f.top - f.bottom;
  return [
    b.xMin + ((px - f.left) / w) * (b.xMax - b.xMin),
    b.yMin + (1 - (py - f.top) / h) * (b.yMax - b.yMin),
  ];
}

/** About `count` round tick values (1, 2 or 5 times a power of ten apart) inside [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * step; v += step) {
    ticks.push(Math.abs(v) < 1e-12 ? 0 : Number(v.toPrecision(12)));
  }
  return ticks;
}

/** Bounds that contain every finite point, padded, falling back to `fallback` when empty. */
export function boundsOf(points: ArrayLike<number>, fallback: Bounds, pad = 0.08): Bounds {
  let xMin = Number.POSITIVE_INFINITY;
  let xMax = Number.NEGATIVE_INFINITY;
  let yMin = Number.POSITIVE_INFINITY;
  let yMax = Number.NEGATIVE_INFINITY;
  for (let i = 0; i + 1 < points.length; i += 2) {
    const x = points[i];
    const y = points[i + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < xMin) xMin = x;
    if (x > xMax) xMax = x;
    if (y < yMin) yMin = y;
    if (y > yMax) yMax = y;
  }
  if (!(xMax > xMin) || !(yMax > yMin)) return fallback;
  const px = (xMax - xMin) * pad;
  const py = (yMax - yMin) * pad;
  return { xMin: xMin - px, xMax: xMax + px, yMin: yMin - py, yMax: yMax + py };
}

/** Index of the point of `points` (interleaved) nearest to (x, y), or null when there are none. */
export function nearestPoint(points: ArrayLike<number>, x: number, y: number): number | null {
  let best: number | null = null;
  let bestD = Number.POSITIVE_INFINITY;
  for (let i = 0; i + 1 < points.length; i += 2) {
    const d = (points[i] - x) ** 2 + (points[i + 1] - y) ** 2;
    if (d < bestD) {
      bestD = d;
      best = i / 2;
    }
  }
  return best;
}

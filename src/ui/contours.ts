// Iso-density lines of a 2-D mixture by marching squares, cached per (mixture, bounds), so a
// plot redraw costs only the stroke, not the density evaluations.
import { MixtureDensity } from "../core/mixture";
import type { Mixture2D } from "../core/types";
import type { Bounds } from "./plotGeometry";

/** Segments [x1, y1, x2, y2, ...] in data units, one array per level. */
export type ContourSet = Float64Array[];

const cache = new WeakMap<Mixture2D, Map<string, ContourSet>>();

/** Levels as fractions of the peak density (outer lines are faint tails, inner ones the cores). */
export const CONTOUR_FRACTIONS = [0.02, 0.1, 0.3, 0.6];

export function mixtureContours(m: Mixture2D, b: Bounds, res = 90): ContourSet {
  const key = `${b.xMin},${b.xMax},${b.yMin},${b.yMax},${res}`;
  let perMixture = cache.get(m);
  if (!perMixture) {
    perMixture = new Map();
    cache.set(m, perMixture);
  }
  const hit = perMixture.get(key);
  if (hit) return hit;
  const d = new MixtureDensity(m);
  const nx = res;
  const ny = res;
  const dx = (b.xMax - b.xMin) / (nx - 1);
  const dy = (b.yMax - b.yMin) / (ny - 1);
  const grid = new Float64Array(nx * ny);
  let peak = 0;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const v = Math.exp(d.logDensity(b.xMin + i * dx, b.yMin + j * dy));
      grid[j * nx + i] = v;
      if (v > peak) peak = v;
    }
  }
  const out = CONTOUR_FRACTIONS.map((f) => marchingSquares(grid, nx, ny, f * peak, b.xMin, b.yMin, dx, dy));
  perMixture.set(key, out);
  return out;
}

function marchingSquares(
  g: Float64Array,
  nx: number,
  ny: number,
  level: number,
  x0: number,
  y0: number,
  dx: number,
  dy: number,
): Float64Array {
  const segs: number[] = [];
  // interpolated crossing on an edge between two corners
  const lerpT = (a: number, c: number) => (level - a) / (c - a);
  for (let j = 0; j < ny - 1; j++) {
    for (let i = 0; i < nx - 1; i++) {
      const a = g[j * nx + i]; // bottom-left
      const bb = g[j * nx + i + 1]; // bottom-right
      const c = g[(j + 1) * nx + i + 1]; // top-right
      const d = g[(j + 1) * nx + i]; // top-left
      const code = (a > level ? 1 : 0) | (bb > level ? 2 : 0) | (c > level ? 4 : 0) | (d > level ? 8 : 0);
      if (code === 0 || code === 15) continue;
      const x = x0 + i * dx;
      const y = y0 + j * dy;
      const bottom = [x + lerpT(a, bb) * dx, y];
      const right = [x + dx, y + lerpT(bb, c) * dy];
      const top = [x + lerpT(d, c) * dx, y + dy];
      const left = [x, y + lerpT(a, d) * dy];
      const pairs = EDGES[code];
      for (const [e1, e2] of pairs) {
        const p = [bottom, right, top, left][e1];
        const q = [bottom, right, top, left][e2];
        segs.push(p[0], p[1], q[0], q[1]);
      }
    }
  }
  return Float64Array.from(segs);
}

// Edge pairs per corner code (0 bottom, 1 right, 2 top, 3 left); saddles split arbitrarily.
const EDGES: [number, number][][] = [
  [],
  [[3, 0]],
  [[0, 1]],
  [[3, 1]],
  [[1, 2]],
  [
    [3, 2],
    [0, 1],
  ],
  [[0, 2]],
  [[3, 2]],
  [[2, 3]],
  [[0, 2]],
  [
    [0, 3],
    [1, 2],
  ],
  [[1, 2]],
  [[1, 3]],
  [[0, 1]],
  [[3, 0]],
  [],
];

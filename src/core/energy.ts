// Energy distance between a sample set and a fixed reference sample, with its standard error and
// the noise floor for the number of points in use (docs/math.md, "Quality figures").
// Distances are Math.sqrt(dx*dx + dy*dy): Math.hypot guards against overflow we cannot have here
// (coordinates are finite and far below 1e150) and costs about 8x more.

/**
 * Sums of distances from each point of a to all points of b (rowA), and from each of the first q
 * points of b to all points of a (rowB). Only q columns are summed because their spread is all the
 * standard error needs, and the column writes are a fifth of the cost of this, the hottest loop.
 * Two points of a share each pass over b (each b point is loaded once for both): 10-20 % faster.
 */
function crossSums(a: Float64Array, b: Float64Array, rowA: Float64Array, rowB: Float64Array): number {
  const na = a.length >> 1;
  const nb = b.length >> 1;
  const q = Math.min(rowB.length, nb);
  let total = 0;
  let i = 0;
  for (; i + 1 < na; i += 2) {
    const ax = a[2 * i];
    const ay = a[2 * i + 1];
    const cx = a[2 * i + 2];
    const cy = a[2 * i + 3];
    let s = 0;
    let t = 0;
    for (let j = 0; j < q; j++) {
      const bx = b[2 * j];
      const by = b[2 * j + 1];
      const d = Math.sqrt((ax - bx) * (ax - bx) + (ay - by) * (ay - by));
      const e = Math.sqrt((cx - bx) * (cx - bx) + (cy - by) * (cy - by));
      s += d;
      t += e;
      rowB[j] += d + e;
    }
    for (let j = q; j < nb; j++) {
      const bx = b[2 * j];
      const by = b[2 * j + 1];
      s += Math.sqrt((ax - bx) * (ax - bx) + (ay - by) * (ay - by));
      t += Math.sqrt((cx - bx) * (cx - bx) + (cy - by) * (cy - by));
    }
    rowA[i] = s;
    rowA[i + 1] = t;
    total += s + t;
  }
  if (i < na) {
    // the last point of an odd-sized set
    const ax = a[2 * i];
    const ay = a[2 * i + 1];
    let s = 0;
    for (let j = 0; j < nb; j++) {
      const dx = ax - b[2 * j];
      const dy = ay - b[2 * j + 1];
      const d = Math.sqrt(dx * dx + dy * dy);
      s += d;
      if (j < q) rowB[j] += d;
    }
    rowA[i] = s;
    total += s;
  }
  return total;
}

/**
 * Sums of distances from each of the first row.length points to all others of the same set (row),
 * and the total over all pairs. Pairs beyond the rows kept are only added to the total: for the
 * reference sample only the first SPREAD_POINTS rows are used, and the column writes were ~20 % of
 * this loop (the same additions in the same order, so the same bits, as keeping every row).
 */
function selfSums(a: Float64Array, row: Float64Array): number {
  const n = a.length >> 1;
  const kept = Math.min(row.length, n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const ax = a[2 * i];
    const ay = a[2 * i + 1];
    let s = 0;
    let j = i + 1;
    for (; j < kept; j++) {
      const dx = ax - a[2 * j];
      const dy = ay - a[2 * j + 1];
      const d = Math.sqrt(dx * dx + dy * dy);
      s += d;
      row[j] += d;
    }
    for (; j < n; j++) {
      const dx = ax - a[2 * j];
      const dy = ay - a[2 * j + 1];
      s += Math.sqrt(dx * dx + dy * dy);
    }
    if (i < kept) row[i] += s;
    total += s;
  }
  return total;
}

/** Per-set moments that give every point's sum of squared distances to the set in O(1). */
interface Moments {
  n: number;
  sx: number;
  sy: number;
  /** sum of |p|^2 */
  s2: number;
}

function moments(a: Float64Array): Moments {
  const m: Moments = { n: a.length >> 1, sx: 0, sy: 0, s2: 0 };
  for (let i = 0; i < m.n; i++) {
    m.sx += a[2 * i];
    m.sy += a[2 * i + 1];
    m.s2 += a[2 * i] ** 2 + a[2 * i + 1] ** 2;
  }
  return m;
}

/** sum_j |p - b_j|^2 for the point p = (x, y). */
const sumSq = (x: number, y: number, b: Moments) => b.n * (x * x + y * y) - 2 * (x * b.sx + y * b.sy) + b.s2;

/** The spread of the distances behind a row mean: (sum of squares / count - mean^2), at least 0. */
const rowVar = (sumSquares: number, mean: number, count: number) =>
  Math.max(sumSquares / count - mean * mean, 0);

/** What the estimator needs from the reference sample, computed once. */
export interface ReferenceStats {
  /** Mean distance over distinct pairs of reference points (the U-statistic self term). */
  selfTerm: number;
  /** Per reference point (the first SPREAD_POINTS), the mean distance to the other reference points. */
  rowSelf: Float64Array;
  /** Per reference point (the first SPREAD_POINTS), the variance of its distances to the others. */
  rowSelfVar: Float64Array;
  moments: Moments;
  /** E[k(Y, Y')^2] for the doubly centred distance k: sets the null spread (noise floor). */
  zeta: number;
}

/**
 * Reference points used for the reference-side spreads (zeta and the v_j): their variances are
 * estimated from these, which is plenty for a standard error and saves most of the work.
 */
export const SPREAD_POINTS = 1000;

export function referenceStats(points: Float64Array): ReferenceStats {
  const m = points.length >> 1;
  const q = Math.min(m, SPREAD_POINTS);
  const row = new Float64Array(q);
  const total = selfSums(points, row);
  const selfTerm = (2 * total) / (m * (m - 1));
  const rowSelf = row.map((s) => s / (m - 1));
  const mom = moments(points);
  // sum over the others: the point itself contributes a zero distance
  const rowSelfVar = rowSelf.map((mean, j) =>
    rowVar(sumSq(points[2 * j], points[2 * j + 1], mom), mean, m - 1),
  );
  // zeta = mean over distinct pairs of k(y, y')^2, k = -|y - y'| + f(y) + f(y') - mu, with f the
  // mean distance to the reference and mu the self term.
  let z = 0;
  for (let i = 0; i < q; i++) {
    for (let j = i + 1; j < q; j++) {
      const dx = points[2 * i] - points[2 * j];
      const dy = points[2 * i + 1] - points[2 * j + 1];
      const k = -Math.sqrt(dx * dx + dy * dy) + rowSelf[i] + rowSelf[j] - selfTerm;
      z += k * k;
    }
  }
  return { selfTerm, rowSelf, rowSelfVar, moments: mom, zeta: q > 1 ? (2 * z) / (q * (q - 1)) : Number.NaN };
}

/** The null spread of the estimator for n exact samples against m reference points. */
export function noiseFloor(zeta: number, n: number, m: number): number {
  return Math.sqrt(zeta * (2 / (n * (n - 1)) + 4 / (n * m) + 2 / (m * (m - 1))));
}

export interface EnergyEstimate {
  /** The U-statistic estimate (unbiased; may be slightly negative). */
  value: number;
  /** Its standard error: first-order (Hoeffding) spread plus the noise floor, in quadrature. */
  se: number;
  /** The noise floor for this n: the spread of the estimate for exact samples. */
  floor: number;
}

function variance(v: Float64Array): number {
  let mean = 0;
  for (let i = 0; i < v.length; i++) mean += v[i];
  mean /= v.length;
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] - mean) ** 2;
  return s / (v.length - 1);
}

/** Energy distance of samples (n >= 2, finite) to a reference sample with precomputed stats. */
export function energyEstimate(
  samples: Float64Array,
  ref: Float64Array,
  stats: ReferenceStats,
): EnergyEstimate {
  const n = samples.length >> 1;
  const m = ref.length >> 1;
  const toRef = new Float64Array(n); // sum_j |x_i - y_j|
  const q = Math.min(m, SPREAD_POINTS);
  const fromSamples = new Float64Array(q); // sum_i |x_i - y_j| for the first q reference points
  const cross = crossSums(samples, ref, toRef, fromSamples);
  const own = new Float64Array(n); // sum_{k != i} |x_i - x_k|
  const self = selfSums(samples, own);
  const value = (2 * cross) / (n * m) - (2 * self) / (n * (n - 1)) - stats.selfTerm;
  // u_i and v_j: how much farther each point is from the other set than from its own. Their
  // sample variances also hold the noise of the row means themselves (each averages n or m
  // distances); that part is estimated from the rows' own spread and taken off, so that exact
  // samples are left with the noise floor alone.
  const xm = moments(samples);
  const ym = stats.moments;
  const u = new Float64Array(n);
  let noiseU = 0;
  for (let i = 0; i < n; i++) {
    const px = samples[2 * i];
    const py = samples[2 * i + 1];
    const a = toRef[i] / m;
    const b = own[i] / (n - 1);
    u[i] = a - b;
    noiseU += rowVar(sumSq(px, py, ym), a, m) / m + rowVar(sumSq(px, py, xm), b, n - 1) / (n - 1);
  }
  const v = new Float64Array(q);
  let noiseV = 0;
  for (let j = 0; j < q; j++) {
    const c = fromSamples[j] / n;
    v[j] = c - stats.rowSelf[j];
    noiseV += rowVar(sumSq(ref[2 * j], ref[2 * j + 1], xm), c, n) / n + stats.rowSelfVar[j] / (m - 1);
  }
  const floor = noiseFloor(stats.zeta, n, m);
  const varU = Math.max(variance(u) - noiseU / n, 0);
  const varV = Math.max(variance(v) - noiseV / q, 0);
  const firstOrder = (4 * varU) / n + (4 * varV) / m;
  return { value, se: Math.sqrt(firstOrder + floor * floor), floor };
}

/**
 * An energy distance as text with its uncertainty: "0.0123 ± 0.0041", and a negative estimate
 * within 2 standard errors of 0 as "0 (within noise)", since the true distance is never negative.
 */
export function formatEnergy(e: Pick<EnergyEstimate, "value" | "se">, digits = 4): string {
  if (!Number.isFinite(e.value)) return "n/a";
  if (e.value < 0 && -e.value <= 2 * e.se) return "0 (within noise)";
  return Number.isFinite(e.se)
    ? `${e.value.toFixed(digits)} ± ${e.se.toFixed(digits)}`
    : e.value.toFixed(digits);
}

/** True when the estimate cannot be told apart from 0 (within 2 standard errors). */
export function withinNoise(e: Pick<EnergyEstimate, "value" | "se">): boolean {
  return Math.abs(e.value) <= 2 * e.se;
}

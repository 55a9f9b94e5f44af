// A user's own points as text: "x,y" per line (comma, semicolon, tab or spaces between the two
// numbers), an optional header line, blank lines and "#" comments ignored. Anything else is
// refused with the number of the first wrong line, so the current data and network stay.
export const MIN_POINTS = 2;
export const MAX_CSV_POINTS = 20_000;
/** A 20,000-point file with generous formatting is ~1 MB; 4 MB leaves room for comments. */
export const MAX_CSV_BYTES = 4 * 1024 * 1024;
/** Coordinates beyond this are not data a 2-D teaching plot can show (and break float32). */
export const MAX_ABS_COORD = 1e6;

export type CsvResult =
  | { ok: true; points: Float32Array; skippedHeader: boolean }
  | { ok: false; error: string };

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const SEPARATOR = /\s*[,;\t]\s*|\s+/;

function clip(s: string): string {
  const one = s.replace(/[\r\n]+/g, " ");
  return one.length > 40 ? `${one.slice(0, 40)}...` : one;
}

export function parsePointsCsv(text: string): CsvResult {
  if (text.length > MAX_CSV_BYTES)
    return { ok: false, error: `the text is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB` };
  const lines = text.split(/\r\n|\n|\r/);
  const xy: number[] = [];
  let skippedHeader = false;
  let seenData = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "" || line.startsWith("#")) continue;
    const cells = line.split(SEPARATOR).filter((c) => c !== "");
    const numeric = cells.length > 0 && cells.every((c) => DECIMAL.test(c));
    if (!numeric && !seenData && !skippedHeader && /[a-zA-Z]/.test(line)) {
      skippedHeader = true; // a header such as "x,y"
      continue;
    }
    const where = `line ${i + 1} ("${clip(line)}")`;
    if (cells.length !== 2)
      return { ok: false, error: `${where}: expected two numbers x,y, found ${cells.length} values` };
    if (!numeric)
      return {
        ok: false,
        error: `${where}: "${clip(cells.find((c) => !DECIMAL.test(c))!)}" is not a decimal number`,
      };
    const x = Number(cells[0]);
    const y = Number(cells[1]);
    if (!(Math.abs(x) <= MAX_ABS_COORD && Math.abs(y) <= MAX_ABS_COORD))
      return { ok: false, error: `${where}: coordinates must lie within +-${MAX_ABS_COORD}` };
    seenData = true;
    if (xy.length / 2 >= MAX_CSV_POINTS)
      return {
        ok: false,
        error: `more than ${MAX_CSV_POINTS} points (line ${i + 1}); use at most ${MAX_CSV_POINTS}`,
      };
    xy.push(x, y);
  }
  if (xy.length / 2 < MIN_POINTS)
    return {
      ok: false,
      error: `found ${xy.length / 2} points; a data set needs ${MIN_POINTS} to ${MAX_CSV_POINTS}`,
    };
  const points = Float32Array.from(xy);
  const spread = spreadProblem(points);
  if (spread) return { ok: false, error: spread };
  return { ok: true, points, skippedHeader };
}

/** Standardisation divides by each coordinate's std: a set with no spread in x or y cannot be used. */
export function spreadProblem(points: Float32Array): string | null {
  const n = points.length / 2;
  for (const d of [0, 1]) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      lo = Math.min(lo, points[2 * i + d]);
      hi = Math.max(hi, points[2 * i + d]);
    }
    if (!(hi - lo > 1e-6 * Math.max(1, Math.abs(hi), Math.abs(lo))))
      return `every point has the same ${d === 0 ? "x" : "y"}; the points need some spread in both coordinates`;
  }
  return null;
}

/** Points as CSV text with a header, the inverse of parsePointsCsv. */
export function pointsToCsv(points: ArrayLike<number>): string {
  const rows = ["x,y"];
  for (let i = 0; i < points.length; i += 2) rows.push(`${points[i]},${points[i + 1]}`);
  return `${rows.join("\n")}\n`;
}

// Reading user files as data only, with a size limit, and turning every failure into one line.
import { readFileSync, statSync } from "node:fs";
import { UsageError } from "./args";

export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export function readJsonFile(path: string, flag: string): unknown {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new UsageError(`--${flag}: cannot read file "${path}"`);
  }
  if (size > MAX_FILE_BYTES) throw new UsageError(`--${flag}: file "${path}" is larger than 50 MB`);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new UsageError(`--${flag}: cannot read file "${path}"`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`--${flag}: file "${path}" is not valid JSON`);
  }
}

/** A JSON array of [x, y] pairs of finite numbers, interleaved into a Float64Array. */
export function parsePoints(value: unknown, flag: string, what: string): Float64Array {
  const fail = (why: string) =>
    new UsageError(`--${flag}: ${what} must be a JSON array of [x, y] pairs; ${why}`);
  if (!Array.isArray(value)) throw fail("the file does not hold an array");
  if (value.length === 0) throw fail("the array is empty");
  if (value.length > 1_000_000) throw fail("it has more than 1,000,000 points");
  const out = new Float64Array(2 * value.length);
  value.forEach((p, i) => {
    if (!Array.isArray(p) || p.length !== 2) throw fail(`item ${i} is not a pair`);
    const [x, y] = p;
    if (typeof x !== "number" || typeof y !== "number" || !Number.isFinite(x) || !Number.isFinite(y)) {
      throw fail(`item ${i} is not two finite numbers`);
    }
    out[2 * i] = x;
    out[2 * i + 1] = y;
  });
  return out;
}

export function toPairs(x: ArrayLike<number>): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < x.length; i += 2) out.push([x[i], x[i + 1]]);
  return out;
}

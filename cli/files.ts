// Reading user files as data only. The byte cap is enforced while reading (a device reports size
// 0 and never ends), non-regular files are refused before any read (a FIFO would block), and every
// failure is one line naming the flag.
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { MAX_FILE_BYTES, MAX_POINTS } from "../src/core/config";
import { MIN_POINTS } from "../src/core/datasets";
import { shown, UsageError } from "./args";

import { reason } from "./output";

const MB = MAX_FILE_BYTES / 1024 / 1024;

/** A regular file's bytes, at most MAX_FILE_BYTES of them. */
export function readCapped(path: string, flag: string): Buffer {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting forever.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw new UsageError(`--${flag}: cannot read file ${shown(path)} (${reason(err)})`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new UsageError(`--${flag}: ${shown(path)} is a directory, not a file`);
    if (!st.isFile())
      throw new UsageError(`--${flag}: ${shown(path)} is not a regular file (a device, FIFO or socket)`);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(1 << 20);
      let got: number;
      try {
        got = readSync(fd, chunk, 0, chunk.length, null);
      } catch (err) {
        throw new UsageError(`--${flag}: cannot read file ${shown(path)} (${reason(err)})`);
      }
      if (got === 0) break;
      total += got;
      if (total > MAX_FILE_BYTES)
        throw new UsageError(`--${flag}: file ${shown(path)} is larger than ${MB} MB`);
      chunks.push(chunk.subarray(0, got));
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

export function readJsonFile(path: string, flag: string): unknown {
  return parseJson(readCapped(path, flag).toString("utf8"), path, flag);
}

function parseJson(text: string, path: string, flag: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`--${flag}: file ${shown(path)} is not valid JSON`);
  }
}

/** Largest |coordinate| of a sample set: the data spans tens of units, so 1e6 is already absurd. */
export const COORD_MAX = 1e6;
/** Largest |coordinate| of x_T: standard normal noise never comes near 100 (P < 1e-2000). */
export const NOISE_MAX = 100;

/**
 * A points file's JSON: too many points are refused before parsing (one "[" per point, plus a few
 * for the rest of a `cli sample` output).
 */
export function readPointsJson(path: string, flag: string, what: string): unknown {
  const text = readCapped(path, flag).toString("utf8");
  let brackets = 0;
  for (let i = text.indexOf("["); i >= 0 && brackets <= MAX_POINTS + 16; i = text.indexOf("[", i + 1))
    brackets++;
  if (brackets > MAX_POINTS + 16)
    throw new UsageError(
      `--${flag}: ${what} must be a JSON array of [x, y] pairs; it has more than ${MAX_POINTS} points`,
    );
  return parseJson(text, path, flag);
}

/** An object's own property (never an inherited one such as "constructor"), or undefined. */
export function ownField(json: unknown, key: string): unknown {
  const isObject = json !== null && typeof json === "object" && !Array.isArray(json);
  return isObject && Object.hasOwn(json, key) ? (json as Record<string, unknown>)[key] : undefined;
}

/**
 * The points of a points file: a JSON array of [x, y] pairs, or (with samplesKey) an object whose
 * own property of that name is one (a `cli sample` output).
 */
export function pointsFrom(
  json: unknown,
  flag: string,
  what: string,
  opts: { samplesKey?: string; max?: number } = {},
): Float64Array {
  const inner = opts.samplesKey ? ownField(json, opts.samplesKey) : undefined;
  return parsePoints(inner ?? json, flag, what, opts.max);
}

export function readPointsFile(
  path: string,
  flag: string,
  what: string,
  opts: { samplesKey?: string; max?: number } = {},
): Float64Array {
  return pointsFrom(readPointsJson(path, flag, what), flag, what, opts);
}

/** A JSON array of [x, y] pairs of finite, plausible numbers, interleaved into a Float64Array. */
export function parsePoints(value: unknown, flag: string, what: string, max = COORD_MAX): Float64Array {
  const fail = (why: string) =>
    new UsageError(`--${flag}: ${what} must be a JSON array of [x, y] pairs; ${why}`);
  if (!Array.isArray(value)) throw fail("the file does not hold an array");
  if (value.length === 0) throw fail("the array is empty");
  if (value.length > MAX_POINTS) throw fail(`it has more than ${MAX_POINTS} points`);
  const out = new Float64Array(2 * value.length);
  value.forEach((p, i) => {
    if (!Array.isArray(p) || p.length !== 2) throw fail(`item ${i} is not a pair`);
    const [x, y] = p;
    if (typeof x !== "number" || typeof y !== "number" || !Number.isFinite(x) || !Number.isFinite(y)) {
      throw fail(`item ${i} is not two finite numbers`);
    }
    if (Math.abs(x) > max || Math.abs(y) > max)
      throw fail(`item ${i} is out of range (coordinates must be from -${max} to ${max})`);
    out[2 * i] = x;
    out[2 * i + 1] = y;
  });
  if (value.length < MIN_POINTS) throw fail(`it needs at least ${MIN_POINTS} points`);
  return out;
}

export function toPairs(x: ArrayLike<number>): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < x.length; i += 2) out.push([x[i], x[i + 1]]);
  return out;
}

// The one number grammar of every input (URL, CLI flags, files, text fields): optional sign,
// decimal digits with an optional fraction, an optional exponent. No hex/binary/octal, no
// "Infinity"/"NaN", no trailing junk, and the value must be finite. JavaScript's Number() and
// parseFloat() each accept things the others refuse ("0x10", "1e", "5abc"), so inputs read
// through one function instead.

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Words for messages: what a number may look like. */
export const NUMBER_SYNTAX = "a number written like 12, 0.5 or 1e-3";

/** The number a text denotes, or undefined if it is not one (surrounding spaces are allowed). */
export function parseNumber(text: string): number | undefined {
  const s = text.trim();
  if (s.length > 400 || !NUMBER.test(s)) return undefined;
  const v = Number(s);
  return Number.isFinite(v) ? v : undefined;
}

/**
 * A number as text that parseNumber reads back to the same value (shortest round trip, e.g.
 * "1e-7", "0.3"); used wherever numbers are written into links and files.
 */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) throw new RangeError(`cannot write ${v} as a number`);
  return String(v);
}

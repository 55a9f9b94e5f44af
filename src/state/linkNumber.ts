// Numbers in the link are read with core's one number grammar (core/numbers.ts: decimals with an
// optional exponent; no hex, binary, octal, "Infinity" or junk), like every other input.
import { parseNumber } from "../core/numbers";

/** The number a link field spells, or NaN (which every schema then refuses with its message). */
export function linkNumber(text: string): number {
  return parseNumber(text) ?? Number.NaN;
}

const MAX_SHOWN = 40; // a hand-edited link can hold anything; keep messages short

/** A link value as quoted in a message: at most 40 characters, one line. */
export function shown(v: string): string {
  const line = v.replace(/\s+/g, " ");
  return line.length > MAX_SHOWN ? `${line.slice(0, MAX_SHOWN)}...` : line;
}

// One number grammar for every value in the link: plain decimals with an optional exponent
// ("0.5", "-3", "1e-7"). Hex, binary, octal, "Infinity", "" and whitespace-padded text are not
// numbers here, whatever JavaScript's Number() would make of them.
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** The number a link field spells, or NaN (which every schema then refuses with its message). */
export function linkNumber(text: string): number {
  return DECIMAL.test(text) ? Number(text) : Number.NaN;
}

const MAX_SHOWN = 40; // a hand-edited link can hold anything; keep messages short

/** A link value as quoted in a message: at most 40 characters, one line. */
export function shown(v: string): string {
  const line = v.replace(/\s+/g, " ");
  return line.length > MAX_SHOWN ? `${line.slice(0, MAX_SHOWN)}...` : line;
}

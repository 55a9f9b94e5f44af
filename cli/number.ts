// The number grammar of every CLI value: plain decimal with an optional fraction and exponent
// ("12", "-0.5", "2e-3", ".5"). Hex, binary and octal ("0x10", "0b11", "0o7"), "Infinity",
// digit separators and surrounding spaces are not numbers here, though JavaScript's Number() takes
// them. The dashboard's link reads numbers with the same rule (docs/architecture.md).
// TODO(core merge): replace with core's parseNumber once it lands; the signature is the same.

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The value of a decimal number text, or null when it is not one or is not finite (1e999). */
export function parseNumber(text: string): number | null {
  if (text.length > 64 || !DECIMAL.test(text)) return null;
  const v = Number(text);
  return Number.isFinite(v) ? v : null;
}

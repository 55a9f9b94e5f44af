// A strict flag parser: `--name value` (or `--name=value`) pairs only, names from the command's
// own flag table (cli/flags.ts). Anything unknown, repeated or missing a value is a UsageError,
// which main turns into exit status 2 and one line on stderr.
import type { Flag, FlagTable, FlagValues } from "./flags";

export class UsageError extends Error {}

/** Longest piece of a user's value echoed in a message: a 100 kB value is not printed whole. */
const SHOWN_CHARS = 60;

/**
 * A user's value as it appears in a message: quoted, cut to SHOWN_CHARS, and with newlines and
 * other control characters escaped, so every message stays one line.
 */
export function shown(value: string): string {
  const cut = value.length > SHOWN_CHARS ? `${value.slice(0, SHOWN_CHARS)}...` : value;
  return JSON.stringify(cut);
}

/** The first line of a message, cut to a readable length (for errors from libraries). */
export function oneLine(message: string, max = 300): string {
  const first = message.split(/\r?\n/, 1)[0] ?? "";
  return first.length > max ? `${first.slice(0, max)}...` : first;
}

/** Parses args against a flag table; values are parsed (and validated) by each flag's own parser. */
export function parseFlags<F extends FlagTable>(args: readonly string[], table: F): FlagValues<F> {
  // null prototype: a flag named "constructor" or "__proto__" is an unknown flag, not a built-in
  const values = Object.create(null) as Record<string, unknown>;
  const allowed = Object.keys(table).map((a) => `--${a}`);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith("--"))
      throw new UsageError(`unexpected argument ${shown(arg)}; flags look like --name value`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (!Object.hasOwn(table, name)) {
      throw new UsageError(`unknown flag --${shown(name).slice(1, -1)}; allowed: ${allowed.join(", ")}`);
    }
    if (Object.hasOwn(values, name)) throw new UsageError(`flag --${name} is given twice`);
    const value = inline ?? args[++i];
    if (value === undefined || (inline === undefined && value.startsWith("--"))) {
      throw new UsageError(`flag --${name} needs a value`);
    }
    const flag = table[name] as Flag<unknown>;
    values[name] = flag.parse(value, name);
  }
  return values as FlagValues<F>;
}

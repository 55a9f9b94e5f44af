// A strict flag parser: `--name value` pairs only. Anything unknown, repeated or missing a value is
// a UsageError, which main turns into exit status 2 and one line on stderr.

export class UsageError extends Error {}

export type Flags = Map<string, string>;

export function parseFlags(args: string[], allowed: readonly string[]): Flags {
  const flags: Flags = new Map();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith("--"))
      throw new UsageError(`unexpected argument "${arg}"; flags look like --name value`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (!allowed.includes(name)) {
      throw new UsageError(`unknown flag --${name}; allowed: ${allowed.map((a) => `--${a}`).join(", ")}`);
    }
    if (flags.has(name)) throw new UsageError(`flag --${name} is given twice`);
    const value = inline ?? args[++i];
    if (value === undefined || (inline === undefined && value.startsWith("--"))) {
      throw new UsageError(`flag --${name} needs a value`);
    }
    flags.set(name, value);
  }
  return flags;
}

/** A number flag: must parse as a finite number (the schema then checks its range). */
export function numberFlag(flags: Flags, name: string, fallback: number): number {
  const raw = flags.get(name);
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(v))
    throw new UsageError(`--${name} must be a number, got "${raw}"`);
  return v;
}

export function stringFlag(flags: Flags, name: string, fallback: string): string {
  return flags.get(name) ?? fallback;
}

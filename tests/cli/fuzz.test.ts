// Fuzz of the CLI's inputs with values that parse but make no sense, in this process: for every
// flag of every command, number texts outside the one grammar, finite but absurd numbers,
// denormals, built-in property names as flag names and as values, huge and multi-line values;
// and random JSON as a points file. Each input either gets exactly one short line naming the flag
// (a UsageError) or is accepted as a value its schema allows. The counts per category are printed.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { parseFlags, UsageError } from "../../cli/args";
import { COMMAND_INFO, type FlagTable } from "../../cli/flags";
import { expectOneLineError, inProcess } from "./helpers";

type Outcome = "refused" | "accepted";

/** Parses one `--name value` against a table; the outcome, with the checks every outcome must pass. */
function tryFlag(table: FlagTable, name: string, value: string): Outcome {
  try {
    const v = parseFlags([`--${name}=${value}`], table)[name];
    if (typeof v === "number") {
      expect(Number.isFinite(v)).toBe(true);
      expect(v === 0 || Math.abs(v) >= 2 ** -1022).toBe(true); // never a denormal
    } else {
      expect(typeof v).toBe("string");
    }
    return "accepted";
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    const msg = (err as Error).message;
    expect(msg.split("\n"), msg).toHaveLength(1);
    expect(msg.length).toBeLessThan(400);
    expect(msg).toMatch(new RegExp(`^(--${name.replace(/[$]/g, "\\$")}|unknown flag --)`));
    return "refused";
  }
}

const NOT_NUMBERS = [
  "0x10",
  "0b11",
  "0o7",
  "1_000",
  "Infinity",
  "-Infinity",
  "NaN",
  "",
  "1e999",
  "-1e999",
  "5px",
  "1,5",
  "0.5.5",
  "+-1",
  "1e",
  "e5",
  ".",
  "-",
  "\u0661\u0662",
  "\uff11",
  "0x",
  "1e+",
  "--5",
];
const ABSURD = [
  " 5 ", // surrounding spaces are allowed by the one grammar (core/numbers.ts)
  "1e308",
  "-1e308",
  "1e21",
  "9007199254740993",
  "2147483648",
  "-0",
  "1e-7",
  "0.0000001",
  "123456789012345678901234567890",
  "1e-300",
  "-1e-300",
];
const DENORMALS = ["5e-324", "-5e-324", "1e-310", "2.2e-308", "1e-320"];
const BUILT_INS = [
  "__proto__",
  "constructor",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "isPrototypeOf",
  "__defineGetter__",
  "prototype",
  "length",
];
const LONG = ["9".repeat(100_000), "ddim\nerror: fake", "x\u001b[31mred", "a\rb", `${"1".repeat(70)}`];

const counts = new Map<string, Record<Outcome, number>>();
function count(category: string, outcome: Outcome) {
  const c = counts.get(category) ?? { refused: 0, accepted: 0 };
  c[outcome]++;
  counts.set(category, c);
}
afterAll(() => {
  const lines = [...counts].map(
    ([k, c]) => `  ${k}: ${c.refused + c.accepted} tried, ${c.refused} refused, ${c.accepted} accepted`,
  );
  console.info(`CLI fuzz outcomes:\n${lines.join("\n")}`);
});

const numberFlags: [string, FlagTable, string][] = [];
const allFlags: [string, FlagTable, string][] = [];
for (const [command, info] of COMMAND_INFO) {
  for (const [name, flag] of Object.entries(info.flags)) {
    allFlags.push([command, info.flags, name]);
    // number flags are those whose placeholder is not a list of choices, a path or a name
    if (!flag.arg.includes("|") && !["FILE", "DIR"].includes(flag.arg))
      numberFlags.push([command, info.flags, name]);
  }
}

describe("CLI fuzz: every number flag", () => {
  it("refuses every text outside the decimal grammar", () => {
    for (const [, table, name] of numberFlags)
      for (const v of NOT_NUMBERS) {
        const o = tryFlag(table, name, v);
        count("not a decimal number", o);
        expect(o, `--${name}=${JSON.stringify(v)}`).toBe("refused");
      }
  });

  it("refuses denormals as too close to 0 to be meant", () => {
    for (const [, table, name] of numberFlags)
      for (const v of DENORMALS) {
        const o = tryFlag(table, name, v);
        count("denormal", o);
        expect(o, `--${name}=${v}`).toBe("refused");
      }
  });

  it("accepts finite but absurd numbers only inside the flag's range", () => {
    for (const [, table, name] of numberFlags)
      for (const v of ABSURD) count("finite but absurd", tryFlag(table, name, v));
    // huge values are out of every range
    for (const [, table, name] of numberFlags) expect(tryFlag(table, name, "1e308")).toBe("refused");
  });

  it("random decimal texts: accepted values are in range, others refused with one line", () => {
    fc.assert(
      fc.property(fc.nat(numberFlags.length - 1), fc.double({ noNaN: true }), (k, x) => {
        const [, table, name] = numberFlags[k];
        count("random doubles", tryFlag(table, name, String(x)));
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});

describe("CLI fuzz: names and values", () => {
  it("built-in property names are unknown flags of every command", () => {
    for (const [, info] of COMMAND_INFO)
      for (const n of BUILT_INS) {
        const o = tryFlag(info.flags, n, "1");
        count("built-in names as flags", o);
        expect(o).toBe("refused");
      }
  });

  it("built-in property names are not choices of any choice flag", () => {
    for (const [, table, name] of allFlags) {
      if (!table[name].arg.includes("|") || table[name].arg.includes("FILE")) continue;
      for (const v of BUILT_INS) {
        const o = tryFlag(table, name, v);
        count("built-in names as values", o);
        expect(o).toBe("refused");
      }
    }
  });

  it("huge, multi-line and control-character values give one short line", () => {
    for (const [, table, name] of allFlags)
      for (const v of LONG) count("huge / multi-line values", tryFlag(table, name, v));
  });
});

describe("CLI fuzz: random JSON as a points file (metrics --in)", () => {
  const dir = mkdtempSync(join(tmpdir(), "ddim-cli-fuzz-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("one line and exit 2, or finite figures", async () => {
    const pair = fc.tuple(
      fc.oneof(fc.double(), fc.constantFrom(5e-324, 1e308, -1e6, 1e6)),
      fc.oneof(fc.double(), fc.constantFrom(0, 1e-310)),
    );
    const value = fc.oneof(
      fc.jsonValue(),
      fc.array(pair, { maxLength: 30 }),
      fc.dictionary(fc.constantFrom(...BUILT_INS, "samples"), fc.array(pair, { maxLength: 5 })),
    );
    let i = 0;
    await fc.assert(
      fc.asyncProperty(value, async (v) => {
        const path = join(dir, `f${i++}.json`);
        writeFileSync(path, JSON.stringify(v) ?? "undefined");
        const r = await inProcess(["metrics", "--in", path]);
        if (r.code === 0) {
          count("random JSON points files", "accepted");
          const m = JSON.parse(r.stdout).metrics;
          expect(
            Object.values(m)
              .flat()
              .every((x) => typeof x === "number" && Number.isFinite(x)),
          ).toBe(true);
        } else {
          count("random JSON points files", "refused");
          expectOneLineError(r, /^error: --in: /);
        }
      }),
      { numRuns: 150, seed: 3 },
    );
  });
});

// The settings schema's messages, limits and number grammar (src/core/config.ts, numbers.ts, zod.ts).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  MAX_FILE_BYTES,
  MAX_POINTS,
  NetworkSchema,
  numberLimits,
  ProblemSchema,
  parseNumberSetting,
  parseWith,
  SamplerSchema,
  TrainSchema,
  versionField,
} from "../../src/core/config";
import { formatNumber, parseNumber } from "../../src/core/numbers";
import { z } from "../../src/core/zod";

const SCHEMAS = { ProblemSchema, SamplerSchema, NetworkSchema, TrainSchema };
/** zod's own texts, which must never reach a user. */
const LIBRARY_TEXT = /Invalid input|expected int|Too big|Too small|Invalid option|received/;

describe("one number grammar for every input", () => {
  it("reads decimals and exponents, with sign and surrounding spaces", () => {
    const good: [string, number][] = [
      ["0", 0],
      ["12", 12],
      ["-3", -3],
      ["+4", 4],
      ["0.5", 0.5],
      [".5", 0.5],
      ["5.", 5],
      ["1e-7", 1e-7],
      ["2E+3", 2000],
      [" 7 ", 7],
      ["1e308", 1e308],
    ];
    for (const [text, v] of good) expect(parseNumber(text), text).toBe(v);
  });

  it("refuses hex, binary, octal, words, junk and non-finite values", () => {
    for (const text of [
      "0x10",
      "0b11",
      "0o7",
      "1_000",
      "Infinity",
      "-Infinity",
      "NaN",
      "",
      " ",
      "5abc",
      "1e",
      "e5",
      ".",
      "-",
      "1.2.3",
      "1e400",
      "--1",
      "1,5",
      "１２", // full-width digits
      "1e5\n2",
    ]) {
      expect(parseNumber(text), JSON.stringify(text)).toBeUndefined();
    }
  });

  it("every finite double written by formatNumber reads back to the same value (eta 1e-7 included)", () => {
    expect(formatNumber(1e-7)).toBe("1e-7");
    expect(parseNumber(formatNumber(1e-7))).toBe(1e-7);
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => {
        const back = parseNumber(formatNumber(v));
        expect(back === v || (v === 0 && back === 0)).toBe(true);
      }),
      { numRuns: 2000 },
    );
    expect(() => formatNumber(Number.NaN)).toThrow();
  });

  it("a numeric setting written as text goes through the grammar, then the field's rule", () => {
    const eta = SamplerSchema.shape.eta;
    expect(parseNumberSetting(eta, "eta", "0.25")).toEqual({ ok: true, value: 0.25 });
    expect(parseNumberSetting(eta, "eta", "1e-7")).toEqual({ ok: true, value: 1e-7 });
    const hex = parseNumberSetting(SamplerSchema.shape.steps, "steps", "0x32");
    expect(hex).toEqual({
      ok: false,
      error: 'steps must be a number written like 12, 0.5 or 1e-3 (got the text "0x32")',
    });
    expect(parseNumberSetting(eta, "eta", "2")).toEqual({ ok: false, error: "eta must be from 0 to 1" });
    const long = parseNumberSetting(eta, "eta", "9".repeat(10_000));
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.error.length).toBeLessThan(120);
  });
});

describe("every field's limits are readable from the schema", () => {
  it("numberLimits reads min, max and integer-ness", () => {
    expect(numberLimits(ProblemSchema.shape.T)).toEqual({ min: 10, max: 2000, integer: true });
    expect(numberLimits(SamplerSchema.shape.eta)).toEqual({ min: 0, max: 1, integer: false });
    expect(numberLimits(TrainSchema.shape.lr)).toEqual({ min: 1e-6, max: 10, integer: false });
    expect(numberLimits(NetworkSchema.shape.embedDim)).toEqual({ min: 2, max: 128, integer: true });
    expect(() => numberLimits(SamplerSchema.shape.sampler)).toThrow(/number field/);
  });

  it("shared limits: 20,000 points and a 64 MiB file everywhere", () => {
    expect(MAX_POINTS).toBe(20000);
    expect(MAX_FILE_BYTES).toBe(64 * 1024 * 1024);
  });
});

describe("messages name the setting and what is allowed, never a library default", () => {
  const weird: unknown[] = [
    "abc",
    "1",
    1e20,
    -1e20,
    2.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    null,
    undefined,
    {},
    [],
    true,
    5e-324,
    "x".repeat(5000),
  ];

  for (const [name, schema] of Object.entries(SCHEMAS)) {
    it(`${name}: every field, every odd value`, () => {
      for (const [key, field] of Object.entries(schema.shape)) {
        for (const v of weird) {
          const r = parseWith(field as z.ZodType, v);
          if (r.ok) continue;
          expect(r.error, `${key} = ${String(v).slice(0, 20)}`).not.toMatch(LIBRARY_TEXT);
          expect(r.error.length).toBeLessThan(160);
          expect(r.error).toMatch(/must be/);
        }
      }
    });

    it(`${name}: a non-object says which group of settings is wrong`, () => {
      const r = parseWith(schema, "evil");
      expect(r).toEqual({ ok: false, error: expect.stringMatching(/^the \w+ settings must be an object/) });
    });
  }

  it("the int field's safe-range check uses the field's message, not zod's", () => {
    expect(parseWith(TrainSchema.shape.steps, 1e20)).toEqual({
      ok: false,
      error: "training steps must be a whole number from 1 to 200000",
    });
    expect(parseWith(SamplerSchema.shape.eta, Number.POSITIVE_INFINITY)).toEqual({
      ok: false,
      error: "eta must be a finite number",
    });
  });

  it("schemas built anywhere else with the project's zod get a plain message too (the global fallback)", () => {
    const saved = z.object({
      version: z.literal(1),
      standardizer: z.object({ std: z.array(z.number()) }),
      steps: z.number().int(),
      name: z.string().max(5),
      kind: z.enum(["a", "b"]),
    });
    const issues = saved.safeParse({
      version: "1",
      standardizer: { std: [1, "x"] },
      steps: 1e20,
      name: "toolong",
      kind: "c",
    }).error?.issues;
    const messages = issues?.map((i) => i.message) ?? [];
    expect(messages).toEqual([
      'version must be 1 (a number) (got the text "1")',
      'standardizer.std.1 must be a number (got the text "x")',
      "steps must be a whole number in the safe range (got 100000000000000000000)",
      'name must be at most 5 characters long (got the text "toolong")',
      'kind must be one of "a", "b" (got the text "c")',
    ]);
    for (const m of messages) expect(m).not.toMatch(LIBRARY_TEXT);
  });
});

describe("file versions", () => {
  it("a version written as text is named as text, not as the same number", () => {
    const v = versionField("a network file", 1);
    expect(parseWith(v, 1)).toEqual({ ok: true, value: 1 });
    expect(parseWith(v, "1")).toEqual({
      ok: false,
      error: 'a network file must have "version": 1 (a number); this one has the text "1"',
    });
    expect(parseWith(v, 2)).toEqual({
      ok: false,
      error: 'a network file must have "version": 1 (a number); this one has 2',
    });
    expect(parseWith(v, undefined)).toEqual({
      ok: false,
      error: 'a network file must have "version": 1 (a number); this one has nothing',
    });
  });
});

describe("zod never probes new Function (a Content-Security-Policy violation)", () => {
  it("is configured jitless, and parsing objects never constructs a Function", () => {
    expect(z.config().jitless).toBe(true);
    const original = globalThis.Function;
    let constructed = 0;
    globalThis.Function = new Proxy(original, {
      construct(target, args) {
        constructed++;
        return Reflect.construct(target, args);
      },
      apply(target, self, args) {
        constructed++;
        return Reflect.apply(target, self, args);
      },
    });
    try {
      const fresh = z.object({ a: z.number(), b: z.object({ c: z.string() }) });
      for (let i = 0; i < 3; i++) fresh.safeParse({ a: i, b: { c: "x" } });
      ProblemSchema.safeParse({ T: 100, schedule: "linear", units: "raw" });
    } finally {
      globalThis.Function = original;
    }
    expect(constructed).toBe(0);
  });
});

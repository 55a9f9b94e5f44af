// The project's zod, configured once: every schema in the project is built from this import.
// - jitless: zod's fast path compiles object parsers with `new Function`, and merely probing
//   whether that is allowed raises a Content-Security-Policy violation in the page and the worker.
//   Set before any schema is built (zod reads the flag when an object schema is created).
// - customError: a message for every check that has none of its own, naming the field and what
//   is allowed, so zod's library texts ("Invalid input", "Too big: expected int to be
//   <=9007199254740991") never reach a user. Fields in core/config.ts carry their own messages.
import { z } from "zod";

/** A short, safe description of a value for messages: strings quoted and cut, never echoed whole. */
export function describeValue(v: unknown): string {
  if (typeof v === "string") {
    const oneLine = v.replace(/[\r\n\t]+/g, " ");
    return oneLine.length > 40 ? `the text "${oneLine.slice(0, 37)}..."` : `the text "${oneLine}"`;
  }
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return `a list of ${v.length}`;
  return typeof v === "object" ? "an object" : typeof v;
}

const A_OR_AN: Record<string, string> = {
  number: "a number",
  int: "a whole number",
  string: "a text",
  boolean: "true or false",
  object: "an object",
  array: "a list",
  bigint: "a whole number",
};

type Issue = z.core.$ZodRawIssue;

function allowed(iss: Issue): string {
  switch (iss.code) {
    case "invalid_type":
      return A_OR_AN[iss.expected] ?? `of type ${iss.expected}`;
    case "too_big":
      if (iss.origin === "array" || iss.origin === "set") return `a list of at most ${iss.maximum} items`;
      if (iss.origin === "string") return `at most ${iss.maximum} characters long`;
      return iss.origin === "int" ? "a whole number in the safe range" : `at most ${iss.maximum}`;
    case "too_small":
      if (iss.origin === "array" || iss.origin === "set") return `a list of at least ${iss.minimum} items`;
      if (iss.origin === "string") return `at least ${iss.minimum} characters long`;
      return `at least ${iss.minimum}`;
    case "invalid_value": {
      const values = iss.values.map((v) => (typeof v === "string" ? `"${v}"` : String(v)));
      // "1" for 1: say that it is the text that is wrong, not the value.
      return values.length === 1
        ? `${values[0]}${typeof iss.values[0] === "number" ? " (a number)" : ""}`
        : `one of ${values.join(", ")}`;
    }
    case "not_multiple_of":
      return `a multiple of ${iss.divisor}`;
    case "unrecognized_keys":
      return `free of unknown keys (${iss.keys.slice(0, 5).join(", ")}${iss.keys.length > 5 ? ", ..." : ""})`;
    case "invalid_format":
      return `in the format ${iss.format}`;
    default:
      return "a valid value";
  }
}

/** The message for an issue whose schema gave none: "<field> must be <what is allowed> (got <value>)". */
export function plainMessage(iss: Issue): string {
  const path = iss.path ?? [];
  const where = path.length ? path.map(String).join(".") : "the value";
  const got = "input" in iss && iss.code !== "unrecognized_keys" ? ` (got ${describeValue(iss.input)})` : "";
  return `${where} must be ${allowed(iss)}${got}`;
}

z.config({ jitless: true, customError: plainMessage });

export { z };

// One home for turning failures into text the page shows: the result type (core's), the
// error-to-text helper, and a cap on message lists (a hand-made link or file can hold thousands of
// bad names; the page shows a few and counts the rest).
import type { Result } from "../core/config";

export type { Result };

/** The text of anything thrown: an Error's message, a string, or a name when the message is empty. */
export function messageOf(e: unknown): string {
  if (e instanceof Error || isDomException(e)) {
    const err = e as Error;
    if (err.message.trim() !== "") return err.message;
    // Some browser errors (QuotaExceededError) arrive with an empty message: say what they are.
    return explainName(err.name);
  }
  return typeof e === "string" && e !== "" ? e : "unexpected error";
}

function isDomException(e: unknown): boolean {
  return typeof DOMException !== "undefined" && e instanceof DOMException;
}

function explainName(name: string): string {
  if (name === "QuotaExceededError") return "the browser's storage for this site is full";
  return name ? `unexpected ${name}` : "unexpected error";
}

/** True for a full-storage failure (IndexedDB or localStorage), however the browser names it. */
export function isQuotaError(e: unknown): boolean {
  if (typeof e !== "object" || e === null) return false;
  const { name, code } = e as { name?: unknown; code?: unknown };
  return name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED" || code === 22;
}

export const MAX_MESSAGES = 5;

/** At most `max` messages; the rest are counted in one last line ("and 1995 more"). */
export function capMessages(messages: readonly string[], max = MAX_MESSAGES): string[] {
  if (messages.length <= max) return [...messages];
  const rest = messages.length - (max - 1);
  return [...messages.slice(0, max - 1), `...and ${rest} more like these.`];
}

// Keeps the user's work: the trained network (engine.saveNetwork()), the settings and the loss
// history, in IndexedDB (restored on reload, preferred over the pretrained network) and in files.
// Files are parsed as data only (JSON.parse + zod), with a size limit; the engine validates the
// network itself again before it replaces the current one.
import { del, get, set } from "idb-keyval";
import { z } from "zod";
import { MAX_FILE_BYTES, type Result } from "../core/config";
import type { LossPoint } from "./lossHistory";

export const SESSION_FORMAT = "ddim-lab-session";
export const SESSION_VERSION = 1;
/** The model's own network file format (a bare network is accepted too). */
export const NETWORK_FORMAT = "ddim-lab-network";
// The file-size limit is core's MAX_FILE_BYTES (one limit for the page and the CLI; justified there).
export { MAX_FILE_BYTES };

const IDB_KEY = "ddim-lab/session";

export interface Session {
  format: typeof SESSION_FORMAT;
  version: typeof SESSION_VERSION;
  savedAt: string;
  /** The engine's saveNetwork() result (validated by the engine on load). */
  network: unknown;
  /** Settings as they were (validated like the URL on restore). */
  settings: Record<string, unknown>;
  loss: LossPoint[];
  /** The data set the network was trained on (state/dataLink.ts; validated on restore). Absent: the course's set. */
  data?: unknown;
}

const LossPointSchema = z.object({
  step: z.number({ error: "a loss point's step must be a number" }),
  loss: z.number({ error: "a loss point's loss must be a number" }),
});
// Our own texts for every rule: the library's defaults ("Invalid input") mean nothing to a reader.
const SessionSchema = z.object({
  format: z.literal(SESSION_FORMAT),
  version: z.number(),
  savedAt: z.string({ error: "savedAt must be a text" }).max(100, { error: "savedAt is too long" }),
  network: z.record(z.string(), z.unknown(), { error: "network must be an object" }),
  settings: z.record(z.string(), z.unknown(), { error: "settings must be an object" }),
  loss: z
    .array(LossPointSchema, { error: "loss must be a list of points" })
    .max(1_000_000, { error: "loss has more than 1,000,000 points" }),
  data: z.unknown().optional(),
});

export type Parsed = Result<Session>;

/** A saved object (from IndexedDB or a file) to a Session, or one line saying what is wrong. */
export function parseSession(value: unknown): Parsed {
  if (typeof value !== "object" || value === null)
    return { ok: false, error: "the file is not a DDIM Lab file" };
  const v = value as Record<string, unknown>;
  if (v.format === NETWORK_FORMAT) {
    // A bare network file (e.g. from the CLI): no settings, no chart history of ours.
    return {
      ok: true,
      value: {
        format: SESSION_FORMAT,
        version: SESSION_VERSION,
        savedAt: "",
        network: v,
        settings: {},
        loss: [],
      },
    };
  }
  if (v.format !== SESSION_FORMAT) return { ok: false, error: "the file is not a DDIM Lab file" };
  if (v.version !== SESSION_VERSION) {
    // JSON text of the value: a version "1" (a string) must not read as version 1.
    const given = JSON.stringify(v.version);
    const what = given === undefined ? "has no version" : `is version ${given.slice(0, 20)}`;
    return { ok: false, error: `the file ${what}; this DDIM Lab reads version ${SESSION_VERSION}` };
  }
  const r = SessionSchema.safeParse(v);
  if (!r.success) {
    const i = r.error.issues[0];
    return { ok: false, error: `the file is damaged (${i ? i.message : "bad shape"})` };
  }
  return { ok: true, value: r.data as Session };
}

/** Text of a file to a Session; never throws. */
export function parseSessionText(text: string): Parsed {
  if (text.length > MAX_FILE_BYTES) return { ok: false, error: tooLarge(text.length) };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: "the file is not valid JSON (is it a DDIM Lab file?)" };
  }
  return parseSession(value);
}

function tooLarge(bytes: number): string {
  return `the file is ${(bytes / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1024 / 1024} MB`;
}

export async function readSessionFile(file: Blob): Promise<Parsed> {
  if (file.size > MAX_FILE_BYTES) return { ok: false, error: tooLarge(file.size) };
  try {
    return parseSessionText(await file.text());
  } catch {
    return { ok: false, error: "the file could not be read" };
  }
}

export function makeSession(network: unknown, settings: object, loss: LossPoint[], data?: unknown): Session {
  return {
    format: SESSION_FORMAT,
    version: SESSION_VERSION,
    savedAt: new Date().toISOString(),
    network,
    settings: { ...settings },
    loss,
    ...(data === undefined ? {} : { data }),
  };
}

/** Where sessions are kept: IndexedDB in the browser, memory in tests. */
export interface SessionStore {
  load(): Promise<unknown>;
  save(s: Session): Promise<void>;
  clear(): Promise<void>;
}

export const idbSessionStore: SessionStore = {
  load: () => get(IDB_KEY),
  save: (s) => set(IDB_KEY, s),
  clear: () => del(IDB_KEY),
};

export function memorySessionStore(initial?: Session): SessionStore & { value: Session | undefined } {
  const store = {
    value: initial,
    async load() {
      return store.value;
    },
    async save(s: Session) {
      store.value = s;
    },
    async clear() {
      store.value = undefined;
    },
  };
  return store;
}

/** Starts a browser download of the session as JSON (no server involved). */
export function downloadSession(s: Session, filename = "ddim-lab-network.json"): void {
  const blob = new Blob([JSON.stringify(s)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

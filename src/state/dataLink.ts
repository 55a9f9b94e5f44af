// The data set in the link and in files. A preset is three short keys (data=ring&dn=400&ds=3;
// defaults left out); a drawn or pasted set of at most LINK_MAX_POINTS points travels in the link
// as dp=<base64url of its float32 coordinates> (exact: the same bits, so the same fingerprint and
// the same network); larger ones only in the session file. Everything read back goes through
// checkSource, like a control: a bad value is ignored with a message and the current data stays.
import { checkSource, type DataSource, PRESET_NAMES, PRESETS, type PresetName } from "../core/datasets";

export const LINK_MAX_POINTS = 300;
export const DATA_KEYS = ["data", "dn", "ds", "dp"] as const;

export interface DataLink {
  /** The source the link asks for, or null to keep the default (the course's mixture). */
  source: DataSource | null;
  messages: string[];
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return null;
  try {
    const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** Points as base64url of little-endian float32 pairs (8 bytes per point, exact). */
export function encodePoints(points: Float32Array): string {
  const bytes = new Uint8Array(points.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < points.length; i++) view.setFloat32(4 * i, points[i], true);
  return toBase64Url(bytes);
}

export function decodePoints(text: string): Float32Array | null {
  const bytes = fromBase64Url(text);
  if (!bytes || bytes.length === 0 || bytes.length % 8 !== 0) return null;
  const view = new DataView(bytes.buffer);
  const out = new Float32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(4 * i, true);
  return out;
}

const shown = (v: string) => (v.length > 40 ? `${v.slice(0, 40)}...` : v);

/** Never throws: the link's data set, or null plus a message saying what was ignored and why. */
export function readDataLink(search: string): DataLink {
  const p = new URLSearchParams(search);
  const data = p.get("data");
  if (data === null || data === "tutorial") return { source: null, messages: [] };
  const ignore = (why: string): DataLink => ({
    source: null,
    messages: [`Ignored data=${shown(data)} from the link: ${why}; using the course's mixture`],
  });
  if (data === "points") {
    const pts = decodePoints(p.get("dp") ?? "");
    if (!pts) return ignore("dp must hold the points in the link's encoding (x,y float32 pairs, base64url)");
    if (pts.length / 2 > LINK_MAX_POINTS) return ignore(`a link holds at most ${LINK_MAX_POINTS} points`);
    const r = checkSource({ kind: "custom", points: pts, label: `points from the link (${pts.length / 2})` });
    return r.ok ? { source: r.source, messages: [] } : ignore(r.error);
  }
  if (!PRESET_NAMES.includes(data as PresetName))
    return ignore(`data must be tutorial, points or one of ${PRESET_NAMES.join(", ")}`);
  const name = data as PresetName;
  const num = (key: string, fallback: number) => {
    const v = p.get(key);
    return v === null ? fallback : /^\d{1,10}$/.test(v) ? Number(v) : Number.NaN;
  };
  const r = checkSource({ kind: "preset", name, n: num("dn", PRESETS[name].defaultN), seed: num("ds", 0) });
  return r.ok ? { source: r.source, messages: [] } : ignore(r.error);
}

/** The query string with the data keys set for `source` (the other keys as they were). */
export function writeDataLink(source: DataSource, search: string): string {
  const p = new URLSearchParams(search);
  for (const k of DATA_KEYS) p.delete(k);
  if (source.kind === "preset") {
    p.set("data", source.name);
    if (source.n !== PRESETS[source.name].defaultN) p.set("dn", String(source.n));
    if (source.seed !== 0) p.set("ds", String(source.seed));
  } else if (source.kind === "custom" && source.points.length / 2 <= LINK_MAX_POINTS) {
    p.set("data", "points");
    p.set("dp", encodePoints(source.points));
  }
  // A larger own set stays out of the link (the session and lesson files carry it).
  const s = p.toString();
  return s ? `?${s.replace(/%2C/g, ",")}` : "";
}

/** The data set as a session/lesson file holds it (plain JSON; points as numbers). */
export type SessionData =
  | { kind: "tutorial" }
  | { kind: "preset"; name: string; n: number; seed: number }
  | { kind: "custom"; label: string; points: number[] };

export function toSessionData(source: DataSource): SessionData {
  if (source.kind === "custom")
    return { kind: "custom", label: source.label, points: Array.from(source.points) };
  return source.kind === "preset" ? { ...source } : { kind: "tutorial" };
}

/** A file's data set back to a source, validated like the link (never throws). */
export function fromSessionData(v: unknown): { ok: true; source: DataSource } | { ok: false; error: string } {
  if (typeof v !== "object" || v === null) return { ok: false, error: "the data set must be an object" };
  const d = v as Record<string, unknown>;
  if (d.kind === "custom") {
    const pts = d.points;
    if (!Array.isArray(pts) || pts.length > 40_000 || !pts.every((x) => typeof x === "number"))
      return { ok: false, error: "the data set's points must be a list of at most 40000 numbers" };
    return checkSource({ kind: "custom", label: d.label, points: Float32Array.from(pts) });
  }
  return checkSource(d);
}

// Settings from a saved session (a file or this browser's copy), checked whole before anything is
// loaded: each name must be one of ours (own-property lookup, so "constructor" or "__proto__" are
// just unknown names) and each value passes the same rule as a control. What is refused is named
// in a (capped) list of notes; the rest is applied.
import { capMessages } from "./messages";
import { checkSetting, isSettingKey, reconcile, type SettingKey, type Settings } from "./settings";

export interface FileSettings {
  settings: Settings;
  /** One line per ignored entry ("ignored eta = 5: eta must be from 0 to 1"), capped. */
  notes: string[];
}

const MAX_SHOWN = 40;
const shown = (v: unknown): string => {
  let s: string;
  try {
    s = typeof v === "string" ? JSON.stringify(v) : String(JSON.stringify(v) ?? typeof v);
  } catch {
    s = typeof v;
  }
  return s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN)}...` : s;
};

/** `current` with the file's valid settings applied; never throws. */
export function settingsFromFile(raw: Record<string, unknown>, current: Settings): FileSettings {
  const next: Settings = { ...current };
  const notes: string[] = [];
  // T first: S and t are checked against the file's T (when it is valid).
  const entries = Object.entries(raw).sort(([a], [b]) => (a === "T" ? -1 : b === "T" ? 1 : 0));
  for (const [name, value] of entries) {
    if (!isSettingKey(name)) {
      notes.push(`ignored ${shown(name)}: there is no setting of that name`);
      continue;
    }
    const r = checkSetting(name, value, next.T);
    if (r.ok) (next as Record<SettingKey, number | string>)[name] = r.value;
    else notes.push(`ignored ${name} = ${shown(value)}: ${r.error}`);
  }
  const fixed = reconcile(next);
  return { settings: fixed.settings, notes: capMessages([...notes, ...fixed.notes]) };
}

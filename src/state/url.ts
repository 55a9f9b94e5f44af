// The page's link: settings in the query string, validated per field exactly like the controls.
// A bad field falls back to its default and yields one message naming what was ignored and why.
import { capMessages } from "./messages";
import {
  checkSetting,
  coerce,
  DEFAULT_SETTINGS,
  isSettingKey,
  reconcile,
  SETTING_PROPS,
  type SettingKey,
  type Settings,
} from "./settings";

/** Panels a teacher's link can hide, besides any single setting's control. */
export const PANEL_IDS = ["data", "schedule", "training", "compare", "interpolate"] as const;
export type PanelId = (typeof PANEL_IDS)[number];
export type Hideable = SettingKey | PanelId;

export interface UrlState {
  settings: Settings;
  hidden: Set<Hideable>;
  /** One line per ignored field, e.g. "Ignored eta=5 from the link: eta must be from 0 to 1". */
  messages: string[];
}

const MAX_SHOWN = 40; // a hand-edited link can hold anything; keep messages short

function shown(v: string): string {
  return v.length > MAX_SHOWN ? `${v.slice(0, MAX_SHOWN)}...` : v;
}

/** Never throws: every input yields valid settings plus messages for whatever was ignored. */
export function readUrl(search: string): UrlState {
  const params = new URLSearchParams(search);
  const settings: Settings = { ...DEFAULT_SETTINGS };
  const messages: string[] = [];
  const given = new Map<SettingKey, string>();
  // T first: S and t are checked against it.
  const ordered = [...SETTING_PROPS].sort((a, b) => (a.key === "T" ? -1 : b.key === "T" ? 1 : 0));
  for (const prop of ordered) {
    const raw = params.get(prop.key);
    if (raw === null) continue;
    given.set(prop.key, raw);
    const r = checkSetting(prop.key, coerce(prop.key, raw), settings.T);
    if (r.ok) (settings as Record<string, number | string>)[prop.key] = r.value;
    else messages.push(`Ignored ${prop.key}=${shown(raw)} from the link: ${r.error}`);
  }
  const fixed = reconcile(settings);
  for (const note of fixed.notes) messages.push(`From the link: ${note}`);

  const hidden = new Set<Hideable>();
  for (const h of params.getAll("hide")) {
    for (const name of h.split(",")) {
      const n = name.trim();
      if (n === "") continue;
      // Own names only: "__proto__" or "constructor" are not controls (an `in` test finds built-ins).
      if (isSettingKey(n) || (PANEL_IDS as readonly string[]).includes(n)) hidden.add(n as Hideable);
      else messages.push(`Ignored hide=${shown(n)} from the link: there is no control or panel named so`);
    }
  }
  return { settings: fixed.settings, hidden, messages: capMessages(messages) };
}

/** Query string for the settings: only the values that differ from the defaults, plus hide=. */
export function writeUrl(settings: Settings, hidden: Iterable<Hideable> = [], keep = ""): string {
  const params = new URLSearchParams(keep);
  for (const prop of SETTING_PROPS) {
    params.delete(prop.key);
    const v = settings[prop.key];
    if (v !== prop.default) params.set(prop.key, String(v));
  }
  params.delete("hide");
  const h = [...hidden];
  if (h.length > 0) params.set("hide", h.join(","));
  const s = params.toString();
  return s ? `?${s.replace(/%2C/g, ",")}` : "";
}

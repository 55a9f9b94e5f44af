// The page's link: settings in the query string, validated per field exactly like the controls.
// A bad field falls back to its default and yields one message naming what was ignored and why.
// The link also carries the view (view=present, panel=compare) and the interpolation (interpLink.ts);
// the comparison columns have their own codec (gridLink.ts). useUrlSync.ts is the one writer.
import { shown } from "./linkNumber";
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

/** Panels a teacher's link can hide or land on, besides any single setting's control. */
export const PANEL_IDS = ["data", "schedule", "training", "compare", "field", "interpolate"] as const;
export type PanelId = (typeof PANEL_IDS)[number];
export type Hideable = SettingKey | PanelId;

export const VIEWS = ["normal", "present"] as const;
export type ViewMode = (typeof VIEWS)[number];
export interface ViewLink {
  view: ViewMode;
  /** The panel shown in the presentation view (null: the first one). */
  panel: PanelId | null;
}

/**
 * Settings with no control on the page: the sampler's eta is a property of each comparison column
 * (col=...), so a page-wide eta= would be accepted and change nothing. The link refuses it.
 */
const NOT_IN_LINK: Partial<Record<SettingKey, string>> = {
  eta: "eta belongs to each sampler column; write it inside col=, e.g. col=ddim-50-0.3-trailing-network",
};
const LINK_PROPS = SETTING_PROPS.filter((p) => !Object.hasOwn(NOT_IN_LINK, p.key));

export interface UrlState extends ViewLink {
  settings: Settings;
  hidden: Set<Hideable>;
  /** One line per ignored field, e.g. "Ignored T=5 from the link: T must be from 10 to 2000". */
  messages: string[];
}

const isPanel = (n: string): n is PanelId => (PANEL_IDS as readonly string[]).includes(n);

/** Never throws: every input yields valid settings plus messages for whatever was ignored. */
export function readUrl(search: string): UrlState {
  const params = new URLSearchParams(search);
  const settings: Settings = { ...DEFAULT_SETTINGS };
  const messages: string[] = [];
  // T first: S and t are checked against it.
  const ordered = [...LINK_PROPS].sort((a, b) => (a.key === "T" ? -1 : b.key === "T" ? 1 : 0));
  for (const prop of ordered) {
    const raw = params.get(prop.key);
    if (raw === null) continue;
    const r = checkSetting(prop.key, coerce(prop.key, raw), settings.T);
    if (r.ok) (settings as Record<string, number | string>)[prop.key] = r.value;
    else messages.push(`Ignored ${prop.key}=${shown(raw)} from the link: ${r.error}`);
  }
  for (const [key, why] of Object.entries(NOT_IN_LINK)) {
    const raw = params.get(key);
    if (raw !== null) messages.push(`Ignored ${key}=${shown(raw)} from the link: ${why}`);
  }
  const fixed = reconcile(settings);
  for (const note of fixed.notes) messages.push(`From the link: ${note}`);

  const hidden = new Set<Hideable>();
  for (const h of params.getAll("hide")) {
    for (const name of h.split(",")) {
      const n = name.trim();
      if (n === "") continue;
      // Own names only: "__proto__" or "constructor" are not controls (an `in` test finds built-ins).
      if (isSettingKey(n) || isPanel(n)) hidden.add(n as Hideable);
      else messages.push(`Ignored hide=${shown(n)} from the link: there is no control or panel named so`);
    }
  }
  const view = readViewLink(params, messages);
  return { settings: fixed.settings, hidden, messages: capMessages(messages), ...view };
}

function readViewLink(params: URLSearchParams, messages: string[]): ViewLink {
  const out: ViewLink = { view: "normal", panel: null };
  const v = params.get("view");
  if (v !== null) {
    if ((VIEWS as readonly string[]).includes(v)) out.view = v as ViewMode;
    else messages.push(`Ignored view=${shown(v)} from the link: view must be one of ${VIEWS.join(", ")}`);
  }
  const p = params.get("panel");
  if (p !== null) {
    if (isPanel(p)) out.panel = p;
    else
      messages.push(`Ignored panel=${shown(p)} from the link: panel must be one of ${PANEL_IDS.join(", ")}`);
  }
  return out;
}

/** Query string for the settings: only the values that differ from the defaults, plus hide=. */
export function writeUrl(settings: Settings, hidden: Iterable<Hideable> = [], keep = ""): string {
  const params = new URLSearchParams(keep);
  for (const prop of SETTING_PROPS) {
    params.delete(prop.key);
    const v = settings[prop.key];
    if (v !== prop.default && !Object.hasOwn(NOT_IN_LINK, prop.key)) params.set(prop.key, String(v));
  }
  params.delete("hide");
  const h = [...hidden];
  if (h.length > 0) params.set("hide", h.join(","));
  return query(params);
}

/** The query string with view= and panel= replaced (left out for the normal view). */
export function writeViewLink(search: string, v: ViewLink): string {
  const params = new URLSearchParams(search);
  params.delete("view");
  params.delete("panel");
  if (v.view !== "normal") params.set("view", v.view);
  if (v.view === "present" && v.panel) params.set("panel", v.panel);
  return query(params);
}

export function query(params: URLSearchParams): string {
  const s = params.toString();
  return s ? `?${s.replace(/%2C/g, ",")}` : "";
}

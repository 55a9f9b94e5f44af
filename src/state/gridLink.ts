// The comparison grid in the page's link, so a copied link reproduces the columns and the noise:
// col=<sampler>-<S>-<eta>-<spacing>-<model>[-<variance>] (one per column) and xseed=<seed>.
// Every value from a link goes through the same validation as an edited control; a bad column is
// skipped with a message naming the setting and what is allowed. Other query fields are kept.
import { DEFAULT_SAMPLER, parseWith, SamplerSchema, SEED_MAX, stepsError } from "../core/config";
import { T_MAX } from "../core/schedule";
import type { ModelChoice } from "../engine/api";
import { type CompareColumn, DEFAULT_SEED, HEADLINE_COLUMNS, MODEL_CHOICES } from "./compare";
import { linkNumber, shown } from "./linkNumber";

export const COL_PARAM = "col";
export const SEED_PARAM = "xseed";
export const MAX_LINK_COLUMNS = 6;
/**
 * Columns run on the loaded network, whatever T the link's schedule settings name (T belongs to
 * the network: docs/architecture.md). So a column's S is checked against the largest T here and
 * against the network's own T when it runs.
 */
export const LINK_T_MAX = T_MAX;

type ColumnSpec = Omit<CompareColumn, "id">;

export function encodeColumn(c: ColumnSpec): string {
  const s = c.sampler;
  const base = [s.sampler, s.steps, s.eta, s.spacing, c.model].join("-");
  return s.sampler === "ddpm" && s.variance !== DEFAULT_SAMPLER.variance ? `${base}-${s.variance}` : base;
}

/** Splits on "-" but keeps an exponent's sign with its number: "ddim-50-1e-7-..." has eta 1e-7. */
function splitColumn(text: string): string[] {
  const parts: string[] = [];
  for (const p of text.split("-")) {
    const last = parts[parts.length - 1];
    if (last !== undefined && /^[0-9.]+e$/i.test(last)) parts[parts.length - 1] = `${last}-${p}`;
    else parts.push(p);
  }
  return parts;
}

export function decodeColumn(
  text: string,
  T: number = LINK_T_MAX,
): { ok: true; column: ColumnSpec } | { ok: false; error: string } {
  const parts = splitColumn(text);
  if (parts.length < 5 || parts.length > 6) {
    return { ok: false, error: "a column is sampler-S-eta-spacing-model, e.g. ddim-50-0-trailing-network" };
  }
  const [sampler, steps, eta, spacing, model, variance = DEFAULT_SAMPLER.variance] = parts;
  const S = linkNumber(steps);
  const stepsProblem = stepsError(S, T);
  if (stepsProblem) return { ok: false, error: stepsProblem };
  const r = parseWith(SamplerSchema, { sampler, steps: S, eta: linkNumber(eta), spacing, variance });
  if (!r.ok) return r;
  if (!MODEL_CHOICES.includes(model as ModelChoice)) {
    return { ok: false, error: `model must be one of ${MODEL_CHOICES.join(", ")}` };
  }
  return { ok: true, column: { sampler: r.value, model: model as ModelChoice } };
}

export interface GridLink {
  /** Columns from the link (undefined: the link has none, keep the headline runs). */
  columns?: ColumnSpec[];
  seed?: number;
  messages: string[];
}

export function readGridLink(search: string, T: number = LINK_T_MAX): GridLink {
  const params = new URLSearchParams(search);
  const messages: string[] = [];
  const raw = params.getAll(COL_PARAM);
  let columns: ColumnSpec[] | undefined;
  if (raw.length > 0) {
    columns = [];
    let over = 0;
    for (const text of raw) {
      if (columns.length >= MAX_LINK_COLUMNS) {
        over++;
        continue;
      }
      const r = decodeColumn(text, T);
      if (r.ok) columns.push(r.column);
      else messages.push(`Ignored ${COL_PARAM}=${shown(text)} from the link: ${r.error}`);
    }
    if (over > 0) {
      messages.push(`Ignored ${over} more ${COL_PARAM}= from the link: at most ${MAX_LINK_COLUMNS} columns`);
    }
    if (columns.length === 0) columns = undefined;
  }
  let seed: number | undefined;
  const seedText = params.get(SEED_PARAM);
  if (seedText !== null) {
    const v = linkNumber(seedText);
    if (Number.isInteger(v) && v >= 0 && v <= SEED_MAX) seed = v;
    else
      messages.push(
        `Ignored ${SEED_PARAM}=${shown(seedText)} from the link: the noise seed must be a whole number from 0 to ${SEED_MAX}`,
      );
  }
  return { columns, seed, messages };
}

const isHeadline = (cols: ColumnSpec[]) =>
  cols.length === HEADLINE_COLUMNS.length &&
  cols.every((c, i) => encodeColumn(c) === encodeColumn(HEADLINE_COLUMNS[i]));

/** The query string with the grid's fields replaced (left out when they are the defaults). */
export function writeGridLink(search: string, columns: ColumnSpec[], seed: number): string {
  const params = new URLSearchParams(search);
  params.delete(COL_PARAM);
  params.delete(SEED_PARAM);
  if (!isHeadline(columns)) for (const c of columns) params.append(COL_PARAM, encodeColumn(c));
  if (seed !== DEFAULT_SEED) params.set(SEED_PARAM, String(seed));
  const s = params.toString().replace(/%2C/g, ",");
  return s ? `?${s}` : "";
}

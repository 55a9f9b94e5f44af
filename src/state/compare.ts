// The sampler comparison grid (issue 4 panel 4): columns of sampler settings, their latest results,
// the "run again with the same noise" check and the quality-vs-steps sweep. Every column starts
// from the same x_T (drawXT(n, seed)); results are kept by a key of everything they depend on, so a
// column whose settings, seed or network changed is "stale" and gets re-run (SPEC section 7).
import { create } from "zustand";
import {
  DEFAULT_SAMPLER,
  parseWith,
  type SamplerConfig,
  SamplerSchema,
  SEED_MAX,
  stepsError,
} from "../core/config";
import { drawXT } from "../core/experiment";
import { Rng } from "../core/random";
import type { Engine, ModelChoice, SampleRequest, SampleResult } from "../engine/api";
import { initialSweep, runSweep as runSweepWith, type SweepState } from "./compareSweep";

export const MODEL_CHOICES: readonly ModelChoice[] = ["network", "oracle", "empirical"];
export const MODEL_LABELS: Record<ModelChoice, string> = {
  network: "trained network",
  oracle: "perfect network (oracle)",
  empirical: "memorising (empirical)",
};

export interface CompareColumn {
  id: string;
  sampler: SamplerConfig;
  model: ModelChoice;
}

/** The settings a person can edit in a column. */
export type ColumnField = keyof SamplerConfig | "model";

export interface ColumnRun {
  key: string;
  result: SampleResult;
}

/** Outcome of "run again with the same noise" for one column. */
export interface RepeatCheck {
  key: string;
  maxAbsDiff: number;
}

export interface CompareContext {
  /** Number of diffusion steps of the current problem (steps must be <= T). */
  T: number;
  /** Identity of the network the results come from (changes after training or loading). */
  netVersion: string;
  /** Identity of the problem (T, schedule, units): oracle results depend on it too. */
  problemKey: string;
}

export interface CompareState {
  columns: CompareColumn[];
  seed: number;
  n: number;
  ctx: CompareContext;
  runs: Record<string, ColumnRun>;
  repeats: Record<string, RepeatCheck>;
  /** Per column, per field: why the last edit was refused. */
  fieldErrors: Record<string, Partial<Record<ColumnField, string>>>;
  busy: boolean;
  /** The grid is on the page (other panels let its first run reach the worker first). */
  mounted: boolean;
  /** An edit arrived while a run was in flight: run the stale columns when it ends. */
  again: boolean;
  error: string | null;
  sweep: SweepState;
  setContext(ctx: CompareContext): void;
  /** Columns and seed from a link (already validated); undefined keeps the current ones. */
  loadLink(columns: Omit<CompareColumn, "id">[] | undefined, seed: number | undefined): void;
  addColumn(): void;
  removeColumn(id: string): void;
  /** Validates and applies one edited value; returns the error message or null. */
  editColumn(id: string, field: ColumnField, value: string | number): string | null;
  /** Runs every column whose result is missing or stale, in one sampleMany call. */
  runStale(engine: Engine): Promise<void>;
  /** Re-runs every column from the same x_T with fresh z's and records the max difference. */
  runAgain(engine: Engine): Promise<void>;
  /** Draws a new seed (new x_T) and re-runs every column. */
  newNoise(engine: Engine): Promise<void>;
  runSweep(engine: Engine): Promise<void>;
}

export const HEADLINE_COLUMNS: readonly Omit<CompareColumn, "id">[] = [
  { sampler: { ...DEFAULT_SAMPLER, eta: 0, steps: 50 }, model: "network" },
  { sampler: { ...DEFAULT_SAMPLER, eta: 1, steps: 500 }, model: "network" },
  { sampler: { ...DEFAULT_SAMPLER, eta: 0, steps: 500 }, model: "network" },
];

export const DEFAULT_SEED = 0;
export const DEFAULT_N = 1000;

let nextId = 0;
const newId = () => `col${++nextId}`;

export function columnKey(col: CompareColumn, seed: number, n: number, ctx: CompareContext): string {
  // The weights only matter for the trained-network model; oracles stay valid across training.
  const net = col.model === "network" ? ctx.netVersion : "";
  return JSON.stringify([col.sampler, col.model, seed, n, ctx.problemKey, net]);
}

function request(col: CompareColumn, n: number, xTSeed: number, zSeed: number): SampleRequest {
  // Each request gets its own copy of x_T: the client may transfer (detach) the buffers it sends.
  return { sampler: col.sampler, model: col.model, n, seed: zSeed, xT: drawXT(n, xTSeed) };
}

/** Largest |a_i - b_i|, NaN-aware (a NaN on either side counts as an infinite difference). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    m = Number.isNaN(d) ? Number.POSITIVE_INFINITY : Math.max(m, d);
  }
  return m;
}

/** A seed for the z's of a repeat run: different from every earlier one, still reproducible. */
function zSeedFor(seed: number, repeat: number): number {
  return new Rng(seed, 1000 + repeat).nextUint32() % (SEED_MAX + 1);
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export const useCompare = create<CompareState>((set, get) => {
  let repeatCount = 0;

  async function runColumns(engine: Engine, cols: CompareColumn[], zSeed: number | null): Promise<void> {
    const { seed, n, ctx } = get();
    const keys = cols.map((c) => columnKey(c, seed, n, ctx));
    const reqs = cols.map((c) => request(c, n, seed, zSeed ?? seed));
    set({ busy: true, error: null });
    try {
      const results = await engine.sampleMany(reqs);
      const runs = { ...get().runs };
      const repeats = { ...get().repeats };
      cols.forEach((c, i) => {
        const prev = runs[c.id];
        if (zSeed !== null && prev?.key === keys[i]) {
          repeats[c.id] = { key: keys[i], maxAbsDiff: maxAbsDiff(prev.result.samples, results[i].samples) };
        } else if (zSeed === null) {
          delete repeats[c.id];
        }
        runs[c.id] = { key: keys[i], result: results[i] };
      });
      set({ runs, repeats });
    } catch (err) {
      set({ error: `Sampling failed: ${message(err)}. Dismiss this message to try again.` });
    } finally {
      set({ busy: false });
    }
  }

  function staleColumns(): CompareColumn[] {
    const { columns, runs, seed, n, ctx } = get();
    return columns.filter((c) => runs[c.id]?.key !== columnKey(c, seed, n, ctx));
  }

  return {
    columns: HEADLINE_COLUMNS.map((c) => ({ ...c, sampler: { ...c.sampler }, id: newId() })),
    seed: DEFAULT_SEED,
    n: DEFAULT_N,
    ctx: { T: 500, netVersion: "", problemKey: "" },
    runs: {},
    repeats: {},
    fieldErrors: {},
    busy: false,
    mounted: false,
    again: false,
    error: null,
    sweep: initialSweep(),

    setContext(ctx) {
      const cur = get().ctx;
      if (cur.T === ctx.T && cur.netVersion === ctx.netVersion && cur.problemKey === ctx.problemKey) return;
      // A smaller T can make a column's steps illegal: clamp them to T rather than fail the run.
      const columns = get().columns.map((c) =>
        c.sampler.steps > ctx.T ? { ...c, sampler: { ...c.sampler, steps: ctx.T } } : c,
      );
      set({ ctx, columns });
    },

    loadLink(columns, seed) {
      const next: Partial<CompareState> = {};
      if (columns) next.columns = columns.map((c) => ({ ...c, sampler: { ...c.sampler }, id: newId() }));
      if (seed !== undefined) next.seed = seed;
      if (columns || seed !== undefined) set(next);
    },

    addColumn() {
      const { columns } = get();
      const last = columns[columns.length - 1];
      const base = last ?? { sampler: DEFAULT_SAMPLER, model: "network" as ModelChoice };
      set({ columns: [...columns, { id: newId(), sampler: { ...base.sampler }, model: base.model }] });
    },

    removeColumn(id) {
      const { columns, runs, repeats, fieldErrors } = get();
      const rest = <V>(r: Record<string, V>) =>
        Object.fromEntries(Object.entries(r).filter(([k]) => k !== id));
      set({
        columns: columns.filter((c) => c.id !== id),
        runs: rest(runs),
        repeats: rest(repeats),
        fieldErrors: rest(fieldErrors),
      });
    },

    editColumn(id, field, value) {
      const { columns, ctx, fieldErrors } = get();
      const col = columns.find((c) => c.id === id);
      if (!col) return "no such column";
      let error: string | null = null;
      let next: CompareColumn = col;
      if (field === "model") {
        if (MODEL_CHOICES.includes(value as ModelChoice)) next = { ...col, model: value as ModelChoice };
        else error = `model must be one of ${MODEL_CHOICES.join(", ")}`;
      } else {
        const numeric = field === "steps" || field === "eta";
        const parsed = numeric ? toNumber(value) : value;
        // Steps are checked against this problem's T first: "1 to T=500" beats the schema's "1 to 2000".
        error = field === "steps" ? stepsError(parsed as number, ctx.T) : null;
        const r = parseWith(SamplerSchema, { ...col.sampler, [field]: parsed });
        if (!error && !r.ok) error = r.error;
        if (!error && r.ok) next = { ...col, sampler: r.value };
      }
      const errs = { ...fieldErrors, [id]: { ...fieldErrors[id], [field]: error ?? undefined } };
      set({ fieldErrors: errs, columns: columns.map((c) => (c.id === id ? next : c)) });
      return error;
    },

    async runStale(engine) {
      if (get().busy) {
        set({ again: true });
        return;
      }
      const cols = staleColumns();
      if (cols.length === 0) return;
      await runColumns(engine, cols, null);
      if (get().again) {
        set({ again: false });
        await get().runStale(engine);
      }
    },

    async runAgain(engine) {
      if (get().busy) return;
      repeatCount++;
      await runColumns(engine, get().columns, zSeedFor(get().seed, repeatCount));
    },

    async newNoise(engine) {
      if (get().busy) return;
      const seed = new Rng(get().seed, 2000).nextUint32() % (SEED_MAX + 1);
      set({ seed, repeats: {} });
      await runColumns(engine, get().columns, null);
    },

    async runSweep(engine) {
      const { sweep, seed, ctx } = get();
      if (sweep.status === "running") return;
      const key = `${ctx.problemKey}|${ctx.netVersion}|${seed}`;
      await runSweepWith(engine, { seed, T: ctx.T, key }, (s) => set({ sweep: s }));
    },
  };
});

/** "" and non-numbers become NaN so the schema reports "... must be a number". */
function toNumber(v: string | number): number {
  if (typeof v === "number") return v;
  return v.trim() === "" ? Number.NaN : Number(v);
}

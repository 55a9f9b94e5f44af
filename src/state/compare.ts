// The sampler comparison grid: columns of sampler settings, their latest results (with the whole
// reverse trajectory, for the player), the "run again with the same noise" check and the
// quality-vs-steps sweep. Every column starts from the same x_T (drawXT(n, seed)); results are kept
// by a key of everything they depend on, so a column whose settings, seed or network changed is
// "stale" and gets re-run (docs/math.md, "Determinism, inversion and interpolation"). Each column
// is its own engine call, so a cheap column paints without waiting for an expensive one.
import { create } from "zustand";
import {
  DEFAULT_SAMPLER,
  parseWith,
  type SamplerConfig,
  SamplerSchema,
  SEED_MAX,
  stepsError,
} from "../core/config";
import { Rng } from "../core/random";
import type { Engine, ModelChoice, SampleRequest, SampleResult } from "../engine/api";
import { isCancelled } from "../engine/client";
import { markOnce } from "../engine/marks";
import {
  type ColumnSpec,
  columnCost,
  columnLimitText,
  MAX_COLUMNS,
  maxAbsDiff,
  request,
  suggestColumn,
  type Trajectory,
  toNumber,
  trajectoryOf,
  zSeedFor,
} from "./compareColumns";
import { initialSweep, runSweep as runSweepWith, type SweepState } from "./compareSweep";

export { columnLimitText, MAX_COLUMNS, maxAbsDiff, suggestColumn, type Trajectory, trajectoryOf };

export const MODEL_CHOICES: readonly ModelChoice[] = ["network", "oracle", "empirical"];
export const MODEL_LABELS: Record<ModelChoice, string> = {
  network: "trained network",
  oracle: "perfect network (oracle)",
  empirical: "memorising (empirical)",
};

export interface CompareColumn extends ColumnSpec {
  id: string;
}

/** The settings a person can edit in a column. */
export type ColumnField = keyof SamplerConfig | "model";

export interface ColumnRun {
  key: string;
  /** The settings the run was made with (the column may have been edited since). */
  spec: ColumnSpec;
  result: SampleResult;
  trajectory: Trajectory | null;
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
  /** Column id -> key of the request in flight for it. */
  pending: Record<string, string>;
  /** Some column is being sampled. */
  busy: boolean;
  /** The grid is on the page (other panels let its first run reach the worker first). */
  mounted: boolean;
  error: string | null;
  sweep: SweepState;
  setContext(ctx: CompareContext): void;
  /** Columns and seed from a link (already validated); undefined keeps the current ones. */
  loadLink(columns: Omit<CompareColumn, "id">[] | undefined, seed: number | undefined): void;
  /** Adds a column not yet in the grid; returns why not when the grid is full. */
  addColumn(): string | null;
  removeColumn(id: string): void;
  /** Validates and applies one edited value; returns the error message or null. */
  editColumn(id: string, field: ColumnField, value: string | number): string | null;
  /** Runs every column whose result is missing or stale (and not already on its way), cheapest first. */
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

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export const useCompare = create<CompareState>((set, get) => {
  let repeatCount = 0;
  // Generation of each column's latest request: a result of an older request is ignored (the
  // column was edited, re-seeded or removed while it ran).
  const gen = new Map<string, number>();

  function settle(id: string, g: number): void {
    if (gen.get(id) !== g) return;
    const pending = { ...get().pending };
    delete pending[id];
    set({ pending, busy: Object.keys(pending).length > 0 });
  }

  /** One column = one engine call on its own lane, so it paints as soon as it is done. */
  async function runColumn(engine: Engine, col: CompareColumn, zSeed: number | null): Promise<void> {
    const { seed, n, ctx } = get();
    const key = columnKey(col, seed, n, ctx);
    const g = (gen.get(col.id) ?? 0) + 1;
    gen.set(col.id, g);
    const pending = { ...get().pending, [col.id]: key };
    set({ pending, busy: true, error: null });
    try {
      // Its own lane: a newer request for this column cancels this one in the worker pool.
      const req: SampleRequest = { ...request(col, n, seed, zSeed ?? seed), lane: col.id };
      markOnce(`column-${col.id}:sent`);
      const result = await engine.sample(req);
      markOnce(`column-${col.id}:result`);
      if (gen.get(col.id) !== g || !get().columns.some((c) => c.id === col.id)) return;
      const runs = { ...get().runs };
      const repeats = { ...get().repeats };
      const prev = runs[col.id];
      if (zSeed !== null && prev?.key === key) {
        repeats[col.id] = { key, maxAbsDiff: maxAbsDiff(prev.result.samples, result.samples) };
      } else if (zSeed === null) {
        delete repeats[col.id];
      }
      runs[col.id] = {
        key,
        spec: { sampler: col.sampler, model: col.model },
        result,
        trajectory: trajectoryOf(result),
      };
      set({ runs, repeats });
    } catch (err) {
      // An older request of this column (edited or re-seeded since) failing or being cancelled
      // by the newer one is no news.
      if (gen.get(col.id) !== g || isCancelled(err)) return;
      set({ error: `Sampling failed: ${message(err)}. Dismiss this message to try again.` });
    } finally {
      settle(col.id, g);
    }
  }

  /** Cheapest first: the 50-step column paints long before the 500-step ones. */
  function runColumns(engine: Engine, cols: CompareColumn[], zSeed: number | null): Promise<void> {
    const order = [...cols].sort((a, b) => columnCost(a) - columnCost(b));
    return Promise.all(order.map((c) => runColumn(engine, c, zSeed))).then(() => undefined);
  }

  function staleColumns(): CompareColumn[] {
    const { columns, runs, pending, seed, n, ctx } = get();
    return columns.filter((c) => {
      const key = columnKey(c, seed, n, ctx);
      return runs[c.id]?.key !== key && pending[c.id] !== key;
    });
  }

  return {
    columns: HEADLINE_COLUMNS.map((c) => ({ ...c, sampler: { ...c.sampler }, id: newId() })),
    seed: DEFAULT_SEED,
    n: DEFAULT_N,
    ctx: { T: 500, netVersion: "", problemKey: "" },
    runs: {},
    repeats: {},
    fieldErrors: {},
    pending: {},
    busy: false,
    mounted: false,
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
      const { columns, ctx } = get();
      if (columns.length >= MAX_COLUMNS) return columnLimitText();
      const spec = suggestColumn(columns, ctx.T);
      set({ columns: [...columns, { ...spec, sampler: { ...spec.sampler }, id: newId() }] });
      return null;
    },

    removeColumn(id) {
      const { columns, runs, repeats, fieldErrors, pending } = get();
      gen.delete(id);
      const rest = <V>(r: Record<string, V>) =>
        Object.fromEntries(Object.entries(r).filter(([k]) => k !== id));
      const left = rest(pending);
      set({
        columns: columns.filter((c) => c.id !== id),
        runs: rest(runs),
        repeats: rest(repeats),
        fieldErrors: rest(fieldErrors),
        pending: left,
        busy: Object.keys(left).length > 0,
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
      const cols = staleColumns();
      if (cols.length > 0) await runColumns(engine, cols, null);
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

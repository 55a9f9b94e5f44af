// The sampling pool, page side: each sample call is split into units of points (src/engine/units.ts)
// that idle workers pull one at a time, cheapest call first, so a 50-step column is not queued
// behind two 500-step ones. The split depends only on the number of points, never on the pool
// size, so results are identical with 1, 2 or 4 workers (docs/architecture.md). A newer call on
// the same lane cancels the older: its queued units are dropped and it rejects with an error for
// which isCancelled() is true.
import { drawXT } from "../core/experiment";
import { T_MAX } from "../core/schedule";
import type { SampleRequest, SampleResult, SamplesOnly } from "./api";
import type { EngineWithControl } from "./control";
import { parseSampleRequest } from "./requests";
import { countNonFinite, nonFiniteWarning } from "./sampling";
import type { UnitResult } from "./units";

/** A worker the pool can send work to. */
export interface PoolMember {
  /** Runs one call on this member's worker; rejects when the worker dies or the call times out. */
  run<T>(what: string, fn: (r: EngineWithControl) => Promise<T>): Promise<T>;
  /**
   * True when the member holds the network at `stamp` (the main worker's) and can take a unit now;
   * otherwise starts getting there in the background and calls `ready` when done. Absent on the
   * main worker. A member still starting never holds up a unit another member could run.
   */
  prepare?(stamp: string, ready: () => void): boolean;
  /** Starts the worker and its backend now (the client does it once the main worker is up). */
  boot?(): void;
  /** False once an extra worker has died (its unit is queued again). */
  alive?(): boolean;
  dispose?(): void;
}

export class CancelledError extends Error {
  override name = "CancelledError";
}

/** True for the rejection of a call that a newer call on the same lane replaced. */
export function isCancelled(e: unknown): boolean {
  return e instanceof CancelledError || (e instanceof Error && e.name === "CancelledError");
}

/** Points per unit: up to 4 units (the largest pool) of about 250 points or more; a function of n only. */
export function unitRanges(n: number): [number, number][] {
  const units = Math.max(1, Math.min(4, Math.floor(n / 250)));
  const size = Math.ceil(n / units);
  const out: [number, number][] = [];
  for (let a = 0; a < n; a += size) out.push([a, Math.min(n, a + size)]);
  return out;
}

/**
 * The size of a pool on this machine: the main worker plus min(hardwareConcurrency - 1, 4) others.
 * While the pool samples, the page's own thread mostly waits (docs/bench.md, "Page timings"), so
 * on two cores a second worker takes half of each column's units instead of leaving a core idle.
 */
export function defaultPoolSize(): number {
  const cores = typeof navigator !== "undefined" ? (navigator.hardwareConcurrency ?? 2) : 2;
  return 1 + Math.max(0, Math.min(cores - 1, 4));
}

export type PooledRequest = SampleRequest & { lane?: string };

interface Call {
  req: SampleRequest;
  lane?: string;
  /** x_T of the whole request, model coordinates. */
  xT: Float32Array;
  /** Work estimate (steps x points) for cheapest-first scheduling. */
  cost: number;
  seq: number;
  /** The main worker's network stamp when the call arrived (null until read). */
  stamp: string | null;
  queue: { index: number; a: number; b: number }[];
  parts: (UnitResult | undefined)[];
  running: number;
  done: boolean;
  /** When its first unit was sent to a worker (its ms run from there, queueing excluded). */
  started: number | null;
  resolve: (r: SamplesOnly) => void;
  reject: (e: unknown) => void;
}

export class SamplingPool {
  private calls: Call[] = [];
  private lanes = new Map<string, Call>();
  private busy = new Set<PoolMember>();
  private seq = 0;
  /** Waiters of settled(): each with the calls it waits for (woken as calls finish or fail). */
  private waiters: { calls: Call[]; resolve: () => void }[] = [];

  /** members()[0] is the main worker; stamp() reads its network stamp. */
  constructor(
    private readonly members: () => PoolMember[],
    private readonly stamp: () => Promise<string>,
  ) {}

  async sample(req: PooledRequest): Promise<SamplesOnly> {
    // Checked here once (types, sizes, the trajectory limit; steps against T in the worker), so a
    // bad request fails before any unit runs.
    const r = parseSampleRequest(req, T_MAX);
    const lane = typeof req.lane === "string" ? req.lane : undefined;
    const older = lane === undefined ? undefined : this.lanes.get(lane);
    if (older) this.fail(older, new CancelledError(`replaced by a newer request on lane "${lane}"`));
    const xT = r.xT ?? drawXT(r.n, r.seed);
    return new Promise<SamplesOnly>((resolve, reject) => {
      const call: Call = {
        req: r,
        lane,
        xT,
        cost: r.sampler.steps * r.n,
        seq: this.seq++,
        stamp: null,
        queue: unitRanges(r.n).map(([a, b], index) => ({ index, a, b })),
        parts: [],
        running: 0,
        done: false,
        started: null,
        resolve,
        reject,
      };
      if (lane !== undefined) this.lanes.set(lane, call);
      this.calls.push(call);
      // The stamp is asked for first, so its answer is not queued behind the unit the main
      // worker is given next (the other workers wait for it).
      this.stamp().then(
        (stamp) => {
          call.stamp = stamp;
          this.pump();
        },
        (err) => this.fail(call, err),
      );
      this.pump();
    });
  }

  /**
   * Has every other worker load the main worker's network now (after a network was loaded), so
   * the first call finds them ready instead of waiting for the main worker's first unit to end.
   */
  prime(stamp: string): void {
    if (stamp === "none") return;
    for (const m of this.members()) m.prepare?.(stamp, () => this.pump());
  }

  private fail(call: Call, err: unknown): void {
    if (call.done) return;
    call.done = true;
    call.queue = [];
    this.forget(call);
    call.reject(err);
    this.wakeWaiters();
  }

  private forget(call: Call): void {
    this.calls = this.calls.filter((c) => c !== call);
    if (call.lane !== undefined && this.lanes.get(call.lane) === call) this.lanes.delete(call.lane);
  }

  /**
   * Resolves once every call in the pool now is done (its result or error delivered): work sent
   * to the main worker after that runs behind them, as if it had queued in the pool. (Waiting only
   * until their units are handed out is not enough: a call's quality figures run after its last
   * unit, on that unit's worker, and would queue behind the new work.)
   */
  settled(): Promise<void> {
    const calls = this.calls.filter((c) => !c.done);
    if (calls.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ calls, resolve }));
  }

  private wakeWaiters(): void {
    const left = this.waiters.filter((w) => w.calls.some((c) => !c.done));
    for (const w of this.waiters) if (!left.includes(w)) w.resolve();
    this.waiters = left;
  }

  /** Gives every idle member the next unit of the cheapest waiting call. */
  private pump(): void {
    for (const member of this.members()) {
      if (this.busy.has(member)) continue;
      // The main worker needs no stamp (it holds the network): it starts at once, without waiting
      // for the stamp's answer. The others mirror the network at the stamp; without a network
      // they cannot mirror the main one's problem (stamp "none"): main only.
      const next = this.calls
        .filter(
          (c) =>
            !c.done && c.queue.length > 0 && (!member.prepare || (c.stamp !== null && c.stamp !== "none")),
        )
        .sort((x, y) => x.cost - y.cost || x.seq - y.seq)[0];
      if (next && member.prepare && !member.prepare(next.stamp ?? "none", () => this.pump())) continue;
      const unit = next?.queue.shift();
      if (next && unit) void this.runUnit(member, next, unit);
    }
  }

  private async runUnit(member: PoolMember, call: Call, unit: Call["queue"][number]): Promise<void> {
    this.busy.add(member);
    call.running++;
    try {
      if (call.done) return;
      call.started ??= performance.now();
      const { xT } = call;
      const k = call.req.trajectoryPoints ?? 0;
      const part = await member.run("sampling", (r) =>
        r.sampleUnit({
          sampler: call.req.sampler,
          model: call.req.model,
          seed: call.req.seed,
          xT: xT.slice(2 * unit.a, 2 * unit.b),
          offset: unit.a,
          total: xT.length / 2,
          trajectory: unit.a < k,
        }),
      );
      call.parts[unit.index] = part;
      call.running--;
      if (call.done) return;
      if (!call.done && call.queue.length === 0 && call.running === 0) await this.finish(member, call);
    } catch (err) {
      if (member.alive && !member.alive() && !call.done) {
        call.running--;
        call.queue.unshift(unit); // that worker is gone: another one takes the unit
      } else this.fail(call, err);
    } finally {
      this.busy.delete(member);
      this.pump();
    }
  }

  /** Merges the units (in point order) and adds the quality figures unless the request said false. */
  private async finish(member: PoolMember, call: Call): Promise<void> {
    const parts = call.parts as UnitResult[];
    const samples = concat(parts.map((p) => p.samples));
    // The sampler's time, as a whole run reports it: without the quality figures.
    const ms = performance.now() - (call.started ?? performance.now());
    const figures =
      call.req.quality === false
        ? { warning: nonFiniteWarning(countNonFinite(samples), samples.length / 2) }
        : await member.run("the quality figures", (r) => r.qualityOf(samples.slice()));
    if (call.done) return;
    const result: SamplesOnly = { samples, grid: parts[0].grid, nfe: parts[0].nfe, ms };
    if ("quality" in figures) result.quality = figures.quality;
    if (figures.warning) result.warning = figures.warning;
    const k = call.req.trajectoryPoints;
    if (parts[0].trajectory) result.trajectory = mergeTrajectories(parts, k);
    call.done = true;
    this.forget(call);
    call.resolve(result);
    this.wakeWaiters();
  }
}

function concat(arrays: Float32Array[]): Float32Array {
  const out = new Float32Array(arrays.reduce((s, a) => s + a.length, 0));
  let o = 0;
  for (const a of arrays) {
    out.set(a, o);
    o += a.length;
  }
  return out;
}

/** Frame-major merge of the units' recordings; keeps the first k points when asked. */
function mergeTrajectories(parts: UnitResult[], k?: number): SampleResult["trajectory"] {
  const total = parts.reduce((s, p) => s + (p.trajectory?.n ?? 0), 0);
  const n = k && k > 0 ? Math.min(k, total) : total;
  const frames = parts[0].trajectory?.frames ?? 0;
  const x = new Float32Array(frames * n * 2);
  const x0Hat = new Float32Array((frames - 1) * n * 2);
  let a = 0;
  for (const p of parts) {
    const t = p.trajectory;
    if (!t) continue;
    const m = Math.min(t.n, n - a);
    if (m <= 0) break;
    for (let f = 0; f < frames; f++) {
      x.set(t.x.subarray(2 * f * t.n, 2 * (f * t.n + m)), 2 * (f * n + a));
      if (f < frames - 1) x0Hat.set(t.x0Hat.subarray(2 * f * t.n, 2 * (f * t.n + m)), 2 * (f * n + a));
    }
    a += m;
  }
  return { x, x0Hat, frames, n };
}

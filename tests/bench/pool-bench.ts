// The sampling pool with 1, 2 and 4 workers, measured in Chromium through the real client
// (docs/bench.md, "The pool: 1, 2 and 4 workers"): DDIM-50 and DDIM-500 (eta = 0, 1000 points,
// the pretrained network) with `poolSize` workers (one client per size), the pool's own time of each call (first unit
// sent to merge, without the quality figures), which worker ran which unit, and a hash of every
// result so the Node side can check the samples are identical whatever the pool size.
import type { SamplerConfig } from "../../src/core/config";
import { createEngineClient } from "../../src/engine/client";
import { defaultPoolSize } from "../../src/engine/pool";
import { median } from "./measure";

export interface PoolPlan {
  sizes: number[];
  /** Timed calls of each case (seeds 0..rounds-1), after the warm-up. */
  rounds: number;
  points: number;
}

export const POOL_CASES: Record<string, SamplerConfig> = {
  "DDIM-50": { sampler: "ddim", steps: 50, eta: 0, spacing: "trailing", variance: "small" },
  "DDIM-500": { sampler: "ddim", steps: 500, eta: 0, spacing: "trailing", variance: "small" },
};

export interface PoolFigures {
  size: number;
  /** Median ms of each case. */
  ms: Record<string, number>;
  /** Every timed call's ms, per case. */
  all: Record<string, number[]>;
  /** Units run by each worker (in creation order) over the timed calls. */
  units: number[];
  /** Hash of each timed call's samples, per case, in seed order. */
  hashes: Record<string, string[]>;
  /** Warm-up calls until every worker of the pool had run a unit of one call (or the cap). */
  warmUpCalls: number;
  warmed: boolean;
}

export interface PoolBench {
  /** navigator.hardwareConcurrency in the page. */
  cores: number;
  /** The pool size the app would use here. */
  defaultSize: number;
  pools: PoolFigures[];
}

/** FNV-1a over the bytes of the samples: equal hashes for bit-identical results. */
function hashOf(samples: Float32Array): string {
  const bytes = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return (h >>> 0).toString(16).padStart(8, "0");
}

/**
 * A factory for the app's worker that counts the sampling units each worker is sent (comlink
 * posts {type: "APPLY", path: [method]}), so the bench can see that the pool spread the work.
 */
function countingWorkers() {
  const counts: number[] = [];
  const make = () => {
    const w = new Worker(new URL("../../src/engine/worker.ts", import.meta.url), { type: "module" });
    const k = counts.push(0) - 1;
    const post = w.postMessage.bind(w) as (msg: unknown, transfer?: Transferable[]) => void;
    w.postMessage = ((msg: unknown, transfer?: Transferable[]) => {
      const m = msg as { type?: string; path?: string[] } | null;
      if (m?.type === "APPLY" && m.path?.at(-1) === "sampleUnit") counts[k]++;
      post(msg, transfer);
    }) as Worker["postMessage"];
    return w;
  };
  return { counts, make };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Pool {
  size: number;
  workers: ReturnType<typeof countingWorkers>;
  client: ReturnType<typeof createEngineClient>;
  warmUpCalls: number;
  warmed: boolean;
}

const request = (pool: Pool, sampler: SamplerConfig, seed: number, n: number) =>
  pool.client.sample({ sampler, model: "network", n, seed, quality: false });

/** A client with `size` workers holding the network, warmed up. */
async function startPool(saved: unknown, size: number, plan: PoolPlan): Promise<Pool> {
  const workers = countingWorkers();
  const client = createEngineClient({
    poolSize: size,
    createWorker: workers.make,
    limits: { compute: 600_000 },
  });
  const pool: Pool = { size, workers, client, warmUpCalls: 0, warmed: false };
  await client.loadNetwork(saved, "pretrained");
  // Extra workers load the network only when the pool first offers them a unit (poolWorkers.ts,
  // prepare): warm up until one call had every worker running a unit, or give up after 40 calls.
  while (!pool.warmed && pool.warmUpCalls < 40) {
    const before = [...workers.counts];
    await request(pool, POOL_CASES["DDIM-50"], 0, plan.points);
    pool.warmUpCalls++;
    pool.warmed = workers.counts.filter((c, k) => c > (before[k] ?? 0)).length >= size;
    if (!pool.warmed) await sleep(100);
  }
  return pool;
}

/**
 * Every pool size is started and warmed first; then the calls alternate between the sizes (round
 * r: size 1, 2, 4), so a change of load on a shared machine hits every size alike.
 */
export async function runPoolBench(plan: PoolPlan): Promise<PoolBench> {
  const saved = await (await fetch("/pretrained/network.json")).json();
  const pools: Pool[] = [];
  try {
    for (const size of plan.sizes) pools.push(await startPool(saved, size, plan));
    const start = pools.map((p) => [...p.workers.counts]);
    const figures: PoolFigures[] = pools.map((p) => ({
      size: p.size,
      ms: {},
      all: {},
      units: [],
      hashes: {},
      warmUpCalls: p.warmUpCalls,
      warmed: p.warmed,
    }));
    for (const [name, sampler] of Object.entries(POOL_CASES)) {
      for (const f of figures) {
        f.all[name] = [];
        f.hashes[name] = [];
      }
      for (let r = 0; r < plan.rounds; r++) {
        for (const [i, pool] of pools.entries()) {
          const res = await request(pool, sampler, r, plan.points);
          figures[i].all[name].push(res.ms);
          figures[i].hashes[name].push(hashOf(res.samples));
        }
      }
      for (const f of figures) f.ms[name] = median(f.all[name]);
    }
    for (const [i, p] of pools.entries())
      figures[i].units = p.workers.counts.map((c, k) => c - (start[i][k] ?? 0));
    return { cores: navigator.hardwareConcurrency ?? 0, defaultSize: defaultPoolSize(), pools: figures };
  } finally {
    for (const p of pools) p.client.dispose();
  }
}

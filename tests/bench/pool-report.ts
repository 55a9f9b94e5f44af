// The pool's lines of `npm run bench` (docs/bench.md, "The pool: 1, 2 and 4 workers"): the
// figures of tests/bench/pool-bench.ts as ratios to numpy's time, and the check that every pool
// size returned the same samples for the same request.
import { cpus } from "node:os";
import type { Page } from "playwright-core";
import { POOL_CASES, type PoolBench, type PoolPlan } from "./pool-bench";

const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

/** Every (case, seed) hashed alike by every pool size: null, else what differed. */
export function poolMismatch(bench: PoolBench): string | null {
  const [first, ...rest] = bench.pools;
  for (const p of rest) {
    for (const name of Object.keys(POOL_CASES)) {
      const a = first.hashes[name];
      const b = p.hashes[name];
      const i = a.findIndex((h, k) => h !== b[k]);
      if (a.length !== b.length || i >= 0)
        return `${name} seed ${i}: ${first.size} worker(s) gave ${a[i]}, ${p.size} gave ${b[i]}`;
    }
  }
  return null;
}

export function poolReport(bench: PoolBench, numpyMs: Record<string, number> | null, rounds: number): string {
  const names = Object.keys(POOL_CASES);
  const lines = [
    `The pool (Chromium, the app's kernel workers through the client, pretrained network, ${names.join(" and ")} ` +
      `eta=0 on 1000 points; medians of ${rounds} calls after a warm-up, the sizes taking turns; the pool's own time per call, without ` +
      "the quality figures). Cells: ms (ms / numpy's ms); goal with the pool on this machine: <= 0.75x.",
    `Cores: navigator.hardwareConcurrency ${bench.cores}, os.cpus() ${cpus().length}; the app's pool here: ` +
      `${bench.defaultSize} worker(s). More workers than cores oversubscribe them (printed anyway).`,
  ];
  const rows = [["workers", ...names.map((n) => `${n} ms`), "units per worker", "warm-up calls"]];
  for (const p of bench.pools) {
    rows.push([
      String(p.size) + (p.size > bench.cores ? " (> cores)" : ""),
      ...names.map((n) => `${fmt(p.ms[n])}${numpyMs?.[n] ? ` (${(p.ms[n] / numpyMs[n]).toFixed(2)}x)` : ""}`),
      p.units.join("+"),
      `${p.warmUpCalls}${p.warmed ? "" : " (NOT every worker ran a unit)"}`,
    ]);
  }
  if (numpyMs) rows.push(["numpy", ...names.map((n) => fmt(numpyMs[n])), "-", "-"]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  lines.push(...rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join("  ")));
  const mismatch = poolMismatch(bench);
  const count = names.length * (bench.pools[0]?.hashes[names[0]].length ?? 0);
  lines.push(
    mismatch
      ? `samples: DIFFERENT across pool sizes (${mismatch})`
      : `samples: identical across pool sizes ${bench.pools.map((p) => p.size).join(", ")} ` +
          `(${count} calls each, FNV-1a of the returned Float32Array)`,
  );
  return lines.join("\n");
}

/** Runs the pool bench in the test page; throws (failing the bench) when the samples differ. */
export async function poolBench(page: Page, plan: PoolPlan, numpyMs: Record<string, number> | null) {
  const bench = (await page.evaluate(
    (p) =>
      (window as unknown as { ddimTest: { benchPool(p: unknown): Promise<unknown> } }).ddimTest.benchPool(p),
    plan,
  )) as PoolBench;
  return { text: poolReport(bench, numpyMs, plan.rounds), mismatch: poolMismatch(bench) };
}

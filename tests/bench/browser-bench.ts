// The bench figures measured in Chromium through the real worker client (used by the test page):
// the app's worker (the kernel on wasm), or with plan.kernel false a worker on plain tfjs; and the
// time to quality on the app's worker.
import { createEngineClient } from "../../src/engine/client";
import { type BenchFigures, type BenchPlan, measure } from "./measure";
import { type QualityPlan, type QualityRun, runTimeToQuality } from "./quality-run";

const tfjsWorker = () => new Worker(new URL("./tfjs-worker.ts", import.meta.url), { type: "module" });

export async function runBrowserBench(plan: BenchPlan): Promise<BenchFigures> {
  const client = createEngineClient({
    backend: plan.backend,
    limits: { compute: 600_000 },
    ...(plan.kernel === false ? { createWorker: tfjsWorker } : {}),
  });
  try {
    return await measure(client, plan);
  } finally {
    client.dispose();
  }
}

/**
 * Time to quality (tests/bench/quality-run.ts) for each plan, on the app's worker client; with the
 * host's window.hostWorkerCpu (tests/browser/worker-cpu.ts), the workers' CPU time as well.
 */
export async function runBrowserTimeToQuality(plans: QualityPlan[]): Promise<QualityRun[]> {
  const client = createEngineClient({ limits: { compute: 600_000 } });
  const host = (window as { hostWorkerCpu?: () => Promise<Record<string, number>> }).hostWorkerCpu;
  const cpu = host && (() => host());
  try {
    const runs: QualityRun[] = [];
    for (const plan of plans) runs.push(await runTimeToQuality(client, plan, cpu));
    return runs;
  } finally {
    client.dispose();
  }
}

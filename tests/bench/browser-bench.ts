// The bench figures measured in Chromium through the real worker client (used by the test page):
// the app's worker (the kernel on wasm), or with plan.kernel false a worker on plain tfjs.
import { createEngineClient } from "../../src/engine/client";
import { type BenchFigures, type BenchPlan, measure } from "./measure";

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

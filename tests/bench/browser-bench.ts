// The bench figures measured in Chromium through the real worker client (used by the test page).
import { createEngineClient } from "../../src/engine/client";
import { type BenchFigures, type BenchPlan, measure } from "./measure";

export async function runBrowserBench(plan: BenchPlan): Promise<BenchFigures> {
  const client = createEngineClient({ backend: plan.backend, limits: { compute: 600_000 } });
  try {
    return await measure(client, plan);
  } finally {
    client.dispose();
  }
}

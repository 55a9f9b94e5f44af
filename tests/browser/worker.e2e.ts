// Real-Worker test in headless Chromium: through comlink
// the page trains, pauses, resumes, samples and interpolates, and its hashes of weights, losses
// and samples must equal the same run in Node on wasm. Then the worker is killed mid-training and
// the client must restart it with the last saved network.
// Run: npx tsx tests/browser/worker.e2e.ts   (last line: "N passed, M failed"; exit 1 on failure)
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createEngine } from "../../src/engine/engine";
import { openTestSite } from "./harness";
import { runScenario, type ScenarioResult } from "./scenario";
import { check, finishChecks } from "./static";

async function main(): Promise<void> {
  const node = await runScenario(createEngine());
  const site = await openTestSite();
  try {
    const assets = join(site.dir, "assets");
    const workerFile = readdirSync(assets).find((f) => /^worker-.*\.js$/.test(f));
    const bundle = workerFile ? readFileSync(join(assets, workerFile), "utf8") : "";
    const ui = ["useState", "react-dom", "recharts", "zustand", "katex"].filter((w) => bundle.includes(w));
    check(
      "the worker bundle exists and holds no UI code",
      Boolean(workerFile) && ui.length === 0,
      ui.join(", "),
    );
    const web = (await site.page.evaluate(() =>
      (window as unknown as { ddimTest: { scenario(): Promise<unknown> } }).ddimTest.scenario(),
    )) as ScenarioResult & { backend: string };
    check("the worker runs on wasm", web.backend === "wasm", web.backend);
    check(
      "train -> pause -> resume -> done through comlink",
      web.states.join(",") === "running,paused,running,done,final:done",
      web.states.join(","),
    );
    check(
      "Node trained as far",
      node.trainSteps === 300 && web.trainSteps === 300,
      `${node.trainSteps}/${web.trainSteps}`,
    );
    for (const key of ["weightsHash", "lossesHash", "samplesHash", "interpolationHash"] as const) {
      check(
        `${key} identical in Node and Chromium (wasm)`,
        node[key] === web[key],
        `${node[key].slice(0, 12)} vs ${web[key].slice(0, 12)}`,
      );
    }
    check("samples are sane", web.energyDistance < 0.5, `energy distance ${web.energyDistance.toFixed(4)}`);

    const rec = (await site.page.evaluate(() =>
      (window as unknown as { ddimTest: { recovery(): Promise<unknown> } }).ddimTest.recovery(),
    )) as {
      error: string;
      events: { kind: string; message: string; restoredSteps?: number | null }[];
      savedSteps: number;
      stepsAfter: number;
      sampled: number;
    };
    check("killing the worker rejects the pending train call", /worker stopped/i.test(rec.error), rec.error);
    const restarted = rec.events.find((e) => e.kind === "restarted");
    check(
      "the client reports the restart",
      Boolean(restarted),
      restarted?.message ?? JSON.stringify(rec.events),
    );
    // The run's newest checkpoint comes back: the save before the run, or a later checkpoint of
    // the run itself (handed out every few seconds), never an untrained network.
    check(
      "the newest checkpoint is back, as reported",
      rec.stepsAfter >= rec.savedSteps && rec.stepsAfter === restarted?.restoredSteps,
      `${rec.stepsAfter} steps after, ${rec.savedSteps} saved before the run, reported ${restarted?.restoredSteps}`,
    );
    check("the new worker samples", rec.sampled === 20);
  } finally {
    await site.close();
  }
}

// Nothing below may hang the test run: give up after 5 minutes.
setTimeout(() => {
  check("worker e2e finished within 5 minutes", false);
  finishChecks();
}, 300_000).unref();

main()
  .catch((err) =>
    check(
      "worker e2e ran to the end",
      false,
      err instanceof Error ? (err.stack ?? err.message) : String(err),
    ),
  )
  .finally(finishChecks);

// The kernel's second training thread in Node (a worker_threads worker): what
// src/model/kernel/helperWorker.ts is in the browser, for the tests and the bench. tsx loads the
// TypeScript helper loop inside the worker.
import { Worker } from "node:worker_threads";
import type { HelperHandle } from "../../src/model/kernel/team";

const THREAD_TS = new URL("../../src/model/kernel/thread.ts", import.meta.url).href;
const HELPER_CODE = `
const { parentPort } = require("node:worker_threads");
parentPort.once("message", async (msg) => {
  const { tsImport } = await import("tsx/esm/api");
  const { runHelper } = await tsImport(${JSON.stringify(THREAD_TS)}, ${JSON.stringify(THREAD_TS)});
  runHelper(msg, () => parentPort.postMessage("ready"));
  process.exit(0);
});`;

const started: Worker[] = [];

/** Starts a helper thread (pass it to loadThreading). */
export function nodeHelper(): HelperHandle {
  const w = new Worker(HELPER_CODE, { eval: true });
  started.push(w);
  return {
    start: (msg) => w.postMessage(msg),
    onError: (fn) => w.on("error", (e) => fn(e.message)),
    onReady: (fn) => w.on("message", (m) => m === "ready" && fn()),
    terminate: () => void w.terminate(),
  };
}

/** Ends every helper thread started so far. */
export async function stopNodeHelpers(): Promise<void> {
  await Promise.all(started.splice(0).map((w) => w.terminate()));
}

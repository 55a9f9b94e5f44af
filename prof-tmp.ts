import { Worker } from "node:worker_threads";
import { DEFAULT_NETWORK, DEFAULT_PROBLEM } from "./src/core/config";
import { tutorialDataset } from "./src/core/data";
import { makeProblem } from "./src/core/experiment";
import { createNetwork, createTrainer, setupBackend } from "./src/model";
import { loadThreading, preferThreads } from "./src/model/kernel/load";
const THREAD_TS = new URL("./src/model/kernel/thread.ts", import.meta.url).href;
const nodeHelper = () => { const w = new Worker(`const { parentPort } = require("node:worker_threads");
parentPort.once("message", async (msg) => { const { tsImport } = await import("tsx/esm/api");
  (await tsImport(${JSON.stringify(THREAD_TS)}, ${JSON.stringify(THREAD_TS)})).runHelper(msg, () => parentPort.postMessage("ready")); process.exit(0); });`, { eval: true });
  return { start: (m: any) => w.postMessage(m), onError: () => {}, onReady: (fn: any) => w.on("message", () => fn()), terminate: () => void w.terminate() }; };
await setupBackend("wasm");
await loadThreading(nodeHelper as any);
for (const th of [false, true, false, true]) {
  preferThreads(th);
  const problem = makeProblem(tutorialDataset(), DEFAULT_PROBLEM);
  const net = createNetwork(problem, DEFAULT_NETWORK, 1);
  const tr = createTrainer(net, problem, { lr: 2e-3, batch: 256, emaDecay: 0.999 });
  await net.prepareTraining();
  tr.runChunk(20);
  const T = (globalThis as any).__T; T.a = T.w = T.z = T.n = 0;
  const t0 = performance.now();
  for (let i = 0; i < 6; i++) tr.runChunk(50);
  const ms = (performance.now() - t0) / 300;
  console.log(th ? "2 threads" : "1 thread ", "ms/step", ms.toFixed(3), "slice0", (T.a / T.n).toFixed(3), "wait/slice1", (T.w / T.n).toFixed(3), "tail", (T.z / T.n).toFixed(3));
  tr.dispose(); net.dispose();
}
process.exit(0);

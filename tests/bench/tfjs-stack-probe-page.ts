// The stack probe's page (tests/bench/tfjs-stack-probe.ts): one worker
// (tfjs-stack-probe-worker.ts), driven from Playwright through window.probe(request).
import type { ProbeRequest } from "./tfjs-stack-probe-worker";

const worker = new Worker(new URL("./tfjs-stack-probe-worker.ts", import.meta.url), { type: "module" });

(window as unknown as { probe: (req: ProbeRequest) => Promise<unknown> }).probe = (req) =>
  new Promise((ok, fail) => {
    worker.onmessage = (ev) => ok(ev.data);
    worker.onerror = (ev) => fail(new Error(ev.message));
    worker.postMessage(req);
  });
(document.getElementById("status") as HTMLElement).textContent = "ready";

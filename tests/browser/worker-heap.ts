// The JS heap of the page's compute worker, read from outside through the DevTools protocol
// (performance.memory does not exist in workers). Exposed to the page as window.hostHeap().
import type { CDPSession, Page } from "playwright-core";

interface Attached {
  sessionId: string;
  targetInfo: { type: string };
}

export async function exposeWorkerHeap(page: Page): Promise<void> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  let worker: string | null = null;
  cdp.on("Target.attachedToTarget", (ev: Attached) => {
    if (ev.targetInfo.type === "worker") worker = ev.sessionId; // the newest worker is the live one
  });
  await cdp.send("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  let id = 0;
  const ask = (sessionId: string, method: string) =>
    new Promise<Record<string, number>>((resolve, reject) => {
      const my = ++id;
      const timer = setTimeout(() => reject(new Error(`${method} did not answer`)), 30_000);
      const on = (ev: { message: string }) => {
        const m = JSON.parse(ev.message);
        if (m.id !== my) return;
        clearTimeout(timer);
        cdp.off("Target.receivedMessageFromTarget", on);
        if (m.error) reject(new Error(m.error.message));
        else resolve(m.result);
      };
      cdp.on("Target.receivedMessageFromTarget", on);
      void cdp.send("Target.sendMessageToTarget", { sessionId, message: JSON.stringify({ id: my, method }) });
    });
  await page.exposeFunction("hostHeap", async () => {
    if (!worker) return null;
    await ask(worker, "HeapProfiler.collectGarbage");
    return (await ask(worker, "Runtime.getHeapUsage")).usedSize;
  });
}

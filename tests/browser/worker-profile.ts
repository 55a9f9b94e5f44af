// Samples the page's compute worker with the DevTools CPU profiler (through the page's CDP
// session) and sums self time per function: used by the engine-path bench to see where a
// slower run spends its time. Exposed to the page as window.hostRunHook(i, "before" | "after").
import type { CDPSession, Page } from "playwright-core";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

export async function exposeWorkerProfiler(
  page: Page,
  runsToProfile: Set<number>,
  report: (run: number, lines: string[]) => void,
): Promise<void> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  let worker: string | null = null;
  cdp.on("Target.attachedToTarget", (ev: { sessionId: string; targetInfo: { type: string } }) => {
    if (ev.targetInfo.type === "worker") worker = ev.sessionId;
  });
  await cdp.send("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  let id = 0;
  const ask = (method: string, params: object = {}) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const my = ++id;
      const on = (ev: { message: string }) => {
        const m = JSON.parse(ev.message);
        if (m.id !== my) return;
        cdp.off("Target.receivedMessageFromTarget", on);
        if (m.error) reject(new Error(m.error.message));
        else resolve(m.result);
      };
      cdp.on("Target.receivedMessageFromTarget", on);
      void cdp.send("Target.sendMessageToTarget", {
        sessionId: worker as string,
        message: JSON.stringify({ id: my, method, params }),
      });
    });
  await page.exposeFunction("hostRunHook", async (run: number, when: "before" | "after") => {
    if (!worker || !runsToProfile.has(run)) return;
    if (when === "before") {
      await ask("Profiler.enable");
      await ask("Profiler.setSamplingInterval", { interval: 200 });
      await ask("Profiler.start");
      return;
    }
    const { profile } = (await ask("Profiler.stop")) as unknown as { profile: Profile };
    const self = new Map<string, number>();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((s, i) => {
      const f = byId.get(s)?.callFrame;
      const key = f ? `${f.functionName || "(anonymous)"} ${f.url.split("/").pop()}:${f.lineNumber}` : "?";
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    const lines = [...self.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([k, ms]) => `${ms.toFixed(0).padStart(6)} ms  ${k}`);
    report(run, lines);
  });
}

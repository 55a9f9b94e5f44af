// Test-only page of tests/browser/kernel-check.ts: the kernel scenario on the real worker client.
import { createEngineClient } from "../../src/engine/client";
import { runKernelCases } from "./kernel-scenario";

(window as unknown as Record<string, unknown>).kernelTest = {
  async run() {
    const client = createEngineClient({ limits: { compute: 300_000 } });
    try {
      return await runKernelCases(client);
    } finally {
      client.dispose();
    }
  },
};
(document.getElementById("status") as HTMLElement).textContent = "ready";

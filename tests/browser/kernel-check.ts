// The wasm-simd kernel gives the same bits in Node and in the Chromium worker (production build):
// four architectures (every activation, odd widths, embeddings 2-128, a batch of 300 = one full
// tile and a partial one) are trained and sampled in both; the hashes of the saved weights, the
// losses and the samples must be equal, and both must report the kernel as their backend. The page
// is cross-origin isolated, so Chromium trains on two threads and Node on one: equal hashes also
// mean the thread count does not change a bit (docs/backends.md, "Two threads").
// Run: npx tsx tests/browser/kernel-check.ts   (last line "N passed, M failed"; exit 1 on failure)
import { rmSync } from "node:fs";
import { chromium } from "playwright-core";
import { createEngine } from "../../src/engine/engine";
import { buildTestPage } from "./harness";
import { KERNEL_CASES, type KernelCaseResult, runKernelCases } from "./kernel-scenario";
import { CHROMIUM, CHROMIUM_ARGS, check, finishChecks, serveDir } from "./static";

async function inChromium(): Promise<KernelCaseResult[]> {
  const outDir = await buildTestPage("kernel-check.html", "ddim-lab-kernel-page-");
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const server = await serveDir(outDir, true);
    try {
      const page = await browser.newPage();
      page.on("pageerror", (e) => console.error(`page error: ${e.message}`));
      await page.goto(`${server.origin}tests/browser/kernel-check.html`);
      await page.waitForFunction(() => document.getElementById("status")?.textContent === "ready");
      return (await page.evaluate(() =>
        (window as unknown as { kernelTest: { run(): Promise<unknown> } }).kernelTest.run(),
      )) as KernelCaseResult[];
    } finally {
      server.close();
    }
  } finally {
    await browser.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const node = await runKernelCases(createEngine());
  const web = await inChromium();
  KERNEL_CASES.forEach((cfg, i) => {
    const name = `${cfg.depth}x${cfg.width} ${cfg.activation}, embedding ${cfg.embedDim}`;
    check(`${name}: Node computes on the kernel`, node[i].backend === "wasm-simd kernel", node[i].backend);
    check(
      `${name}: the Chromium worker computes on the kernel`,
      web[i].backend === "wasm-simd kernel",
      web[i].backend,
    );
    check(`${name}: Node trains on one thread`, node[i].threads.startsWith("1 thread"), node[i].threads);
    check(`${name}: Chromium trains on two threads`, web[i].threads === "2 threads", web[i].threads);
    for (const key of ["weights", "losses", "samples"] as const) {
      check(
        `${name}: ${key} identical in Node and Chromium`,
        node[i][key] === web[i][key],
        `${node[i][key]} vs ${web[i][key]}`,
      );
    }
  });
  finishChecks();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});

// Offline (the service worker of src/pwa/sw.ts): open the dashboard once, lose the server, reload:
// the page, the worker, the wasm, the dataset and the pretrained network come from the cache, the
// grid is painted and training works. The page goes through a proxy (tests/e2e/proxy.ts) that is
// then closed, so "no server" is real (connection refused), not a simulated offline flag.
import type { Page } from "playwright-core";
import { check, expect } from "./checks";
import { networkLabel, trainingState, waitGridSettled, waitTrainingState } from "./dashboard";
import { startProxy } from "./proxy";
import type { Site } from "./site";

const OFFLINE_STEPS = 40;

/** `page` is the main run's page (left alone); the check uses its own context on the site. */
export async function offlineChecks(_page: Page, site: Pick<Site, "url" | "browser">): Promise<void> {
  const proxy = await startProxy(site.url);
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  try {
    await check(
      "offline: after one visit the service worker holds the app (precache complete) and it is installable",
      async () => {
        await page.goto(proxy.origin);
        await page.getByText("pretrained network (").waitFor({ timeout: 90_000 });
        await waitGridSettled(page);
        const cached = await page.evaluate(async () => {
          const reg = await navigator.serviceWorker.ready;
          if (reg.active?.state !== "activated") {
            await new Promise<void>((ok) => reg.active?.addEventListener("statechange", () => ok()));
          }
          const names = await caches.keys();
          const urls: string[] = [];
          for (const n of names)
            for (const r of await (await caches.open(n)).keys()) urls.push(new URL(r.url).pathname);
          return urls;
        });
        // Chromium's own verdict on "can this be installed as an app" (manifest, icons, worker);
        // "in-incognito" is the test browser's private profile, not the app.
        const cdp = await context.newCDPSession(page);
        const { installabilityErrors } = (await cdp.send("Page.getInstallabilityErrors")) as {
          installabilityErrors: Array<{ errorId: string }>;
        };
        const blocking = installabilityErrors.map((e) => e.errorId).filter((id) => id !== "in-incognito");
        expect(blocking.length === 0, `not installable: ${blocking.join(", ")}`);
        // The charts load after the first paint (ui/ChartSlot.tsx): their chunks must be cached too.
        const need = [
          /\/index\.html/,
          /\/assets\/engine-worker-.*\.js/,
          /\/assets\/recharts-.*\.js/,
          /\/assets\/LossPlot-.*\.js/,
          /\.wasm/,
          /\/pretrained\/network\.json/,
        ];
        for (const re of need)
          expect(
            cached.some((u) => re.test(u)),
            `nothing matching ${re} in the cache`,
          );
        return `${cached.length} files cached, ${cached.filter((u) => u.endsWith(".wasm")).length} wasm; installable`;
      },
    );
    await check("offline: server stopped, reload: the pretrained network and the grid are back", async () => {
      await proxy.close();
      const refused = await fetch(proxy.origin).then(
        () => false,
        () => true,
      );
      expect(refused, "the server still answers");
      const t0 = Date.now();
      await page.reload();
      await page.getByText("pretrained network (").waitFor({ timeout: 90_000 });
      await waitGridSettled(page);
      return `grid painted ${((Date.now() - t0) / 1000).toFixed(1)} s after the reload; header "${await networkLabel(page)}"`;
    });
    await check(`offline: training ${OFFLINE_STEPS} steps works with no server`, async () => {
      const training = page.locator("#training");
      const field = training.getByLabel("Training steps");
      await field.fill(String(OFFLINE_STEPS));
      await field.press("Enter");
      await training.getByRole("button", { name: "Train", exact: true }).click();
      // The header names the new network only once the run has finished.
      await page.getByText(`your network (${OFFLINE_STEPS} steps)`).waitFor({ timeout: 90_000 });
      await waitTrainingState(page, "idle", 20_000);
      await waitGridSettled(page);
      // The loss chart's lazily loaded plot comes from the cache as well.
      await training.locator(".loss-chart .recharts-surface").first().waitFor({ timeout: 30_000 });
      expect(errors.length === 0, errors.join(" | "));
      return `${await trainingState(page)}; header "${await networkLabel(page)}"; loss chart drawn`;
    });
  } finally {
    await context.close();
    await proxy.close().catch(() => undefined);
  }
}

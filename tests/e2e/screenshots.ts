// Screenshots of the main run's page once everything has painted (the pretrained state a visitor
// first sees) at three sizes, each also checking that nothing is wider than the window.
import { join, relative } from "node:path";
import type { Page } from "playwright-core";
import { check, expect } from "./checks";
import { overflowing, settleFrames } from "./dashboard";
import { ROOT } from "./site";

export const DESKTOP = { width: 1280, height: 720 };
const PHONE = { width: 390, height: 844 };

/** Writes screenshot.png (1280x720), screenshot-projector.png and screenshot-phone.png into `shots`. */
export async function screenshotChecks(page: Page, shots: string): Promise<void> {
  await check(`screenshot 1280x720 (${relative(ROOT, shots)}/screenshot.png), every plot drawn`, async () => {
    // Plots held at start-up are drawn one per task after the grid (src/ui/ChartSlot.tsx): every
    // placeholder box must give way to its plot, wherever it is on the page.
    await page.waitForFunction(() => document.querySelectorAll(".chart-placeholder").length === 0, null, {
      timeout: 30_000,
    });
    await settleFrames(page);
    await page.screenshot({ path: join(shots, "screenshot.png"), fullPage: true });
    const wide = await overflowing(page);
    expect(wide.length === 0, `wider than the window: ${wide.join(", ")}`);
  });
  await check(`screenshot 1920x1080 (${relative(ROOT, shots)}/screenshot-projector.png)`, async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await settleFrames(page);
    await page.screenshot({ path: join(shots, "screenshot-projector.png") });
    const wide = await overflowing(page);
    expect(wide.length === 0, `wider than the window: ${wide.join(", ")}`);
  });
  await check(
    `screenshot 390x844 (${relative(ROOT, shots)}/screenshot-phone.png), nothing wider than the phone`,
    async () => {
      await page.setViewportSize(PHONE);
      await page.waitForFunction(
        (w) =>
          [...document.querySelectorAll<HTMLCanvasElement>("#compare canvas")].every(
            (c) => c.getBoundingClientRect().right <= w,
          ),
        PHONE.width,
        { timeout: 10_000 },
      );
      await settleFrames(page);
      await page.screenshot({ path: join(shots, "screenshot-phone.png"), fullPage: true });
      const wide = await overflowing(page);
      await page.setViewportSize(DESKTOP);
      await settleFrames(page);
      expect(wide.length === 0, `wider than the phone: ${wide.join(", ")}`);
    },
  );
}

// The dashboard end to end: the production build in Debian's headless Chromium,
// used the way a person uses it. One line per check ("ok  name" / "FAIL name (detail)"), then
// "N passed, M failed"; exit 1 on any failure. A watchdog ends a hung run.
//   npx tsx tests/e2e/run.ts        (CHROMIUM_PATH overrides /usr/bin/chromium)
// Screenshots: test-results/screenshot.png (1280x720), screenshot-projector.png (1920x1080),
// screenshot-phone.png (390x844), and the presentation view's present-*.png;
// E2E_SCREENSHOT_DIR=docs writes them over the README's images instead (the worker times in them
// change on every run, so a plain test run must not touch committed files).
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { a11yChecks } from "./a11y";
import { backendChecks } from "./backend";
import { check, expect, finish, isStopped, stopReporting, tally } from "./checks";
import { compareChecks } from "./compare";
import { LONG_TASK_RECORDER } from "./dashboard";
import { dataChecks } from "./data";
import { offlineChecks } from "./offline";
import { persistenceChecks } from "./persistence";
import { deepLinkChecks, layoutShiftCheck, presentChecks } from "./present";
import { firstPaintChecks, sameNoiseCheck, scrubberCheck } from "./pretrained";
import { DESKTOP, screenshotChecks } from "./screenshots";
import { openSite, ROOT, type Site } from "./site";
import { divergenceCheck, spaceKeyCheck, trainChecks } from "./train";
import { trainingRunChecks } from "./trainingRun";

const SHOTS = resolve(ROOT, process.env.E2E_SCREENSHOT_DIR ?? "test-results");
mkdirSync(SHOTS, { recursive: true });

/** The whole run, build included; E2E_WATCHDOG_MS overrides (to try the watchdog itself). */
const WATCHDOG_MS = Number(process.env.E2E_WATCHDOG_MS) || 15 * 60_000;

/** The checks on one page, in order: each topic's file leaves the page as the next one expects. */
async function main(site: Site): Promise<void> {
  const context = await site.browser.newContext({ viewport: DESKTOP });
  await context.addInitScript(LONG_TASK_RECORDER);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  page.on("crash", () => errors.push("the page crashed"));

  await page.goto(site.url);

  const first = await firstPaintChecks(page, errors);
  await screenshotChecks(page, SHOTS);
  await sameNoiseCheck(page);
  await scrubberCheck(page);
  await trainChecks(page);
  await persistenceChecks(page, first);
  await divergenceCheck(page);
  await spaceKeyCheck(page);

  await trainingRunChecks(page, site);
  await compareChecks(page, site);
  await offlineChecks(page, site);
  await dataChecks(page, site);
  await backendChecks(page);
  await check("no console errors or page errors during the whole run", async () => {
    expect(errors.length === 0, errors.join(" | "));
  });
}

async function run(): Promise<void> {
  let site: Site | null = null;
  const watchdog = setTimeout(() => {
    stopReporting();
    tally.failed++;
    console.log(`FAIL watchdog (the run took over ${WATCHDOG_MS / 1000} s; the checks left were not run)`);
    // Closing the browser makes the pending check fail and the run end; a hung close is not waited for.
    void site?.close();
    setTimeout(finish, 10_000).unref();
  }, WATCHDOG_MS);
  try {
    site = await openSite();
    await main(site);
    // The lecture and accessibility checks, each on fresh pages of the same build.
    await presentChecks(site.browser, site.url, SHOTS);
    await deepLinkChecks(site.browser, site.url, SHOTS);
    await layoutShiftCheck(site.browser, site.url);
    await a11yChecks(site.browser, site.url);
  } catch (e) {
    if (!isStopped()) {
      tally.failed++;
      console.log(
        `FAIL the run stopped early (${e instanceof Error ? e.message.split("\n")[0] : String(e)})`,
      );
    }
  } finally {
    clearTimeout(watchdog);
    await site?.close();
  }
  finish();
}

void run();

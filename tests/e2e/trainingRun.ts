// End-to-end checks of the training run in the real app (production build, Chromium, the worker):
// the live preview appears while training and the loss keeps falling; what the preview costs the
// run (wall time of the same run with it on and off); Pause marks the preview with its step; Step
// trains one chunk; the architecture is locked while a run is open; two tabs see each other's
// saves; screenshots of the panel at three sizes. Standalone: npx tsx tests/e2e/trainingRun.ts
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { check, expect, finish, sleep, until } from "./checks";
import { LONG, lossView, waitTrainingState } from "./dashboard";
import { openSite, ROOT, type Site } from "./site";

const SHOTS = join(ROOT, "test-results");
const caption = (page: Page) =>
  page.evaluate(() => document.querySelector("#training .train-preview figcaption")?.textContent ?? "");
/** The step count in the header while a run is paused ("your network, paused (N steps so far)"). */
const pausedAt = (page: Page) =>
  page.evaluate(() =>
    Number(/(\d+) steps so far/.exec(document.querySelector(".network-status")?.textContent ?? "")?.[1]),
  );
const stepOf = (text: string) => Number(/from step (\d+)/.exec(text)?.[1] ?? Number.NaN);

async function setField(page: Page, label: string, value: string) {
  const field = page.locator("#training").getByLabel(label, { exact: true });
  await field.fill(value);
  await field.press("Enter");
}

/** Wall time of a whole run of `steps` from the Train click to "idle", in seconds. */
async function timedRun(page: Page, steps: number): Promise<number> {
  await setField(page, "Training steps", String(steps));
  const t0 = Date.now();
  await page.locator("#training").getByRole("button", { name: "Train", exact: true }).click();
  await waitTrainingState(page, "training...", 10_000);
  await waitTrainingState(page, "idle", LONG);
  return (Date.now() - t0) / 1000;
}

/** `measureCost`: also time runs with the preview on and off (minutes; the standalone run does it). */
export async function trainingRunChecks(page: Page, site: Site, measureCost = false): Promise<void> {
  const training = page.locator("#training");
  const button = (name: string) => training.getByRole("button", { name, exact: true });
  // A run left paused by earlier checks is ended first (End run keeps its network).
  if (await button("End run").isVisible()) {
    await button("End run").click();
    await waitTrainingState(page, "idle", LONG);
  }
  await setField(page, "Learning rate", "0.002");

  await check("live preview: samples appear during training and are redrawn as the loss falls", async () => {
    await setField(page, "Training steps", "20000");
    await button("Train").click();
    const steps: number[] = [];
    const losses: number[] = [];
    const t0 = Date.now();
    while (steps.length < 3) {
      expect(Date.now() - t0 < LONG, `preview captions seen: ${steps.join(", ") || "none"}`);
      const s = stepOf(await caption(page));
      if (Number.isFinite(s) && s !== steps.at(-1)) {
        steps.push(s);
        losses.push((await lossView(page)).points);
      }
      await sleep(200);
    }
    // Enough seen: end the run (Pause, then End run keeps its network).
    await button("Pause").click();
    await waitTrainingState(page, "paused", LONG);
    await button("End run").click();
    await waitTrainingState(page, "idle", LONG);
    const smooth = await page.evaluate(
      () => document.querySelector(".loss-chart figcaption")?.textContent ?? "",
    );
    for (let i = 1; i < steps.length; i++) expect(steps[i] > steps[i - 1], `steps ${steps.join(" -> ")}`);
    return `preview redrawn at steps ${steps.join(", ")}; ${smooth}`;
  });

  if (measureCost)
    await check(
      "live preview costs the run under 15% (same run, preview on vs off, alternated)",
      async () => {
        const toggle = training.getByLabel("Live preview while training");
        const on: number[] = [];
        const off: number[] = [];
        for (let i = 0; i < 3; i++) {
          await toggle.setChecked(false);
          off.push(await timedRun(page, 1000));
          await toggle.setChecked(true);
          on.push(await timedRun(page, 1000));
        }
        const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
        const slowdown = med(on) / med(off) - 1;
        expect(slowdown < 0.15, `on ${on.join(", ")} s, off ${off.join(", ")} s`);
        return `1000 steps: median ${med(off).toFixed(2)} s off, ${med(on).toFixed(2)} s on, slowdown ${(100 * slowdown).toFixed(1)}% (on ${on.map((v) => v.toFixed(2)).join(", ")}; off ${off.map((v) => v.toFixed(2)).join(", ")}; 2 shared cores, noisy)`;
      },
    );

  await check(
    "Pause: the preview says which step it shows; Step trains one chunk; the network's shape is locked",
    async () => {
      await setField(page, "Training steps", "100000");
      await button("Train").click();
      await until(
        () => caption(page),
        (c) => Number.isFinite(stepOf(c)),
        LONG,
      );
      await button("Pause").click();
      await waitTrainingState(page, "paused", LONG);
      const at = await pausedAt(page);
      expect(await training.getByLabel("Hidden width").isDisabled(), "width is editable while paused");
      expect(await training.getByText(/Resume continues the same network/).isVisible(), "no reason shown");
      await button("Step").click();
      await waitTrainingState(page, "paused", LONG);
      const after = await until(
        () => pausedAt(page),
        (v) => v > at,
        10_000,
      );
      await training.getByRole("button", { name: "Refresh the preview" }).click();
      await until(
        () => caption(page),
        (c) => stepOf(c) === after,
        LONG,
      );
      return `paused at ${at}; one Step -> ${after} (${after - at} steps); preview "from step ${after}"`;
    },
  );

  await check("screenshots of the training panel at 1920x1080, 1280x720, 390x844", async () => {
    mkdirSync(SHOTS, { recursive: true });
    for (const [w, h] of [
      [1920, 1080],
      [1280, 720],
      [390, 844],
    ]) {
      await page.setViewportSize({ width: w, height: h });
      await sleep(300);
      await training.screenshot({ path: join(SHOTS, `training-${w}x${h}.png`) });
      // Every figure of the stats line (step, steps/s, threads, time left) inside the panel.
      const outside = await training.evaluate((panel) => {
        const edge = panel.getBoundingClientRect().right;
        return [...panel.querySelectorAll(".train-stats dl div")]
          .filter((d) => d.getBoundingClientRect().right > edge + 0.5)
          .map((d) => d.textContent);
      });
      expect(outside.length === 0, `at ${w}x${h} past the panel's edge: ${outside.join(", ")}`);
    }
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  await check(
    "two tabs: a save in one shows 'Another tab saved a network (N steps): load it?' in the other",
    async () => {
      const other = await page.context().newPage();
      await other.goto(site.url);
      await other.getByText("network (").first().waitFor({ timeout: LONG });
      // A short run in this tab: its end is saved to the shared copy and announced.
      if (await button("End run").isVisible()) await button("End run").click();
      await waitTrainingState(page, "idle", LONG);
      await timedRun(page, 100);
      const note = other.getByText(
        /Another tab saved a network \(\d+ steps\) to this browser: load it here\?/,
      );
      await note.waitFor({ timeout: 30_000 });
      const text = await note.textContent();
      await other.getByRole("button", { name: "Load it" }).click();
      await other.getByText(/your network \(\d+ steps\)/).waitFor({ timeout: LONG });
      await other.close();
      return text ?? "";
    },
  );
}

// Standalone run (development): only these checks, against a fresh production build.
if (process.argv[1]?.endsWith("trainingRun.ts")) {
  const site = await openSite();
  try {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(site.url);
    await page.getByText("pretrained network (").waitFor({ timeout: LONG });
    await trainingRunChecks(page, site, true);
  } finally {
    await site.close();
  }
  finish();
}

// The dashboard end to end: the production build in Debian's headless Chromium,
// used the way a person uses it. One line per check ("ok  name" / "FAIL name (detail)"), then
// "N passed, M failed"; exit 1 on any failure. A watchdog ends a hung run.
//   npx tsx tests/e2e/run.ts        (CHROMIUM_PATH overrides /usr/bin/chromium)
// Screenshots: test-results/screenshot.png (1280x720), screenshot-projector.png (1920x1080),
// screenshot-phone.png (390x844), and the presentation view's present-*.png;
// E2E_SCREENSHOT_DIR=docs writes them over the README's images instead (the worker times in them
// change on every run, so a plain test run must not touch committed files).
import { mkdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { a11yChecks } from "./a11y";
import { backendChecks } from "./backend";
import { check, expect, finish, isStopped, sleep, stopReporting, tally, until } from "./checks";
import { compareChecks } from "./compare";
import {
  type Column,
  columns,
  countGridRuns,
  interpReadout,
  LONG,
  LONG_TASK_RECORDER,
  longTasksBetween,
  lossView,
  networkLabel,
  now,
  overflowing,
  savedSession,
  settleFrames,
  snapshot,
  trainingState,
  trainStat,
  waitGridSettled,
  waitInterpolationSettled,
  waitTrainingState,
} from "./dashboard";
import { dataChecks } from "./data";
import { offlineChecks } from "./offline";
import { deepLinkChecks, layoutShiftCheck, presentChecks } from "./present";
import { openSite, ROOT, type Site } from "./site";
import { trainingRunChecks } from "./trainingRun";

const SHOTS = resolve(ROOT, process.env.E2E_SCREENSHOT_DIR ?? "test-results");
mkdirSync(SHOTS, { recursive: true });

/** The whole run, build included; E2E_WATCHDOG_MS overrides (to try the watchdog itself). */
const WATCHDOG_MS = Number(process.env.E2E_WATCHDOG_MS) || 15 * 60_000;
// Long enough for the loss chart to update several times at the kernel's ~400-600 steps/s (300 steps ended
// within one chart refresh).
const TRAIN_STEPS = 1500;
const DESKTOP = { width: 1280, height: 720 };
const PHONE = { width: 390, height: 844 };
const HEADLINE = ["DDIM eta=0, S=50", "DDIM eta=1, S=500", "DDIM eta=0, S=500"];

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

  // 1. First paint: the pretrained network, the grid, the interpolation; nothing logged as an error.
  await check("the pretrained network is loaded ('pretrained network (' in the header)", async () => {
    await page.getByText("pretrained network (").waitFor({ timeout: LONG });
    return await networkLabel(page);
  });
  let first: Column[] = [];
  await check(
    "comparison grid: 3 columns of 1000 points, DDIM eta=0 S=50 / eta=1 S=500 / eta=0 S=500",
    async () => {
      const t0 = Date.now();
      await waitGridSettled(page);
      first = await columns(page);
      expect(first.length === 3, `${first.length} columns`);
      first.forEach((c, i) => {
        expect(c.title.includes(HEADLINE[i]), `column ${i + 1} is "${c.title}"`);
        expect(c.points === 1000, `column ${i + 1} has ${c.points} points ("${c.summary}")`);
      });
      return `painted ${((Date.now() - t0) / 1000).toFixed(1)} s after the network label`;
    },
  );
  await check("interpolation panel decoded its first frames", async () => {
    await waitInterpolationSettled(page);
    return await interpReadout(page);
  });
  await check("page loads with no console errors", async () => {
    expect(errors.length === 0, errors.join(" | "));
    // Reported, not judged: start-up (parse, first render, KaTeX, first plots) has a few long tasks.
    const tasks = await longTasksBetween(page, 0, await now(page));
    return `start-up to painted grid: ${tasks.length} long tasks, max ${Math.round(Math.max(0, ...tasks.map((t) => t.ms)))} ms (${tasks.map((t) => Math.round(t.ms)).join(", ")})`;
  });

  // 7. Screenshots once everything has painted (the pretrained state a visitor first sees).
  await check(`screenshot 1280x720 (${relative(ROOT, SHOTS)}/screenshot.png)`, async () => {
    await settleFrames(page);
    await page.screenshot({ path: join(SHOTS, "screenshot.png"), fullPage: true });
    const wide = await overflowing(page);
    expect(wide.length === 0, `wider than the window: ${wide.join(", ")}`);
  });
  await check(`screenshot 1920x1080 (${relative(ROOT, SHOTS)}/screenshot-projector.png)`, async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await settleFrames(page);
    await page.screenshot({ path: join(SHOTS, "screenshot-projector.png") });
    const wide = await overflowing(page);
    expect(wide.length === 0, `wider than the window: ${wide.join(", ")}`);
  });
  await check(
    `screenshot 390x844 (${relative(ROOT, SHOTS)}/screenshot-phone.png), nothing wider than the phone`,
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
      await page.screenshot({ path: join(SHOTS, "screenshot-phone.png"), fullPage: true });
      const wide = await overflowing(page);
      await page.setViewportSize(DESKTOP);
      await settleFrames(page);
      expect(wide.length === 0, `wider than the phone: ${wide.join(", ")}`);
    },
  );

  // 4. Determinism: the same x_T again; eta=0 is a fixed function of x_T, eta=1 adds fresh z.
  await check(
    "'Run again with the same noise': eta=0 columns differ by exactly 0, eta=1 does not",
    async () => {
      await page.getByRole("button", { name: "Run again with the same noise" }).click();
      await page.waitForFunction(
        () => document.querySelectorAll("#compare .repeat-diff output").length === 3,
        null,
        {
          timeout: LONG,
        },
      );
      const diffs = await page
        .locator("#compare article")
        .evaluateAll((arts) => arts.map((a) => a.querySelector(".repeat-diff output")?.textContent ?? ""));
      expect(diffs[0] === "0 (bit-identical)", `eta=0 S=50: ${diffs[0]}`);
      expect(diffs[2] === "0 (bit-identical)", `eta=0 S=500: ${diffs[2]}`);
      expect(Number(diffs[1]) > 0, `eta=1 S=500: ${diffs[1]}`);
      return diffs.join(" / ");
    },
  );

  // 5. The scrubber only re-slices decoded frames: the marker moves, and comes back.
  await check("interpolation slider (ArrowRight) moves the marker; ArrowLeft brings it back", async () => {
    const slider = page.getByLabel("Position u along the path");
    const canvas = page.getByRole("img", { name: "Decoded interpolation in data space" });
    const picture = () => canvas.evaluate((c) => (c as HTMLCanvasElement).toDataURL());
    const before = await interpReadout(page);
    const pictureBefore = await picture();
    await slider.focus();
    for (let i = 0; i < 4; i++) await slider.press("ArrowRight");
    await page.waitForFunction((b) => document.querySelector(".interp-readout")?.textContent !== b, before);
    const after = await interpReadout(page);
    const marker = (s: string) => /marker at \(([^)]*)\)/.exec(s)?.[1];
    expect(/^u = 0\.600 /.test(after), `after 4 x ArrowRight: ${after}`);
    expect(
      marker(after) !== undefined && marker(after) !== marker(before),
      `marker ${marker(before)} -> ${marker(after)}`,
    );
    await settleFrames(page);
    expect((await picture()) !== pictureBefore, "the data-space plot did not change");
    for (let i = 0; i < 4; i++) await slider.press("ArrowLeft");
    await page.waitForFunction((b) => document.querySelector(".interp-readout")?.textContent === b, before, {
      timeout: 5000,
    });
    return `marker (${marker(before)}) -> (${marker(after)})`;
  });

  // 3. Train: the loss curve grows chunk by chunk; the main thread never blocks for long.
  const training = page.locator("#training");
  const window_ = { from: 0, to: 0 };
  let speed = "";
  await check(`Train ${TRAIN_STEPS} steps: the loss chart grows while training`, async () => {
    const field = training.getByLabel("Training steps");
    await field.fill(String(TRAIN_STEPS));
    await field.press("Enter");
    const before = await lossView(page);
    await page.evaluate(countGridRuns);
    const t0 = Date.now();
    window_.from = await now(page);
    await training.getByRole("button", { name: "Train", exact: true }).click();
    await waitTrainingState(page, "training...", 10_000);
    const seen: number[] = [];
    const paths: number[] = [];
    while ((await trainingState(page)) !== "Training: idle") {
      expect(Date.now() - t0 < LONG, `still "${await trainingState(page)}" after ${LONG / 1000} s`);
      const v = await lossView(page);
      if (v.points > 0 && v.points !== seen[seen.length - 1]) {
        seen.push(v.points);
        paths.push(v.pathLength);
      }
      const sps = await trainStat(page, "steps/s");
      if (sps !== "—") speed = sps;
      await sleep(100);
    }
    window_.to = await now(page);
    // The chart is throttled (300 ms): wait for it to show the last chunk.
    await page.waitForFunction(
      (n) => (document.querySelector(".loss-chart figcaption")?.textContent ?? "").endsWith(` at step ${n}.`),
      TRAIN_STEPS,
      { timeout: 5000 },
    );
    const after = await lossView(page);
    for (let i = 1; i < seen.length; i++)
      expect(seen[i] > seen[i - 1], `loss points went ${seen.join(" -> ")}`);
    expect(
      seen.length >= 2,
      `the chart updated only ${seen.length} times during the run (${seen.join(" -> ")})`,
    );
    expect(after.points >= seen[seen.length - 1], `final ${after.points} after ${seen.join(" -> ")}`);
    expect(after.pathLength > paths[0], `chart path ${paths[0]} -> ${after.pathLength} characters`);
    return (
      `pretrained ${before.points} points; during the run ${seen.join(" -> ")}, final ${after.points}; ` +
      `path d ${paths[0]} -> ${after.pathLength} chars; ${((Date.now() - t0) / 1000).toFixed(1)} s, ${speed} steps/s`
    );
  });
  await check("no main-thread long task over 200 ms while training", async () => {
    const tasks = await longTasksBetween(page, window_.from, window_.to);
    const max = Math.max(0, ...tasks.map((t) => t.ms));
    // The whole page so far, to show the observer works (start-up has a few).
    const all = await longTasksBetween(page, 0, Number.MAX_VALUE);
    const allMax = Math.max(0, ...all.map((t) => t.ms));
    const note =
      `${tasks.length} long tasks over 50 ms in ${((window_.to - window_.from) / 1000).toFixed(1)} s, max ${Math.round(max)} ms; ` +
      `since page load ${all.length}, max ${Math.round(allMax)} ms`;
    expect(max <= 200, note);
    return note;
  });
  await check(
    `at the end of the run the header says 'your network (${TRAIN_STEPS} steps)', step ${TRAIN_STEPS}`,
    async () => {
      // The header is set before the run reads as idle; the step readout is throttled (250 ms).
      const label = await networkLabel(page);
      expect(label === `your network (${TRAIN_STEPS} steps)`, `header "${label}"`);
      const step = await until(
        () => trainStat(page, "step"),
        (s) => s.split(" ")[0] === String(TRAIN_STEPS),
        3000,
      );
      return `step readout "${step}"`;
    },
  );
  await check("served without COOP/COEP, training says it runs on one thread and why", async () => {
    const threads = await trainStat(page, "threads");
    const note = (await page.locator("#training .train-stats p").textContent()) ?? "";
    expect(threads === "1", `threads readout "${threads}"`);
    expect(note.includes("not cross-origin isolated"), `note "${note}"`);
    return note;
  });

  // 6. Persistence: the trained network and its loss history survive a reload.
  let saved: Awaited<ReturnType<typeof snapshot>> | null = null;
  await check("after training: the grid re-samples the new network once, the interpolation too", async () => {
    const t0 = Date.now();
    await waitGridSettled(page);
    await waitInterpolationSettled(page);
    saved = await snapshot(page);
    const runs = await page.evaluate(() => (window as unknown as { __e2eGridRuns: number }).__e2eGridRuns);
    expect(runs === 1, `the grid sampled ${runs} times after the run`);
    expect(
      saved.columns.every((c) => c.points === 1000),
      saved.columns.map((c) => c.summary).join(" | "),
    );
    expect(
      saved.columns[0].figures !== first[0].figures || saved.columns[0].summary !== first[0].summary,
      "column 1 shows the same figures as the pretrained network",
    );
    return `settled ${((Date.now() - t0) / 1000).toFixed(1)} s after the run`;
  });
  await check("the trained network and its loss history are saved in IndexedDB", async () => {
    const want = { steps: TRAIN_STEPS, loss: saved?.loss };
    const s = await until(
      () => savedSession(page),
      (v) => v?.steps === want.steps && v.loss === want.loss,
      20_000,
    ).catch((e: Error) => {
      throw new Error(`${e.message}, want ${JSON.stringify(want)}`);
    });
    return `${s?.steps} steps, ${s?.loss} loss points`;
  });
  await check("reload: the same network, step count, loss history and samples are back", async () => {
    const want = saved;
    expect(want !== null, "nothing to compare with");
    if (!want) return;
    await page.reload();
    await page.getByText(`your network (${TRAIN_STEPS} steps)`).waitFor({ timeout: LONG });
    await waitGridSettled(page);
    await waitInterpolationSettled(page);
    const got = await snapshot(page);
    const diffs: string[] = [];
    // The step readout is "300 / 300" right after the run and "300" after a reload.
    const steps = (s: string) => s.split(" ")[0];
    if (steps(got.step) !== steps(want.step)) diffs.push(`step: "${want.step}" -> "${got.step}"`);
    for (const k of ["label", "loss"] as const) {
      if (got[k] !== want[k]) diffs.push(`${k}: "${want[k]}" -> "${got[k]}"`);
    }
    got.columns.forEach((c, i) => {
      const w = want.columns[i];
      if (!w || c.summary !== w.summary || c.figures !== w.figures) {
        diffs.push(`column ${i + 1}: "${w?.summary} ${w?.figures}" -> "${c.summary} ${c.figures}"`);
      }
    });
    if (got.readout !== want.readout) diffs.push(`interpolation: "${want.readout}" -> "${got.readout}"`);
    expect(diffs.length === 0, diffs.join("; "));
    expect(!got.label.includes("pretrained"), got.label);
    return `${got.label}, step ${got.step}, ${got.loss} loss points, column 1 ${got.columns[0].figures.split("; ")[1]}`;
  });

  // 7b. A learning rate of 10 diverges at once: the page says so and the user's network stays.
  await check(
    "learning rate 10: the run diverges, the message says so, the trained network stays",
    async () => {
      const before = await snapshot(page);
      const lr = training.getByLabel("Learning rate");
      await lr.fill("10");
      await lr.press("Enter");
      await training.getByRole("button", { name: "Train", exact: true }).click();
      const alert = training.getByText(/Training diverged at step \d+ .*your previous network is back/);
      await alert.waitFor({ timeout: LONG });
      await waitTrainingState(page, "idle", 10_000);
      await waitGridSettled(page);
      const after = await snapshot(page);
      expect(after.label === before.label, `header "${before.label}" -> "${after.label}"`);
      expect(after.loss === before.loss, `loss points ${before.loss} -> ${after.loss}`);
      expect(
        after.columns.every((c, i) => c.figures === before.columns[i]?.figures),
        "the grid's samples changed",
      );
      await lr.fill("0.002");
      await lr.press("Enter");
      return `"${(await alert.textContent())?.slice(0, 60)}..."; header "${after.label}"`;
    },
  );

  // 8. Space (focus on the page, not in a field) starts and pauses training.
  await check("Space starts training and Space pauses it ('Training: paused')", async () => {
    const field = training.getByLabel("Training steps");
    await field.fill("100000");
    await field.press("Enter");
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    expect(await page.evaluate(() => document.activeElement === document.body), "focus is not on the body");
    await page.keyboard.press(" ");
    await waitTrainingState(page, "training...", 10_000);
    await page.waitForFunction(
      () => /loss points/.test(document.querySelector(".loss-chart figcaption")?.textContent ?? ""),
      null,
      {
        timeout: 20_000,
      },
    );
    await page.keyboard.press(" ");
    await waitTrainingState(page, "paused", 10_000);
    // The header names the paused run (it used to say "untrained network" here); the step readout
    // is throttled (250 ms), so wait for the two to agree.
    const agree = () =>
      page.evaluate(() => {
        const label = document.querySelector(".network-status strong")?.textContent ?? "";
        const step = [...document.querySelectorAll("#training .train-stats div")]
          .find((d) => d.querySelector("dt")?.textContent === "step")
          ?.querySelector("dd")
          ?.textContent?.split(" ")[0];
        return { label, step, ok: label === `your network, paused (${step} steps so far)` };
      });
    const seen = await until(agree, (v) => v.ok, 5000);
    return `paused at step ${seen.step}; header "${seen.label}"`;
  });

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

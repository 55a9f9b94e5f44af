// End-to-end checks of the comparison grid's number fields, the reverse-process player and the
// field view, in real Chromium on the production build. Figures are printed with each check;
// timings on a shared machine are noisy (read them as such).
import type { Page } from "playwright-core";
import { check, expect, sleep } from "./checks";
import { waitGridSettled } from "./dashboard";
import type { Site } from "./site";

/** Plays for 3 s in the page; counts animation frames and long tasks (recorded by run.ts). */
const PLAY_AND_MEASURE = `(async () => {
  const buttons = () => [...document.querySelectorAll("#compare .player-bar button")];
  const play = buttons().find((b) => b.textContent === "Play");
  if (!play) return null;
  const start = performance.now();
  play.click();
  let frames = 0;
  await new Promise((done) => {
    const tick = (now) => {
      frames++;
      if (now - start < 3000) requestAnimationFrame(tick);
      else done();
    };
    requestAnimationFrame(tick);
  });
  const end = performance.now();
  const progress = document.querySelector("#compare .player-bar input[type=range]").value;
  buttons().find((b) => b.textContent === "Pause")?.click();
  const long = (window.__e2eLongTasks ?? []).filter((t) => t.start >= start && t.start <= end && t.ms > 50);
  return { fps: frames / ((end - start) / 1000), long: long.map((t) => Math.round(t.ms)), progress };
})()`;

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

export async function compareChecks(page: Page, _site: Site): Promise<void> {
  await check(
    "compare: a column's S acts on Enter only (9999 is refused with a message, never run as 99)",
    async () => {
      await waitGridSettled(page);
      const col = page.locator("#compare article").first();
      const title = await col.locator("h3").textContent();
      const steps = col.getByLabel("Steps S");
      await steps.fill("9999");
      await sleep(400);
      expect((await col.locator("h3").textContent()) === title, "the title changed while typing");
      expect(
        (await page.locator("#compare").getAttribute("aria-busy")) === "false",
        "a run started while typing",
      );
      await steps.press("Enter");
      const alert = await col.getByRole("alert").textContent();
      expect(/whole number from 1 to T=/.test(alert ?? ""), `message: ${alert}`);
      await steps.fill("50");
      await steps.press("Enter");
      return alert ?? "";
    },
  );

  await check(
    // Frame rate and long tasks are printed against their goals (>= 30 frames/s, no long task over
    // 50 ms), not asserted: a timing threshold flakes on a shared machine. The check asserts that
    // the animation really plays.
    "compare: the reverse process plays (3 columns, trails); frame rate and long tasks printed",
    async () => {
      await waitGridSettled(page);
      await page.locator("#compare .player-bar").scrollIntoViewIfNeeded();
      // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
      const r = (await page.evaluate(PLAY_AND_MEASURE)) as {
        fps: number;
        long: number[];
        progress: string;
      } | null;
      expect(r !== null, "no Play button");
      if (!r) return;
      expect(Number(r.progress) > 0, "the scrubber did not move");
      const met = r.fps >= 30 && r.long.length === 0 ? "goal met" : "goal NOT met";
      const note = `${r.fps.toFixed(1)} frames/s, long tasks over 50 ms: ${r.long.length} [${r.long.join(", ")}]; ${met}`;
      expect(r.fps > 2, `the animation hardly moved: ${note}`);
      return note;
    },
  );

  // The redraw time is printed against its goal (<= 50 ms), not asserted (timing flakes on a
  // shared machine); the check asserts that every slider step redraws.
  await check("field view: each t-slider step redraws (median time of 10 printed)", async () => {
    if (!(await page.$("#field"))) return "skipped: the field panel is not on this page";
    await page.locator("#field").scrollIntoViewIfNeeded();
    const status = page.locator("#field p[aria-live]");
    await page.waitForFunction(
      () => /mean \|eps_net/.test(document.querySelector("#field p[aria-live]")?.textContent ?? ""),
      null,
      {
        timeout: 60_000,
      },
    );
    const slider = page.locator("#field input[type=range]");
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const before = await status.textContent();
      await slider.focus();
      await page.keyboard.press("ArrowRight");
      await page.waitForFunction(
        (b) => {
          const t = document.querySelector("#field p[aria-live]")?.textContent ?? "";
          return t !== b && /Redrawn \d+ ms/.test(t);
        },
        before,
        { timeout: 20_000 },
      );
      times.push(Number(/Redrawn (\d+) ms/.exec((await status.textContent()) ?? "")?.[1]));
    }
    const note = `median ${median(times)} ms (goal <= 50 ms: ${median(times) <= 50 ? "met" : "NOT met"}), all: ${times.join(", ")}`;
    expect(times.length === 10 && times.every(Number.isFinite), note);
    return note;
  });
}

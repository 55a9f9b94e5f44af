// The pretrained state a visitor first sees, on the main run's page: the network label, the
// comparison grid and the interpolation paint with no console error; the same noise again gives
// bit-identical eta=0 columns; the interpolation slider only re-slices decoded frames.
import type { Page } from "playwright-core";
import { check, expect } from "./checks";
import {
  type Column,
  columns,
  interpReadout,
  LONG,
  longTasksBetween,
  networkLabel,
  now,
  settleFrames,
  waitGridSettled,
  waitInterpolationSettled,
} from "./dashboard";

const HEADLINE = ["DDIM eta=0, S=50", "DDIM eta=1, S=500", "DDIM eta=0, S=500"];

/**
 * First paint: the pretrained network, the grid, the interpolation; nothing logged as an error
 * (errors: what the page has logged so far). Returns the grid's columns, for later comparisons
 * (empty if the grid check failed).
 */
export async function firstPaintChecks(page: Page, errors: string[]): Promise<Column[]> {
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
  return first;
}

/** The same x_T again: eta=0 is a fixed function of x_T, eta=1 adds fresh z. */
export async function sameNoiseCheck(page: Page): Promise<void> {
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
}

/** The scrubber only re-slices decoded frames: the marker moves, and comes back. */
export async function scrubberCheck(page: Page): Promise<void> {
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
}

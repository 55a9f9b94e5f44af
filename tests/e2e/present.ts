// The lecture checks: the presentation view fits the headline on a projector and a laptop with
// large type, arrows and buttons move between panels, the link carries the view, deep links land
// on their panel, the sticky navigation stays in reach, and loading never shifts the layout.
// Screenshots of each view at 1920x1080, 1280x720 and 390x844 go to the screenshot folder.
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { check, expect } from "./checks";
import { LONG, settleFrames, waitGridSettled } from "./dashboard";

export const VIEWPORTS = {
  projector: { width: 1920, height: 1080 },
  laptop: { width: 1280, height: 720 },
  phone: { width: 390, height: 844 },
} as const;

/** Layout shifts from the first script on (page.addInitScript), for the CLS figure. */
export const LAYOUT_SHIFT_RECORDER = `
  window.__e2eShifts = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (!e.hadRecentInput) window.__e2eShifts.push({ t: e.startTime, v: e.value,
          who: (e.sources || []).map((s) => s.node ? (s.node.id || s.node.className || s.node.nodeName) : "?").join(",") });
      }
    }).observe({ type: "layout-shift", buffered: true });
  } catch {}
`;

interface Shift {
  t: number;
  v: number;
  who: string;
}

/** Cumulative layout shift so far (sum of every shift without recent input) and its worst sources. */
export async function cls(page: Page): Promise<{ total: number; worst: string }> {
  const shifts = await page.evaluate(
    () => (window as unknown as { __e2eShifts?: Shift[] }).__e2eShifts ?? [],
  );
  const total = shifts.reduce((a, s) => a + s.v, 0);
  const worst = [...shifts]
    .sort((a, b) => b.v - a.v)
    .slice(0, 3)
    .map((s) => `${s.v.toFixed(3)} at ${Math.round(s.t)} ms (${String(s.who).slice(0, 60)})`)
    .join("; ");
  return { total, worst };
}

/** Bottom edge of the headline columns (figures included) and the page's scroll height. */
const fitFigures = (page: Page) =>
  page.evaluate(() => ({
    bottom: Math.max(
      ...[...document.querySelectorAll("#compare article")].map((a) => a.getBoundingClientRect().bottom),
    ),
    columns: document.querySelectorAll("#compare article").length,
    height: window.innerHeight,
  }));

/** Smallest computed font size of visible text in KaTeX output under the selector. */
const smallestFormulaText = (page: Page, scope: string) =>
  page.evaluate((sel) => {
    let min = Number.POSITIVE_INFINITY;
    const walker = document.createTreeWalker(
      document.querySelector(sel) ?? document.body,
      NodeFilter.SHOW_TEXT,
    );
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el?.closest(".katex-html") || !(n.textContent ?? "").replace(/[\u200b\s]/g, "")) continue;
      if (el.getBoundingClientRect().width === 0) continue;
      min = Math.min(min, Number.parseFloat(getComputedStyle(el).fontSize));
    }
    return min;
  }, scope);

const px = (page: Page, sel: string) =>
  page.evaluate((s) => {
    const el = document.querySelector(s);
    return el ? Number.parseFloat(getComputedStyle(el).fontSize) : 0;
  }, sel);

export async function presentChecks(browser: Browser, site: string, shots: string): Promise<void> {
  const url = site.replace(/\/$/, "");
  const context = await browser.newContext({ viewport: VIEWPORTS.projector });
  await context.addInitScript(LAYOUT_SHIFT_RECORDER);
  const page = await context.newPage();
  try {
    await page.goto(`${url}/?view=present`);

    await check("presentation view (view=present) opens on the sampler comparison", async () => {
      await page.locator(".present-stage #compare").waitFor({ timeout: LONG });
      const where = await page.locator(".present-where").textContent();
      expect(where === "1 / 6: Compare samplers", `the bar says "${where}"`);
      return where ?? "";
    });

    for (const [name, size] of [
      ["1920x1080", VIEWPORTS.projector],
      ["1280x720", VIEWPORTS.laptop],
    ] as const) {
      await check(
        `presentation view ${name}: the three headline columns and their figures fit without scrolling`,
        async () => {
          await page.setViewportSize(size);
          await waitGridSettled(page);
          await settleFrames(page);
          const f = await fitFigures(page);
          await page.screenshot({ path: join(shots, `present-${name}.png`) });
          expect(f.columns === 3, `${f.columns} columns`);
          expect(f.bottom <= f.height, `the columns end at y=${Math.round(f.bottom)} of ${f.height}`);
          return `columns end at y=${Math.round(f.bottom)} of ${f.height}`;
        },
      );
    }

    await page.setViewportSize(VIEWPORTS.projector);
    await settleFrames(page);
    await check(
      "presentation view 1920x1080: body text >= 24 px, formula text >= 12 px (computed styles)",
      async () => {
        const body = await px(page, ".present-stage .panel-explain");
        const figures = await px(page, ".present-stage .figures dd");
        const formula = await smallestFormulaText(page, ".present-stage");
        expect(body >= 24, `panel text ${body} px`);
        expect(formula >= 12, `smallest formula glyph ${formula} px`);
        return `panel text ${body} px, figures ${figures} px, smallest formula glyph ${formula.toFixed(1)} px`;
      },
    );

    await check(
      "ArrowRight / ArrowLeft and the Next button move between panels; the link follows",
      async () => {
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        await page.keyboard.press("ArrowRight");
        await page.locator(".present-stage #data").waitFor({ timeout: 5000 });
        await page.getByRole("button", { name: "Next →" }).click();
        await page.locator(".present-stage #schedule").waitFor({ timeout: 5000 });
        // The focus is on the Next button now: the arrows still move.
        await page.keyboard.press("ArrowLeft");
        await page.locator(".present-stage #data").waitFor({ timeout: 5000 });
        await page.keyboard.press("ArrowRight");
        await page.locator(".present-stage #schedule").waitFor({ timeout: 5000 });
        await page.waitForFunction(() => location.search.includes("panel=schedule"), null, { timeout: 3000 });
        return new URL(page.url()).search;
      },
    );

    await check("presentation view: schedule chart axis labels >= 18 px at 1920x1080", async () => {
      await page
        .locator(".present-stage .recharts-cartesian-axis-tick-value")
        .first()
        .waitFor({ timeout: 5000 });
      const sizes = await page.$$eval(".present-stage .recharts-cartesian-axis-tick-value", (els) =>
        els.map((e) => Number.parseFloat(getComputedStyle(e).fontSize)),
      );
      const min = Math.min(...sizes);
      await page.screenshot({ path: join(shots, "present-schedule-1920x1080.png") });
      expect(min >= 18, `smallest tick label ${min} px`);
      return `${sizes.length} tick labels, smallest ${min} px`;
    });

    await check("presentation view 390x844 (phone): nothing wider than the screen", async () => {
      await page.keyboard.press("ArrowLeft");
      await page.keyboard.press("ArrowLeft");
      await page.locator(".present-stage #compare").waitFor({ timeout: 5000 });
      await page.setViewportSize(VIEWPORTS.phone);
      await settleFrames(page);
      await page.screenshot({ path: join(shots, "present-390x844.png") });
      const wide = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(wide <= 1, `${wide} px of sideways scroll`);
    });

    await check(
      "p leaves the presentation view: every panel is back, with the sticky navigation",
      async () => {
        await page.setViewportSize(VIEWPORTS.projector);
        await page.keyboard.press("p");
        await page.locator("nav.panel-nav").waitFor({ timeout: 5000 });
        const ids = await page.$$eval("main.panels > section[id]", (s) => s.map((e) => e.id));
        expect(ids.join(",") === "data,schedule,training,compare,field,interpolate", ids.join(","));
        await page.waitForFunction(() => !location.search.includes("view="), null, { timeout: 3000 });
        // Content is not capped at 1400 px on a projector.
        const w = await page.evaluate(
          () => document.querySelector("main.panels")?.getBoundingClientRect().width ?? 0,
        );
        expect(w > 1800, `the panels are ${Math.round(w)} px wide at 1920`);
        // The whole page opens at the panel the presentation view was showing (the comparison).
        await page.waitForFunction(
          () => {
            const top = document.getElementById("compare")?.getBoundingClientRect().top ?? -1;
            return top >= 0 && top <= 80;
          },
          null,
          { timeout: 5000 },
        );
        // Landed far down the page: the navigation is still at the top of the window.
        const y = await page.evaluate(() => scrollY);
        expect(y > 500, `the page is scrolled only ${y} px`);
        const top = await page.evaluate(
          () => document.querySelector("nav.panel-nav")?.getBoundingClientRect().top,
        );
        expect(top === 0, `after scrolling the navigation is at y=${top}`);
        return `panels ${Math.round(w)} px wide; navigation stays at the top`;
      },
    );

    await check("a path starting with // (a typo in a link) still gets its address bar updated", async () => {
      await page.goto(`${url}//?view=present`);
      await page.locator(".present-stage #compare").waitFor({ timeout: LONG });
      await page.keyboard.press("ArrowRight");
      await page.waitForFunction(() => location.search.includes("panel=data"), null, { timeout: 5000 });
      return new URL(page.url()).pathname + new URL(page.url()).search;
    });
  } finally {
    await context.close();
  }
}

/** A fresh page per viewport: the link #compare lands on the comparison once it has painted. */
export async function deepLinkChecks(browser: Browser, site: string, shots: string): Promise<void> {
  const url = site.replace(/\/$/, "");
  for (const [name, size] of Object.entries(VIEWPORTS)) {
    const context = await browser.newContext({ viewport: size });
    await context.addInitScript(LAYOUT_SHIFT_RECORDER);
    const page = await context.newPage();
    try {
      await page.goto(`${url}/#compare`);
      await check(
        `deep link /#compare at ${size.width}x${size.height} lands on the comparison after it renders`,
        async () => {
          await waitGridSettled(page);
          await page
            .waitForFunction(
              () => {
                const top = document.getElementById("compare")?.getBoundingClientRect().top ?? -1;
                return top >= 0 && top <= 80;
              },
              null,
              { timeout: 10_000 },
            )
            .catch(() => undefined);
          await settleFrames(page);
          const top = await page.evaluate(
            () => document.getElementById("compare")?.getBoundingClientRect().top ?? -1,
          );
          await page.screenshot({ path: join(shots, `deeplink-compare-${name}.png`) });
          expect(top >= 0 && top <= 80, `#compare's top is at y=${Math.round(top)}`);
          return `#compare's top at y=${Math.round(top)}`;
        },
      );
    } finally {
      await context.close();
    }
  }
}

/** A plain load at 1280x720: layout shifts from the first paint until the grid has painted. */
export async function layoutShiftCheck(browser: Browser, url: string): Promise<void> {
  const context = await browser.newContext({ viewport: VIEWPORTS.laptop });
  await context.addInitScript(LAYOUT_SHIFT_RECORDER);
  const page = await context.newPage();
  try {
    await page.goto(url);
    await check(
      "loading shifts no layout (CLS < 0.02 from page load to the painted grid, 1280x720)",
      async () => {
        await waitGridSettled(page);
        await settleFrames(page);
        const c = await cls(page);
        expect(c.total < 0.02, `CLS ${c.total.toFixed(4)}: ${c.worst}`);
        return `CLS ${c.total.toFixed(4)}${c.worst ? `; largest: ${c.worst}` : ""}`;
      },
    );
  } finally {
    await context.close();
  }
}

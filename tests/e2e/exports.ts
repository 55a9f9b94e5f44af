// Exports and the lesson file in real Chromium: a PNG of a canvas plot and of a recharts chart
// (decoded: right size, not blank), a column's samples as CSV (1000 rows + config), and a lesson
// saved in one browser context and opened in a fresh one (same x_T seed and columns).
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { check, expect } from "./checks";
import { waitGridSettled } from "./dashboard";

async function downloadOf(page: Page, click: () => Promise<void>): Promise<Buffer> {
  const [d] = await Promise.all([page.waitForEvent("download", { timeout: 20_000 }), click()]);
  const path = await d.path();
  return readFileSync(path);
}

/** Width, height and the share of non-white pixels of a PNG, decoded by the browser itself. */
function pngFigures(page: Page, png: Buffer) {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement("canvas");
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const ctx = c.getContext("2d");
    if (!ctx) return { w: 0, h: 0, inked: 0 };
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let inked = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 240 || d[i + 1] < 240 || d[i + 2] < 240) inked++;
    return { w: c.width, h: c.height, inked: inked / (d.length / 4) };
  }, png.toString("base64"));
}

export async function exportChecks(browser: Browser, origin: string): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
  const page = await context.newPage();
  try {
    await page.goto(origin);
    await page.getByText("pretrained network (").waitFor({ timeout: 90_000 });
    await waitGridSettled(page);
    // The menu lists the plots drawn when it opens; below the fold the schedule's plots are drawn
    // just after the grid (held while it samples, then one per task: src/ui/ChartSlot.tsx).
    await page.locator("#schedule .recharts-wrapper").nth(2).waitFor({ timeout: 30_000 });
    const menu = page.locator("details.export-menu");
    const openMenu = async () => {
      if (!(await menu.evaluate((d) => (d as HTMLDetailsElement).open)))
        await menu.locator("summary").click();
    };
    for (const [name, panel] of [
      ["a sampler column's scatter (canvas)", "Sampler comparison"],
      ["the schedule chart (recharts SVG)", "Noise schedule and timestep grid"],
    ] as const) {
      await check(`export: PNG of ${name} is the plot, not a blank image`, async () => {
        await openMenu();
        const button = menu.getByRole("group", { name: panel }).getByRole("button").first();
        const label = await button.textContent();
        const png = await downloadOf(page, () => button.click());
        expect(png.subarray(1, 4).toString() === "PNG", "not a PNG file");
        const f = await pngFigures(page, png);
        expect(f.w >= 200 && f.h >= 100, `${f.w} x ${f.h} px`);
        expect(f.inked > 0.01, `only ${(100 * f.inked).toFixed(2)} % of the pixels are drawn`);
        return `"${label}": ${f.w} x ${f.h} px, ${(100 * f.inked).toFixed(1)} % drawn, ${png.length} bytes`;
      });
    }
    await check("export: column 1's samples as CSV: its config, a header and 1000 rows", async () => {
      await openMenu();
      const csv = (
        await downloadOf(page, () => menu.getByRole("button", { name: "CSV", exact: true }).first().click())
      ).toString();
      const lines = csv.trimEnd().split("\n");
      const rows = lines.filter((l) => /^-?[\d.e+-]+,-?[\d.e+-]+$/.test(l));
      expect(
        lines.some((l) => l === "# sampler: ddim") && lines.some((l) => l === "# steps: 50"),
        lines.slice(0, 6).join(" | "),
      );
      expect(lines.includes("x,y") && rows.length === 1000, `${rows.length} rows`);
      return `${lines.filter((l) => l.startsWith("#")).length} config lines, ${rows.length} rows`;
    });
    await check(
      "lesson: saved here (after New noise), opened in a fresh browser: same seed and columns",
      async () => {
        await page.getByRole("button", { name: "New noise" }).first().click();
        await waitGridSettled(page);
        const seed = await page.getByLabel("Noise seed").textContent();
        const titles = await page.locator("#compare article h3").allTextContents();
        const lesson = await downloadOf(page, () =>
          page.getByRole("button", { name: "Save lesson" }).click(),
        );
        const other = await browser.newContext({ viewport: { width: 1280, height: 720 } });
        try {
          const p2 = await other.newPage();
          await p2.goto(origin);
          await p2.getByText("pretrained network (").waitFor({ timeout: 90_000 });
          const seedBefore = await p2.getByLabel("Noise seed").textContent();
          await p2.getByLabel("Lesson or network file to open").setInputFiles({
            name: "lesson.json",
            mimeType: "application/json",
            buffer: lesson,
          });
          await p2.getByText(/Opened the lesson/).waitFor({ timeout: 60_000 });
          await waitGridSettled(p2);
          const seed2 = await p2.getByLabel("Noise seed").textContent();
          const titles2 = await p2.locator("#compare article h3").allTextContents();
          expect(
            seed2 === seed && seed !== seedBefore,
            `seed ${seedBefore} -> saved ${seed}, opened ${seed2}`,
          );
          expect(
            JSON.stringify(titles2) === JSON.stringify(titles),
            `${titles2.join(" / ")} vs ${titles.join(" / ")}`,
          );
          return `seed ${seed}, ${titles.length} columns, ${(lesson.length / 1024).toFixed(0)} kB file`;
        } finally {
          await other.close();
        }
      },
    );
  } finally {
    await context.close();
  }
}

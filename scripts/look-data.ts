// Screenshots of the data panel (1280x720 and 390x844: course, ring, drawing) into test-results/,
// then the data e2e checks alone. npx tsx scripts/look-data.ts
import { mkdirSync } from "node:fs";
import { finish } from "../tests/e2e/checks";
import { dataChecks } from "../tests/e2e/data";
import { openSite } from "../tests/e2e/site";

mkdirSync("test-results", { recursive: true });
const site = await openSite();
try {
  for (const [name, viewport] of [
    ["desktop", { width: 1280, height: 720 }],
    ["phone", { width: 390, height: 844 }],
  ] as const) {
    const ctx = await site.browser.newContext({ viewport });
    const page = await ctx.newPage();
    await page.goto(`${site.url}/?data=ring`);
    await page.getByText("pretrained network (").waitFor({ timeout: 90_000 });
    await page.locator("#data").screenshot({ path: `test-results/data-ring-${name}.png` });
    await page.locator("#data").getByRole("radio", { name: "Draw" }).check();
    await page.locator("#data").screenshot({ path: `test-results/data-draw-${name}.png` });
    await page.locator("#compare").screenshot({ path: `test-results/data-compare-${name}.png` });
    await ctx.close();
  }
  if (!process.argv.includes("--no-checks")) await dataChecks(await site.browser.newPage(), site);
} finally {
  await site.close();
}
finish();

import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "/work/wt/shell/tests/browser/static";

const url = process.argv[2];
const sizes = (process.argv[3] ?? "1920x1080").split(",");
const b = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
for (const sz of sizes) {
  const [w, h] = sz.split("x").map(Number);
  const p = await b.newPage({ viewport: { width: w, height: h } });
  await p.goto(url);
  await p
    .waitForFunction(() => document.querySelectorAll("#compare article canvas").length >= 1, null, {
      timeout: 120000,
    })
    .catch(() => {});
  await p.waitForTimeout(Number(process.env.WAIT ?? 4000));
  const info = await p.evaluate(() => ({
    scrollH: document.documentElement.scrollHeight,
    innerH: innerHeight,
    arts: [...document.querySelectorAll("#compare article")].map((a) =>
      Math.round(a.getBoundingClientRect().bottom),
    ),
    font: getComputedStyle(document.querySelector(".panel-explain") ?? document.body).fontSize,
    katexMin: Math.min(
      ...[...document.querySelectorAll(".katex-html span")]
        .filter((e) => e.childElementCount === 0 && e.textContent?.trim())
        .map((e) => parseFloat(getComputedStyle(e).fontSize)),
    ),
  }));
  console.log(sz, JSON.stringify(info));
  await p.screenshot({
    path: `/tmp/shots/${process.env.NAME ?? "s"}-${sz}.png`,
    fullPage: !!process.env.FULL,
  });
  await p.close();
}
await b.close();

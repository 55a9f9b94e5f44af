import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "/work/wt/shell/tests/browser/static";

const b = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const p = await b.newPage({ viewport: { width: 1920, height: 1080 } });
await p.goto("http://127.0.0.1:5281/?view=present&panel=schedule");
await p.waitForTimeout(6000);
console.log(
  await p.evaluate(() =>
    [...document.querySelectorAll(".present-stage svg text")]
      .slice(0, 5)
      .map(
        (e) =>
          `${e.getAttribute("class")} ${e.parentElement?.getAttribute("class")} ${getComputedStyle(e).fontSize}`,
      ),
  ),
);
await p.screenshot({ path: "/tmp/shots/sched.png" });
await b.close();

// Per data set, in the production build in headless Chromium (the real worker): press "Train on
// this data" (default 2000 steps), time until training is idle, then read the DDIM-50 and
// DDIM eta=1 S=500 (DDPM-equivalent) energy distances of the default grid. Shared machine: noisy.
//   npx tsx scripts/measure-data-browser.ts
import { columns, LONG, waitGridSettled, waitTrainingState } from "../tests/e2e/dashboard";
import { openSite } from "../tests/e2e/site";

const SETS = ["moons", "ring", "spiral", "unequal", "line"];
const site = await openSite();
try {
  for (const name of SETS) {
    const ctx = await site.browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await ctx.newPage();
    await page.goto(`${site.url}/?data=${name}`);
    const notice = page.locator("#data .notice");
    await notice.getByText(/trained on a different data set/).waitFor({ timeout: LONG });
    const t0 = Date.now();
    await notice.getByRole("button", { name: "Train on this data" }).click();
    await waitTrainingState(page, "training...", 10_000);
    await waitTrainingState(page, "idle", 4 * LONG);
    const trainS = (Date.now() - t0) / 1000;
    await waitGridSettled(page);
    const samplesS = (Date.now() - t0) / 1000;
    const cols = await columns(page);
    const ed = (i: number) => /Energy distance=([^;]+)/.exec(cols[i]?.figures ?? "")?.[1];
    console.log(
      JSON.stringify({ data: name, trainS, trainToSamplesS: samplesS, ddim50: ed(0), ddimEta1S500: ed(1) }),
    );
    await ctx.close();
  }
} finally {
  await site.close();
}

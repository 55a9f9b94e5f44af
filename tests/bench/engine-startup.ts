// Engine start-up in headless Chromium (production build of the worker test page): when the
// worker and its backend are ready, when the pretrained network is loaded, and when each of the
// three headline columns (1000 points) is done, as ms since the client was created; medians of
// --rounds fresh pages. Timings on a shared machine are noisy: compare phases within a round.
// Run: npx tsx tests/bench/engine-startup.ts [--rounds N]
import { openTestSite } from "../browser/harness";

const i = process.argv.indexOf("--rounds");
const ROUNDS = i > 0 ? Math.max(1, Number(process.argv[i + 1])) : 3;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function main(): Promise<void> {
  const site = await openTestSite();
  try {
    const rounds: Record<string, number>[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      await site.page.goto(site.url);
      await site.page.waitForFunction(() => document.getElementById("status")?.textContent === "ready");
      rounds.push(
        await site.page.evaluate(() =>
          (
            window as unknown as { ddimTest: { startup(): Promise<Record<string, number>> } }
          ).ddimTest.startup(),
        ),
      );
    }
    for (const key of Object.keys(rounds[0])) {
      const xs = rounds.map((x) => x[key]);
      console.log(`${key.padEnd(24)} median ${String(median(xs)).padStart(6)} ms   (${xs.join(", ")})`);
    }
  } finally {
    await site.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

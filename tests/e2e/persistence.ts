// Persistence after training, on the main run's page: the grid and the interpolation re-sample
// the new network once, the network and its loss history are saved in IndexedDB, and a reload
// brings back the same network, step count, loss history and samples.
import type { Page } from "playwright-core";
import { check, expect, until } from "./checks";
import {
  type Column,
  LONG,
  savedSession,
  snapshot,
  waitGridSettled,
  waitInterpolationSettled,
} from "./dashboard";
import { TRAIN_STEPS } from "./train";

/** first: the grid's columns of the pretrained network (firstPaintChecks), which training must change. */
export async function persistenceChecks(page: Page, first: Column[]): Promise<void> {
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
}

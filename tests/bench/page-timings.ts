// Page timings on the production build in headless Chromium, as a visitor feels them (a bench that
// prints figures, not a timed test; docs/bench.md, "Page timings (npm run bench:page)"):
//   - the comparison grid (3 columns x 1000 points) and the interpolation painted after navigation,
//     by the page's own clock (performance.now() counts from navigation start);
//   - main-thread long tasks during start-up;
//   - "Run again" with the 3 headline columns until all are repainted;
//   - editing the DDIM-50 column's S (type, Enter) until it is repainted;
//   - where start-up goes: the app's User Timing marks (src/engine/marks.ts) in the page and in
//     each worker, and the resource timings of the bundle, the worker, the wasm files and the network.
// Every round is a fresh browser context (nothing in IndexedDB, no service worker: a first visit);
// --returning adds a reload in the same context (the service worker's copy, a returning visitor).
//   npx tsx tests/bench/page-timings.ts [--rounds 5] [--returning] [--edits 3] [--frames]
// (--frames: every long animation frame up to the grid's paint, with the scripts that ran in it)
//   npx tsx tests/bench/page-timings.ts --build-only DIR           (build this tree into DIR)
//   npx tsx tests/bench/page-timings.ts --dist before=DIR --dist after=DIR2   (alternate rounds)
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { type Browser, chromium, type Page } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, serveDir } from "../browser/static";
import { columns, LONG_TASK_RECORDER, longTasksBetween, waitGridSettled } from "../e2e/dashboard";
import { buildAppInto } from "../e2e/site";
import {
  FRAME_RECORDER,
  frameLines,
  type LongFrame,
  PAINT_WATCHER,
  type PaintTimes,
  type Round,
  startupRows,
  summarise,
} from "./page-report";

const DESKTOP = { width: 1280, height: 720 };
const LONG = 120_000;

const { values: args } = parseArgs({
  options: {
    rounds: { type: "string", default: "5" },
    edits: { type: "string", default: "3" },
    returning: { type: "boolean", default: false },
    frames: { type: "boolean", default: false },
    dist: { type: "string", multiple: true },
    "build-only": { type: "string" },
  },
});

const ms = (v: number | null | undefined) => (v == null ? null : Math.round(v));

/** Waits in the page until the watcher saw both the grid and the interpolation painted. */
async function paintTimes(page: Page): Promise<PaintTimes> {
  await page.waitForFunction(
    () => {
      const p = (window as unknown as { __pt?: PaintTimes }).__pt;
      return p?.grid != null && p.interp != null;
    },
    null,
    { timeout: LONG, polling: 200 },
  );
  return page.evaluate(() => (window as unknown as { __pt: PaintTimes }).__pt);
}

/** The app's marks and the resource timings of the page and of every worker, on the page's clock. */
async function timeline(page: Page): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const pageSide = await page.evaluate(() => ({
    marks: performance.getEntriesByType("mark").map((m) => [m.name, m.startTime] as const),
    res: performance
      .getEntriesByType("resource")
      .map((r) => [r.name, r.startTime, (r as PerformanceResourceTiming).responseEnd] as const),
    fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
    dcl: (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined)
      ?.domContentLoadedEventEnd,
    origin: performance.timeOrigin,
  }));
  for (const [n, t] of pageSide.marks) out[`page ${n.replace(/^ddim:/, "")}`] = t;
  for (const [n, a, b] of pageSide.res) {
    const file = n.split("/").pop()?.split("?")[0] ?? n;
    // The first fetch of a file (a service worker may fetch it again later).
    out[`page fetch ${file}:start`] ??= a;
    out[`page fetch ${file}:end`] ??= b;
  }
  if (pageSide.fcp != null) out["page first-contentful-paint"] = pageSide.fcp;
  if (pageSide.dcl != null) out["page DOMContentLoaded"] = pageSide.dcl;
  // The main worker is the one the page asked for the field view (predictEps runs on it only);
  // the others are the pool's extra workers.
  let extra = 0;
  for (const worker of page.workers()) {
    if (worker.url().includes("sw.js")) continue;
    const side = await worker
      .evaluate(() => ({
        origin: performance.timeOrigin,
        marks: performance.getEntriesByType("mark").map((m) => [m.name, m.startTime] as const),
        res: performance
          .getEntriesByType("resource")
          .map((r) => [r.name, r.startTime, (r as PerformanceResourceTiming).responseEnd] as const),
      }))
      .catch(() => null);
    if (!side) continue;
    const shift = side.origin - pageSide.origin;
    const main = side.marks.some(([n]) => n.startsWith("ddim:predictEps#"));
    const tag = main ? "main worker" : `extra worker ${++extra}`;
    out[`${tag} created`] = shift;
    for (const [n, t] of side.marks) out[`${tag} ${n.replace(/^ddim:/, "")}`] = t + shift;
    for (const [n, a, b] of side.res) {
      const file = n.split("/").pop()?.split("?")[0] ?? n;
      out[`${tag} fetch ${file}:start`] ??= a + shift;
      out[`${tag} fetch ${file}:end`] ??= b + shift;
    }
  }
  return out;
}

// In-page scripts are strings: tsx would wrap their inner arrow functions in a helper the page lacks.

/** Clicks "Run again" and resolves when the panel is idle again and that frame is produced (ms). */
const RUN_AGAIN = `new Promise((done, fail) => {
  const panel = document.querySelector("#compare");
  const button = [...document.querySelectorAll("#compare button")].find((b) => b.textContent.startsWith("Run again"));
  if (!panel || !button || button.disabled) return fail(new Error("no enabled Run again button"));
  let seenBusy = false;
  const t0 = performance.now();
  const watch = () => {
    const busy = panel.getAttribute("aria-busy") === "true";
    if (busy) seenBusy = true;
    else if (seenBusy) {
      obs.disconnect();
      requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0), 0));
    }
  };
  const obs = new MutationObserver(watch);
  obs.observe(panel, { attributes: true, attributeFilter: ["aria-busy"] });
  button.click();
  watch();
})`;

/** Arms a watch on the first column: ms from the Enter key to its repainted result (window.__edit). */
const ARM_EDIT = `(() => {
  const art = document.querySelector("#compare article");
  const input = art && art.querySelector("input");
  window.__edit = new Promise((done) => {
    if (!art || !input) return done(Number.NaN);
    let t0 = Number.NaN;
    let seenBusy = false;
    input.addEventListener("keydown", (e) => { if (e.key === "Enter") t0 = performance.now(); }, { capture: true, once: true });
    const obs = new MutationObserver(() => {
      const busy = art.getAttribute("aria-busy") === "true";
      if (busy) seenBusy = true;
      else if (seenBusy && /^\\d+ points/.test(art.querySelector("figure .sr-only")?.textContent ?? "")) {
        obs.disconnect();
        requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0), 0));
      }
    });
    obs.observe(art, { attributes: true, subtree: true, childList: true, characterData: true });
  });
})()`;

async function runAgain(page: Page): Promise<number> {
  await waitGridSettled(page, LONG);
  return (await page.evaluate(RUN_AGAIN)) as number;
}

/** Types S into the first (DDIM-50) column and presses Enter; ms from the Enter key to its repaint. */
async function editSteps(page: Page, value: number): Promise<number> {
  await waitGridSettled(page, LONG);
  const input = page.locator("#compare article").first().getByLabel("Steps S");
  await input.fill(String(value));
  await page.evaluate(ARM_EDIT);
  await input.press("Enter");
  return (await page.evaluate("window.__edit")) as number;
}

async function oneRound(browser: Browser, url: string, label: string, edits: number): Promise<Round> {
  const context = await browser.newContext({ viewport: DESKTOP });
  await context.addInitScript(LONG_TASK_RECORDER);
  await context.addInitScript(PAINT_WATCHER);
  await context.addInitScript(FRAME_RECORDER);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  try {
    await page.goto(url);
    const paint = await paintTimes(page);
    const end = Math.max(paint.grid ?? 0, paint.interp ?? 0);
    const tasks = await longTasksBetween(page, 0, end);
    const marks = await timeline(page);
    const frames = (await page.evaluate("window.__loaf || []")) as LongFrame[];
    const cols = await columns(page);
    if (cols.length !== 3 || cols.some((c) => c.points !== 1000))
      errors.push(`grid: ${cols.map((c) => `${c.title} ${c.points}`).join(", ")}`);
    const again = await runAgain(page);
    const edit: number[] = [];
    for (let i = 0; i < edits; i++) edit.push(await editSteps(page, i % 2 === 0 ? 40 : 50));
    let returning: PaintTimes | null = null;
    if (args.returning) {
      // A returning visitor: the service worker installed on the first visit serves the files.
      await page.reload();
      returning = await paintTimes(page);
    }
    return {
      label,
      grid: ms(paint.grid),
      interp: ms(paint.interp),
      cols: paint.cols.map(ms),
      network: ms(paint.network),
      longTasks: tasks.map((t) => Math.round(t.ms)),
      longTaskStarts: tasks.map((t) => Math.round(t.start)),
      frames,
      runAgain: ms(again),
      edit: edit.map((v) => Math.round(v)),
      returningGrid: ms(returning?.grid),
      returningInterp: ms(returning?.interp),
      marks,
      errors,
    };
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const buildOnly = args["build-only"];
  if (buildOnly) {
    await buildAppInto(resolve(buildOnly));
    console.log(`built into ${resolve(buildOnly)}`);
    return;
  }
  const rounds = Math.max(1, Number(args.rounds) || 5);
  const edits = Math.max(1, Number(args.edits) || 3);
  const dists: { label: string; dir: string; temp: boolean }[] = [];
  for (const d of args.dist ?? []) {
    const [label, dir] = d.includes("=") ? d.split("=", 2) : [d, d];
    dists.push({ label, dir: resolve(dir), temp: false });
  }
  if (dists.length === 0) {
    const dir = mkdtempSync(join(tmpdir(), "ddim-lab-page-"));
    console.log("building the production bundle...");
    await buildAppInto(dir);
    dists.push({ label: "this tree", dir, temp: true });
  }
  const servers = await Promise.all(dists.map((d) => serveDir(d.dir)));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      ...CHROMIUM_ARGS,
      "--disable-background-timer-throttling",
      "--disable-renderer-backgrounding",
      "--disable-backgrounding-occluded-windows",
    ],
  });
  const t0 = Date.now();
  const loadBefore = loadavg();
  const all: Round[] = [];
  try {
    const cores = await (async () => {
      const c = await browser.newContext();
      const p = await c.newPage();
      const n = await p.evaluate(() => navigator.hardwareConcurrency);
      await c.close();
      return n;
    })();
    console.log(
      `DDIM Lab page timings: production build, Chromium headless, ${DESKTOP.width}x${DESKTOP.height}, ${rounds} rounds` +
        ` (fresh context each: a first visit), ${edits} S edits per round.\n` +
        `machine: ${cpus().length} CPUs (navigator.hardwareConcurrency ${cores}), load average ${loadBefore.map((l) => l.toFixed(2)).join(" ")}`,
    );
    for (let r = 0; r < rounds; r++) {
      // Alternating builds round by round: a change in the machine's load hits every build alike.
      for (let i = 0; i < dists.length; i++) {
        const d = dists[(i + r) % dists.length];
        const server = servers[dists.indexOf(d)];
        const round = await oneRound(browser, server.origin, d.label, edits);
        all.push(round);
        console.log(
          `  round ${r + 1} ${d.label}: grid ${round.grid} ms (columns ${round.cols.join("/")}), interpolation ${round.interp} ms, ` +
            `long tasks [${round.longTasks.map((m, k) => `${m} at ${round.longTaskStarts[k]}`).join(", ")}], run again ${round.runAgain} ms, edit S [${round.edit.join(", ")}] ms` +
            (args.returning
              ? `, returning grid ${round.returningGrid} / interp ${round.returningInterp} ms`
              : "") +
            `; load ${loadavg()[0].toFixed(2)}` +
            (round.errors.length ? `; ERRORS: ${round.errors.join(" | ")}` : ""),
        );
        if (args.frames) for (const line of frameLines(round.frames, round.grid ?? 0)) console.log(line);
      }
    }
  } finally {
    await browser.close();
    for (const s of servers) s.close();
    for (const d of dists) if (d.temp) rmSync(d.dir, { recursive: true, force: true });
  }
  for (const d of dists) {
    const mine = all.filter((r) => r.label === d.label);
    console.log(`\n${d.label} (${d.dir}):`);
    console.log(summarise(mine, Boolean(args.returning)));
    console.log(startupRows(mine));
  }
  const loadAfter = loadavg();
  console.log(
    `\nload average before ${loadBefore.map((l) => l.toFixed(2)).join(" ")}, after ${loadAfter.map((l) => l.toFixed(2)).join(" ")}; total ${Math.round((Date.now() - t0) / 1000)} s`,
  );
  if (all.some((r) => r.errors.length > 0)) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

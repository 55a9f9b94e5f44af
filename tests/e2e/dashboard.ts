// What the end-to-end test reads from the dashboard, the way a person (or a screen reader) sees it:
// headings, labels, the plots' text alternatives and the readouts. Waits are on conditions only.
import type { Page } from "playwright-core";

export const LONG = 90_000;

/** Main-thread long tasks, recorded from the first script on (page.addInitScript). */
export const LONG_TASK_RECORDER = `
  window.__e2eLongTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__e2eLongTasks.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch {}
`;

export interface LongTask {
  start: number;
  ms: number;
}

export async function longTasksBetween(page: Page, from: number, to: number): Promise<LongTask[]> {
  const all = await page.evaluate(
    () => (window as unknown as { __e2eLongTasks?: LongTask[] }).__e2eLongTasks ?? [],
  );
  return all.filter((t) => t.start + t.ms >= from && t.start <= to);
}

export const now = (page: Page) => page.evaluate(() => performance.now());

export interface Column {
  title: string;
  /** The plot's text alternative, "1000 points (samples), x from ... ." */
  summary: string;
  points: number;
  /** Quality figures without the (timing-dependent) worker time. */
  figures: string;
}

export async function columns(page: Page): Promise<Column[]> {
  return page.$$eval("#compare article", (arts) =>
    arts.map((a) => {
      const summary = a.querySelector("figure .sr-only")?.textContent ?? "";
      const figures = [...a.querySelectorAll(".figures .figure")]
        .map((f) => `${f.querySelector("dt")?.textContent}=${f.querySelector("dd")?.textContent}`)
        .filter((s) => !s.startsWith("Worker time"))
        .join("; ");
      return {
        title: a.querySelector("h3")?.textContent ?? "",
        summary,
        points: Number(/^(\d+) points/.exec(summary)?.[1] ?? 0),
        figures,
      };
    }),
  );
}

/** Every column shows a fresh result (none stale, none pending) and the panel is not busy. */
export async function waitGridSettled(page: Page, timeout = LONG): Promise<void> {
  await page.waitForFunction(
    () => {
      const panel = document.querySelector("#compare");
      const arts = [...document.querySelectorAll("#compare article")];
      return (
        panel?.getAttribute("aria-busy") === "false" &&
        arts.length > 0 &&
        arts.every(
          (a) =>
            a.getAttribute("aria-busy") === "false" &&
            /^\d+ points/.test(a.querySelector("figure .sr-only")?.textContent ?? ""),
        )
      );
    },
    null,
    { timeout, polling: 100 },
  );
}

/** The interpolation panel shows decoded frames of the current network. */
export async function waitInterpolationSettled(page: Page, timeout = LONG): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelector("#interpolate")?.getAttribute("aria-busy") === "false" &&
      document.querySelector("#interpolate .is-stale") === null &&
      /marker at/.test(document.querySelector(".interp-readout")?.textContent ?? ""),
    null,
    { timeout, polling: 100 },
  );
}

const text = async (page: Page, selector: string) => (await page.locator(selector).textContent()) ?? "";
export const networkLabel = (page: Page) => text(page, ".network-status strong");
export const trainingState = (page: Page) => text(page, "#training p.readout");
export const interpReadout = (page: Page) => text(page, ".interp-readout");

/** A figure of the training panel by its name: "step" ("300", or "120 / 300" during a run), "steps/s". */
export const trainStat = (page: Page, name: string) =>
  page.evaluate(
    (n) =>
      [...document.querySelectorAll("#training .train-stats div")]
        .find((d) => d.querySelector("dt")?.textContent === n)
        ?.querySelector("dd")?.textContent ?? "",
    name,
  );

export async function waitTrainingState(page: Page, text: string, timeout = LONG): Promise<void> {
  await page.waitForFunction(
    (t) => document.querySelector("#training p.readout")?.textContent === `Training: ${t}`,
    text,
    { timeout, polling: 50 },
  );
}

export interface LossView {
  /** From the chart's text alternative "N loss points; ..." (0 when there is no chart). */
  points: number;
  /** Total length of the chart's line paths' d attributes. */
  pathLength: number;
}

export async function lossView(page: Page): Promise<LossView> {
  return page.evaluate(() => {
    const caption = document.querySelector(".loss-chart figcaption")?.textContent ?? "";
    const paths = [...document.querySelectorAll(".loss-chart path.recharts-curve")];
    return {
      points: Number(/^(\d+) loss points/.exec(caption)?.[1] ?? 0),
      pathLength: paths.reduce((n, p) => n + (p.getAttribute("d")?.length ?? 0), 0),
    };
  });
}

/** What this browser's IndexedDB holds for the session (idb-keyval's default store), or null. */
export async function savedSession(page: Page): Promise<{ steps: number; loss: number } | null> {
  return page.evaluate(
    () =>
      new Promise<{ steps: number; loss: number } | null>((ok) => {
        const req = indexedDB.open("keyval-store");
        // Never create the database ourselves (the app's store would then lack its object store).
        req.onupgradeneeded = () => req.transaction?.abort();
        req.onerror = () => ok(null);
        req.onsuccess = () => {
          const db = req.result;
          try {
            const get = db.transaction("keyval", "readonly").objectStore("keyval").get("ddim-lab/session");
            get.onsuccess = () => {
              const s = get.result as { network?: { trainSteps?: number }; loss?: unknown[] } | undefined;
              db.close();
              ok(s ? { steps: s.network?.trainSteps ?? -1, loss: s.loss?.length ?? -1 } : null);
            };
            get.onerror = () => {
              db.close();
              ok(null);
            };
          } catch {
            db.close();
            ok(null);
          }
        };
      }),
  );
}

/** Two animation frames: layout, ResizeObserver callbacks and the canvas redraws have run. */
export async function settleFrames(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((ok) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(ok, 50)))),
  );
}

/** Elements wider than the viewport (cause horizontal scrolling on a phone). */
export async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    const out: string[] = [];
    // A formula must fit its panel: a sideways scroll hides part of it.
    for (const f of document.querySelectorAll<HTMLElement>(".panel-formula")) {
      if (f.scrollWidth > f.clientWidth + 1) {
        out.push(
          `formula in #${f.closest("section[id]")?.id ?? "page"} needs ${f.scrollWidth}px of ${f.clientWidth}`,
        );
      }
    }
    for (const el of document.querySelectorAll<HTMLElement>("body *")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= w + 1) continue;
      // Only report the outermost offender, and skip what a scrolling ancestor contains.
      let clipped = false;
      for (let p = el.parentElement; p; p = p.parentElement) {
        const ox = getComputedStyle(p).overflowX;
        if (ox === "auto" || ox === "scroll" || ox === "hidden" || ox === "clip") clipped = true;
      }
      if (clipped || el.closest(".sr-only")) continue;
      const parent = el.parentElement;
      if (parent && parent.getBoundingClientRect().right > w + 1) continue;
      const name = `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(" ")[0]}` : ""}`;
      const where = el.closest("section[id]")?.id ?? "page";
      out.push(`${name} in #${where} to x=${Math.round(r.right)}`);
    }
    return out;
  });
}

/** In the page: counts the grid's sampling runs (its "Sampling N columns..." busy spells) from now on. */
export function countGridRuns(): void {
  const w = window as unknown as { __e2eGridRuns: number };
  w.__e2eGridRuns = 0;
  let sampling = false;
  const panel = document.querySelector("#compare");
  if (!panel) return;
  new MutationObserver(() => {
    const now = /^Sampling/.test(panel.querySelector(".panel-busy")?.textContent ?? "");
    if (now && !sampling) w.__e2eGridRuns++;
    sampling = now;
  }).observe(panel, { subtree: true, childList: true, characterData: true });
}

/** What should survive a reload: header, step readout, loss history, seeded samples, interpolation. */
export async function snapshot(page: Page) {
  return {
    label: await networkLabel(page),
    step: await trainStat(page, "step"),
    loss: (await lossView(page)).points,
    columns: await columns(page),
    readout: await interpReadout(page),
  };
}

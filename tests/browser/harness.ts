// Builds the test page with vite (production build, separate output directory, the app's own
// vite.config.ts untouched), serves it on a free port and opens it in headless Chromium.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { build } from "vite";
import type { BenchFigures, BenchPlan } from "../bench/measure";
import { CHROMIUM, CHROMIUM_ARGS, serveDir } from "./static";

export const ROOT = resolve(import.meta.dirname, "../..");
const ARGS = [
  ...CHROMIUM_ARGS,
  // For the leak soak: exact heap figures and a gc() to call before reading them.
  "--enable-precise-memory-info",
  "--js-flags=--expose-gc",
];

/** The bench figures of one plan, measured in the test page's worker (window.ddimTest.bench). */
export function benchIn(page: Page, plan: BenchPlan): Promise<BenchFigures> {
  return page.evaluate(
    (p) =>
      (window as unknown as { ddimTest: { bench(p: BenchPlan): Promise<BenchFigures> } }).ddimTest.bench(p),
    plan,
  );
}

export interface TestSite {
  page: Page;
  url: string;
  /** The production build being served (deleted by close()). */
  dir: string;
  close(): Promise<void>;
}

/** A production build of one test page of tests/browser into a fresh temporary folder. */
export async function buildTestPage(page: string, prefix: string): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), prefix));
  await build({
    configFile: false,
    root: ROOT,
    base: "/",
    logLevel: "warn",
    worker: { format: "es" },
    build: {
      outDir,
      emptyOutDir: true,
      target: "es2022",
      chunkSizeWarningLimit: 4000,
      rollupOptions: { input: join(ROOT, "tests/browser", page) },
    },
  });
  return outDir;
}

const buildPage = () => buildTestPage("worker.html", "ddim-lab-worker-page-");

/**
 * extraArgs: more Chromium flags (e.g. a marker to find the browser's processes in /proc);
 * isolate: serve with COOP/COEP (cross-origin isolated: the kernel trains on two threads).
 */
export async function openTestSite(extraArgs: string[] = [], isolate = false): Promise<TestSite> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
  const dir = await buildPage();
  const server = await serveDir(dir, isolate);
  const url = `${server.origin}tests/browser/worker.html`;
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...ARGS, ...extraArgs] });
    const page = await browser.newPage();
    page.on("pageerror", (e) => console.error(`page error: ${e.message}`));
    await page.goto(url);
    await page.waitForFunction(() => document.getElementById("status")?.textContent === "ready", null, {
      timeout: 60_000,
    });
    const b = browser;
    return {
      page,
      url,
      dir,
      async close() {
        await b.close();
        server.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await browser?.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

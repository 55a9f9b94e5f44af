// The real app's production build (vite build with the app's own vite.config.ts, into a temporary
// directory), served by a tiny static server with the right MIME types, and Debian's Chromium.
// Same pattern as tests/browser/harness.ts (server and flags shared in tests/browser/static.ts).
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { build } from "vite";
import { CHROMIUM, CHROMIUM_ARGS, serveDir } from "../browser/static";

export const ROOT = resolve(import.meta.dirname, "../..");
export { CHROMIUM };

const ARGS = [
  ...CHROMIUM_ARGS,
  // A hidden or occluded headless tab must not be throttled: the test waits on timers and rAF.
  "--disable-background-timer-throttling",
  "--disable-renderer-backgrounding",
  "--disable-backgrounding-occluded-windows",
];

export interface Site {
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

/** vite build of the app (index.html, the worker, public/) into outDir, with the app's own config. */
export async function buildAppInto(outDir: string): Promise<void> {
  await build({
    root: ROOT,
    configFile: join(ROOT, "vite.config.ts"),
    logLevel: "warn",
    build: {
      outDir,
      emptyOutDir: true,
      chunkSizeWarningLimit: 4000,
      // The worker's tfjs makes one plugin slow; that timing note is noise in a test's output.
      rolldownOptions: { checks: { bundlerTimings: false } },
    },
  });
}

/** The app built into a fresh temporary directory. */
async function buildApp(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), "ddim-lab-e2e-"));
  await buildAppInto(outDir);
  return outDir;
}

/**
 * For the benches: the build in `dist` when given, else this tree built into a temporary
 * directory; `remove` deletes only a build made here.
 */
export async function benchBuild(dist: string | undefined): Promise<{ dir: string; remove(): void }> {
  if (dist) return { dir: dist, remove: () => undefined };
  console.log("building the production bundle...");
  const dir = await buildApp();
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function openSite(): Promise<Site> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
  const dir = await buildApp();
  const server = await serveDir(dir);
  const removeBuild = () => rmSync(dir, { recursive: true, force: true });
  // Also when the process ends some other way (watchdog, a closed pipe).
  process.once("exit", removeBuild);
  const cleanup = () => {
    server.close();
    removeBuild();
  };
  try {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    return {
      url: server.origin,
      browser,
      async close() {
        await browser.close().catch(() => undefined);
        cleanup();
      },
    };
  } catch (err) {
    cleanup();
    throw err;
  }
}

// The real app's production build (vite build with the app's own vite.config.ts, into a temporary
// directory), served by a tiny static server with the right MIME types, and Debian's Chromium.
// Same pattern as tests/browser/harness.ts, but for index.html instead of the worker test page.
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { build } from "vite";

export const ROOT = resolve(import.meta.dirname, "../..");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  // A hidden or occluded headless tab must not be throttled: the test waits on timers and rAF.
  "--disable-background-timer-throttling",
  "--disable-renderer-backgrounding",
  "--disable-backgrounding-occluded-windows",
];
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
};

export interface Site {
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

/** vite build of the app (index.html, the worker, public/) into a fresh temporary directory. */
async function buildApp(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), "ddim-lab-e2e-"));
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
  return outDir;
}

function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    let path = normalize(decodeURIComponent((req.url ?? "/").split("?")[0]));
    if (path.endsWith("/")) path += "index.html";
    const file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, {
      "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
      "Cache-Control": "no-store",
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

export async function openSite(): Promise<Site> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
  const dir = await buildApp();
  const server = await serve(dir);
  const removeBuild = () => rmSync(dir, { recursive: true, force: true });
  // Also when the process ends some other way (watchdog, a closed pipe).
  process.once("exit", removeBuild);
  const cleanup = () => {
    server.closeAllConnections();
    server.close();
    removeBuild();
  };
  try {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
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

// Builds the test page with vite (production build, separate output directory, the app's own
// vite.config.ts untouched), serves it on a free port and opens it in headless Chromium.
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { build } from "vite";

export const ROOT = resolve(import.meta.dirname, "../..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  // For the leak soak: exact heap figures and a gc() to call before reading them.
  "--enable-precise-memory-info",
  "--js-flags=--expose-gc",
];
const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".css": "text/css",
};

export interface TestSite {
  page: Page;
  url: string;
  /** The production build being served (deleted by close()). */
  dir: string;
  close(): Promise<void>;
}

async function buildPage(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), "ddim-lab-worker-page-"));
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
      rollupOptions: { input: join(ROOT, "tests/browser/worker.html") },
    },
  });
  return outDir;
}

function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? "/").split("?")[0]));
    const file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

export async function openTestSite(): Promise<TestSite> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
  const dir = await buildPage();
  const server = await serve(dir);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tests/browser/worker.html`;
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
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

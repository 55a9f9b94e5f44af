// What the browser tests share: Debian's Chromium with the flags this closed machine needs, and a
// tiny static server for a production build (right MIME types, wasm included, no caching).
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Without the background-networking flags Chromium keeps calling Google hosts the sandbox refuses. */
export const CHROMIUM_ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
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

export interface StaticServer {
  server: Server;
  /** http://127.0.0.1:PORT/ */
  origin: string;
  close(): void;
}

/**
 * Serves dir on a free loopback port; a path ending in / serves its index.html. isolate: sends
 * COOP/COEP so the page is cross-origin isolated (shared memory, two-thread training).
 */
export function serveDir(dir: string, isolate = false): Promise<StaticServer> {
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
      ...(isolate
        ? { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" }
        : {}),
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok) =>
    server.listen(0, "127.0.0.1", () =>
      ok({
        server,
        origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
        close() {
          server.closeAllConnections();
          server.close();
        },
      }),
    ),
  );
}

/** The browser tests' verdicts: one "ok  name" / "FAIL name (detail)" line each, then a tally. */
export const tally = { passed: 0, failed: 0 };

export function check(name: string, ok: boolean, detail = ""): void {
  if (ok) tally.passed++;
  else tally.failed++;
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${detail ? ` (${detail})` : ""}`);
}

/** The last line ("N passed, M failed"); exits 1 when any check failed. */
export function finishChecks(): never {
  console.log(`${tally.passed} passed, ${tally.failed} failed`);
  process.exit(tally.failed > 0 ? 1 : 0);
}

// Serves the production build (dist/) to a room: `npm start` builds, then runs this.
//   npx tsx scripts/serve.ts [--port 4173] [--host 0.0.0.0] [--dir dist] [--no-isolation] [--open]
// Why a small server of our own rather than `vite preview`: every response (the page, the worker
// script, the service worker, the wasm) must carry the same security headers (src/pwa/headers.ts),
// the students' URLs (this machine's LAN addresses) must be printed plainly with a QR code, and the
// dashboard's Share dialog asks this server for those addresses (/lan.json); vite preview does the
// first (preview.headers, also configured) but not the other two, and pulls in the dev toolchain.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { networkInterfaces } from "node:os";
import { extname, join, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import QRCode from "qrcode";
import { securityHeaders } from "../src/pwa/headers";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".txt": "text/plain; charset=utf-8",
};
const COMPRESSIBLE = new Set([
  ".html",
  ".js",
  ".mjs",
  ".wasm",
  ".json",
  ".webmanifest",
  ".css",
  ".svg",
  ".ttf",
]);

export interface ServeOptions {
  dir: string;
  port: number;
  host: string;
  isolate: boolean;
}

export interface Served {
  server: Server;
  port: number;
  /** http://localhost:PORT/ and one http://ADDRESS:PORT/ per LAN IPv4 address of this machine. */
  local: string;
  lan: string[];
  close(): Promise<void>;
}

/** This machine's IPv4 addresses other machines can reach (not loopback, not link-local). */
export function lanAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.family === "IPv4" && !a.internal && !a.address.startsWith("169.254.")) out.push(a.address);
    }
  }
  return out;
}

/** Starts the server; a busy port moves on to the next free one (up to 20 tries). */
export async function serve(opts: ServeOptions): Promise<Served> {
  const root = resolve(opts.dir);
  const headers = securityHeaders({ isolate: opts.isolate });
  const gzipped = new Map<string, Buffer>();
  let lan: string[] = [];
  const server = createServer((req, res) => {
    const send = (code: number, type: string, body: Buffer | string, extra: Record<string, string> = {}) => {
      res.writeHead(code, { ...headers, "Content-Type": type, ...extra });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, TYPES[".txt"], "method not allowed");
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    } catch {
      return send(400, TYPES[".txt"], "bad path");
    }
    // The Share dialog's question: which URLs reach this server from the room?
    if (path === "/lan.json") {
      return send(200, TYPES[".json"], JSON.stringify({ urls: lan }), { "Cache-Control": "no-store" });
    }
    if (path.endsWith("/")) path += "index.html";
    const file = resolve(root, `.${path}`);
    if (!(file === root || file.startsWith(root + sep)) || !existsSync(file) || !statSync(file).isFile()) {
      return send(404, TYPES[".txt"], "not found", { "Cache-Control": "no-store" });
    }
    const ext = extname(file);
    // Hashed file names never change content; everything else (index.html, sw.js, the manifest,
    // the pretrained network) is revalidated so a new build is picked up.
    const cache = file.startsWith(join(root, "assets") + sep)
      ? "public, max-age=31536000, immutable"
      : "no-cache";
    const type = TYPES[ext] ?? "application/octet-stream";
    const accepts = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    if (accepts && COMPRESSIBLE.has(ext)) {
      const key = `${file}:${statSync(file).mtimeMs}`;
      let body = gzipped.get(key);
      if (!body) {
        body = gzipSync(readFileSync(file));
        gzipped.set(key, body);
      }
      return send(200, type, body, {
        "Cache-Control": cache,
        "Content-Encoding": "gzip",
        Vary: "Accept-Encoding",
      });
    }
    send(200, type, readFileSync(file), { "Cache-Control": cache, Vary: "Accept-Encoding" });
  });
  let port = opts.port;
  for (let tries = 0; ; tries++) {
    const err = await new Promise<NodeJS.ErrnoException | null>((ok) => {
      server.once("error", ok);
      server.listen(port, opts.host, () => ok(null));
    });
    if (!err) break;
    if (err.code !== "EADDRINUSE" || tries >= 20 || opts.port === 0) throw err;
    port++;
  }
  port = (server.address() as AddressInfo).port;
  const everywhere = opts.host === "0.0.0.0" || opts.host === "::";
  lan = everywhere ? lanAddresses().map((a) => `http://${a}:${port}/`) : [];
  const localHost = everywhere || opts.host === "127.0.0.1" ? "localhost" : opts.host;
  return {
    server,
    port,
    local: `http://${localHost}:${port}/`,
    lan,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

const USAGE =
  "usage: tsx scripts/serve.ts [--port 4173] [--host 0.0.0.0] [--dir dist] [--no-isolation] [--open]";

/** The command line, validated: a wrong value gets one line saying what is allowed, exit 2. */
export function parseArgs(
  argv: string[],
): { ok: true; opts: ServeOptions & { open: boolean } } | { ok: false; error: string } {
  const opts = { dir: "dist", port: 4173, host: "0.0.0.0", isolate: true, open: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => argv[++i];
    if (a === "--open") opts.open = true;
    else if (a === "--no-isolation") opts.isolate = false;
    else if (a === "--port") {
      const v = value();
      if (v === undefined || !/^\d{1,5}$/.test(v) || Number(v) > 65535)
        return {
          ok: false,
          error: `--port: expected a whole number from 0 to 65535, got ${JSON.stringify(v ?? "").slice(0, 40)}`,
        };
      opts.port = Number(v);
    } else if (a === "--host") {
      const v = value();
      if (!v || !/^[A-Za-z0-9.:-]{1,253}$/.test(v))
        return {
          ok: false,
          error: `--host: expected an address such as 0.0.0.0 or 127.0.0.1, got ${JSON.stringify(v ?? "").slice(0, 40)}`,
        };
      opts.host = v;
    } else if (a === "--dir") {
      const v = value();
      if (!v) return { ok: false, error: "--dir: expected a folder (the build output, dist by default)" };
      opts.dir = v;
    } else return { ok: false, error: `unknown option ${JSON.stringify(a).slice(0, 40)}; ${USAGE}` };
  }
  return { ok: true, opts };
}

function openBrowser(url: string): void {
  const cmd = process.platform === "darwin" ? "open" : process.platform === "win32" ? "explorer" : "xdg-open";
  try {
    const child = spawn(cmd, [url], { stdio: "ignore", detached: true });
    child.on("error", () => undefined); // no desktop here: the printed URL is enough
    child.unref();
  } catch {
    /* ignored, as above */
  }
}

async function main(): Promise<void> {
  const parsed = parseArgs(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(`error: ${parsed.error}`);
    process.exit(2);
  }
  const { opts } = parsed;
  if (!existsSync(join(opts.dir, "index.html"))) {
    console.error(
      `error: no build in ${opts.dir}/ (run \`npm run build\` first, or \`npm start\` which does both)`,
    );
    process.exit(2);
  }
  const s = await serve(opts).catch((e: NodeJS.ErrnoException) => {
    console.error(`error: cannot listen on ${opts.host}:${opts.port} (${e.code ?? e.message})`);
    process.exit(1);
  });
  const bar = "=".repeat(64);
  console.log(`\n${bar}\n DDIM Lab (production build from ${opts.dir}/) is being served.\n`);
  console.log(`   On this machine:  ${s.local}`);
  if (s.lan.length > 0) {
    console.log("\n   Give students this address (same network):");
    for (const u of s.lan) console.log(`      ${u}`);
    console.log(`\n${await QRCode.toString(s.lan[0], { type: "terminal", small: true })}`);
    console.log('   The dashboard\'s "Share with the room" button shows the same address as a QR code.');
  } else {
    console.log("\n   No network address found (or --host is not 0.0.0.0): only this machine can open it.");
  }
  console.log(
    `   Security headers: CSP${opts.isolate ? " + cross-origin isolation" : ""} (docs/deploy.md).` +
      "\n   Offline use needs http://localhost or https (browsers allow service workers only there).",
  );
  console.log(`${bar}\n   Ctrl+C stops the server.\n`);
  if (opts.open) openBrowser(s.local);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();

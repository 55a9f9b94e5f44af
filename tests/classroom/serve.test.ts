// scripts/serve.ts (what `npm start` runs): its options are validated, every response carries the
// security headers, files outside the build are never served, /lan.json lists room addresses.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseArgs, type Served, serve } from "../../scripts/serve";
import { CSP, META_CSP } from "../../src/pwa/headers";
import { isLoopback, studentLink } from "../../src/pwa/share";

describe("serve: options", () => {
  it("defaults: dist, port 4173, every interface, isolation on", () => {
    const r = parseArgs([]);
    expect(r).toEqual({
      ok: true,
      opts: { dir: "dist", port: 4173, host: "0.0.0.0", isolate: true, open: false },
    });
  });
  it.each([
    [["--port", "99999"], /--port: expected a whole number from 0 to 65535/],
    [["--port", "0x50"], /--port: expected a whole number/],
    [["--port"], /--port: expected/],
    [["--host", "a b"], /--host: expected an address/],
    [["--dir"], /--dir: expected a folder/],
    [["--evil"], /unknown option "--evil"; usage/],
  ])("refuses %j with one line saying what is allowed", (argv, msg) => {
    const r = parseArgs(argv);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(msg);
  });
});

describe("serve: responses", () => {
  let dir = "";
  let s: Served;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "ddim-serve-"));
    mkdirSync(join(dir, "assets"));
    writeFileSync(join(dir, "index.html"), "<!doctype html><title>x</title>");
    writeFileSync(join(dir, "assets", "worker-abc.js"), "self.onmessage = () => {};".repeat(50));
    writeFileSync(join(dir, "..", "ddim-serve-secret.txt"), "secret");
    s = await serve({ dir, port: 0, host: "127.0.0.1", isolate: true });
  });
  afterAll(async () => {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(dir, "..", "ddim-serve-secret.txt"), { force: true });
  });
  const url = (p: string) => `http://127.0.0.1:${s.port}${p}`;

  it("the page and the worker script carry CSP (with frame-ancestors), COOP/COEP, nosniff", async () => {
    for (const p of ["/", "/?T=100&hide=training", "/assets/worker-abc.js"]) {
      const r = await fetch(url(p));
      expect(r.status).toBe(200);
      expect(r.headers.get("content-security-policy")).toBe(CSP);
      expect(r.headers.get("cross-origin-opener-policy")).toBe("same-origin");
      expect(r.headers.get("cross-origin-embedder-policy")).toBe("require-corp");
      expect(r.headers.get("x-content-type-options")).toBe("nosniff");
    }
    expect(CSP).toContain("frame-ancestors 'none'");
    expect(CSP).toMatch(/script-src 'self' 'wasm-unsafe-eval'(;|$)/);
    expect(META_CSP).not.toContain("frame-ancestors"); // ignored (and logged) in a <meta>
  });

  it("hashed assets are cached for good, the page is revalidated, JavaScript is gzipped", async () => {
    const asset = await fetch(url("/assets/worker-abc.js"));
    expect(asset.headers.get("cache-control")).toContain("immutable");
    expect(asset.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(asset.headers.get("content-encoding")).toBe("gzip");
    expect((await fetch(url("/"))).headers.get("cache-control")).toBe("no-cache");
  });

  it("nothing outside the build folder, no other methods", async () => {
    for (const p of [
      "/../ddim-serve-secret.txt",
      "/%2e%2e/ddim-serve-secret.txt",
      "/assets/../../ddim-serve-secret.txt",
    ]) {
      const r = await fetch(url(p));
      expect(r.status, p).toBe(404);
      expect(await r.text()).not.toContain("secret");
    }
    expect((await fetch(url("/"), { method: "POST" })).status).toBe(405);
    expect((await fetch(url("/%E0%A4%A"))).status).toBe(400);
  });

  it("/lan.json lists no address when bound to loopback only", async () => {
    expect(await (await fetch(url("/lan.json"))).json()).toEqual({ urls: [] });
  });
});

describe("share: the students' link", () => {
  it("moves the view's link to the room address and adds hide flags once", () => {
    const here = "http://localhost:4173/?T=500&hide=schedule#compare";
    expect(studentLink(here, "http://192.168.1.20:4173", ["training", "schedule"])).toBe(
      "http://192.168.1.20:4173/?T=500&hide=schedule%2Ctraining#compare",
    );
    expect(studentLink(here, null, [])).toBe(here);
    expect(isLoopback(here)).toBe(true);
    expect(isLoopback("http://192.168.1.20:4173/")).toBe(false);
  });
});

describe("docs/deploy.md", () => {
  it("lists the exact policy the server sends (the doc and the code cannot drift apart)", () => {
    const doc = readFileSync(join(import.meta.dirname, "../../docs/deploy.md"), "utf8");
    // The table, Netlify, nginx and Apache snippets.
    expect(doc.split(CSP).length - 1).toBeGreaterThanOrEqual(4);
  });
});

// Serving to a room, end to end: the production build served by scripts/serve.ts (what `npm start`
// runs), opened in Debian's Chromium. Checks that the security headers reach the page, the worker
// and the service worker; that inside the engine's worker eval / new Function and a request to
// another origin are refused (and, as a control, allowed when the same build is served without
// the headers, so the probe can tell); that the page raises no CSP violation while it loads and
// works (cross-origin isolated, grid painted); the Share dialog's QR code; then the offline checks.
//   npx tsx tests/e2e/classroom.ts      (CHROMIUM_PATH overrides /usr/bin/chromium)
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { build } from "vite";
import { serve } from "../../scripts/serve";
import { CSP } from "../../src/pwa/headers";
import { CHROMIUM, CHROMIUM_ARGS, serveDir } from "../browser/static";
import { check, expect, finish } from "./checks";
import { waitGridSettled } from "./dashboard";
import { offlineChecks } from "./offline";

const ROOT = resolve(import.meta.dirname, "../..");

/** What the engine's worker may do, asked from inside the worker itself. */
async function probeWorker(page: Page, foreign: string) {
  const worker = await until(() => page.workers().find((w) => /worker-.*\.js/.test(w.url())));
  // A string, not a function: the test runner's transpiler would add helpers the worker lacks.
  const probe = `(async () => {
    const tryIt = (f) => { try { f(); return "allowed"; } catch (e) { return "blocked (" + e.name + ")"; } };
    const evalResult = tryIt(() => (0, eval)("1 + 1"));
    const fnResult = tryIt(() => new Function("return 1")());
    const fetchResult = await fetch(${JSON.stringify(foreign)}, { mode: "no-cors" }).then(
      () => "allowed", (e) => "blocked (" + e.name + ")");
    return { eval: evalResult, newFunction: fnResult, fetch: fetchResult };
  })()`;
  return (await worker.evaluate(probe)) as { eval: string; newFunction: string; fetch: string };
}

async function until<T>(get: () => T | undefined, timeout = 60_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() - t0 > timeout) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function main(browser: Browser, dir: string): Promise<void> {
  const served = await serve({ dir, port: 0, host: "127.0.0.1", isolate: true });
  const plain = await serveDir(dir);
  // "Another origin": a server that would answer if the request got out.
  let foreignHits = 0;
  const foreign = createServer((_q, r) => {
    foreignHits++;
    r.end("hello");
  });
  await new Promise<void>((ok) => foreign.listen(0, "127.0.0.1", () => ok()));
  const foreignUrl = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}/`;
  const origin = `http://127.0.0.1:${served.port}/`;
  try {
    await check(
      "serve: the page, the worker script, sw.js and the wasm carry the CSP and isolation headers",
      async () => {
        const names = ["", "sw.js", "pretrained/network.json"];
        const html = await (await fetch(origin)).text();
        const worker = /assets\/worker-[\w-]+\.js/.exec(
          await (await fetch(`${origin}${/assets\/index-[\w-]+\.js/.exec(html)?.[0]}`)).text(),
        );
        if (worker) names.push(worker[0]);
        expect(worker !== null, "no worker script named in the entry chunk");
        for (const n of names) {
          const h = (await fetch(origin + n)).headers;
          expect(
            h.get("content-security-policy") === CSP,
            `${n || "/"}: CSP "${h.get("content-security-policy")}"`,
          );
          expect(
            h.get("content-security-policy")?.includes("frame-ancestors 'none'") === true,
            `${n}: no frame-ancestors`,
          );
          expect(
            h.get("cross-origin-embedder-policy") === "require-corp",
            `${n}: COEP ${h.get("cross-origin-embedder-policy")}`,
          );
        }
        return names.join(", ");
      },
    );

    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(e.message));
    await page.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener("securitypolicyviolation", (e) =>
        w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    await check(
      "serve: the dashboard loads cross-origin isolated, grid painted, no CSP violation, no console error",
      async () => {
        await page.goto(origin);
        await page.getByText("pretrained network (").waitFor({ timeout: 90_000 });
        await waitGridSettled(page);
        const isolated = await page.evaluate(() => crossOriginIsolated);
        const violations = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
        expect(isolated, "crossOriginIsolated is false");
        expect(violations.length === 0, `CSP violations: ${violations.join(" | ")}`);
        expect(errors.length === 0, errors.join(" | "));
        return "crossOriginIsolated, 0 violations";
      },
    );
    await check(
      "CSP: inside the engine's worker eval, new Function and a cross-origin fetch are blocked",
      async () => {
        const got = await probeWorker(page, foreignUrl);
        expect(got.eval.startsWith("blocked"), `eval ${got.eval}`);
        expect(got.newFunction.startsWith("blocked"), `new Function ${got.newFunction}`);
        expect(got.fetch.startsWith("blocked"), `fetch ${got.fetch}`);
        expect(foreignHits === 0, `the other origin was reached ${foreignHits} times`);
        return `eval ${got.eval}, new Function ${got.newFunction}, fetch ${got.fetch}`;
      },
    );
    await check("control: the same build served without the headers: the same probe is allowed", async () => {
      const p2 = await context.newPage();
      await p2.goto(plain.origin);
      const got = await probeWorker(p2, foreignUrl);
      await p2.close();
      expect(got.eval === "allowed" && got.newFunction === "allowed", JSON.stringify(got));
      expect(got.fetch === "allowed" && foreignHits > 0, `fetch ${got.fetch}, ${foreignHits} hits`);
      return `eval ${got.eval}, new Function ${got.newFunction}, fetch ${got.fetch} (${foreignHits} hit)`;
    });
    await check("Share dialog: shows the address for students and its QR code", async () => {
      await page.getByRole("button", { name: /^Share/ }).click();
      const dialog = page.getByRole("dialog", { name: /Share/ });
      await dialog.waitFor();
      const img = dialog.getByRole("img", { name: /QR code/ });
      await img.waitFor({ timeout: 10_000 });
      const size = await img.evaluate((e) => (e as HTMLImageElement).naturalWidth);
      const url = await dialog.locator("output, .share-url").first().textContent();
      expect(size > 50, `QR image ${size} px wide`);
      expect(url?.startsWith("http") === true, `address shown: "${url}"`);
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });
      return `"${url}", QR ${size} px`;
    });
    await context.close();
    await offlineChecks(page, { url: origin, browser });
  } finally {
    await served.close();
    plain.close();
    foreign.closeAllConnections();
    foreign.close();
  }
}

async function run(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
  const dir = mkdtempSync(join(tmpdir(), "ddim-lab-classroom-"));
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  await build({
    root: ROOT,
    configFile: join(ROOT, "vite.config.ts"),
    logLevel: "warn",
    build: { outDir: dir, emptyOutDir: true, rolldownOptions: { checks: { bundlerTimings: false } } },
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const watchdog = setTimeout(() => {
    console.log("FAIL watchdog (over 6 min)");
    process.exit(1);
  }, 6 * 60_000);
  try {
    await main(browser, dir);
  } catch (e) {
    console.log(`FAIL the run stopped early (${e instanceof Error ? e.message.split("\n")[0] : String(e)})`);
    process.exitCode = 1;
  } finally {
    clearTimeout(watchdog);
    await browser.close();
  }
  if (process.exitCode === 1) console.log("(one failure above stopped the run)");
  finish();
}

void run();

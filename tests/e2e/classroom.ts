// Serving to a room, end to end: the production build served by scripts/serve.ts (what `npm start`
// runs), opened in Debian's Chromium. Checks that the security headers reach the page, the worker
// and the service worker; that inside the engine's worker eval / new Function and a request to
// another origin are refused (and, as a control, allowed when the same build is served without
// the headers, so the probe can tell); that the page raises no CSP violation while it loads and
// works (cross-origin isolated, grid painted); the Share dialog's QR code; the webgl backend's
// lazily loaded chunk; then the offline checks.
//   npx tsx tests/e2e/classroom.ts      (CHROMIUM_PATH overrides /usr/bin/chromium)
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { build } from "vite";
import { formatBundle, measureBundle } from "../../scripts/check-bundle";
import { serve } from "../../scripts/serve";
import { CSP } from "../../src/pwa/headers";
import { CHROMIUM, CHROMIUM_ARGS, serveDir } from "../browser/static";
import { check, expect, finish } from "./checks";
import { trainStat, waitGridSettled, waitTrainingState } from "./dashboard";
import { exportChecks } from "./exports";
import { offlineChecks } from "./offline";

const ROOT = resolve(import.meta.dirname, "../..");

/**
 * A worker script the test adds to the build: it tries eval, new Function and a request to another
 * origin, and posts what happened. It is served exactly like the engine's worker script (same
 * server, same headers: the first check compares them), and its code runs as the worker's own
 * code. (Code injected through the DevTools protocol, e.g. Playwright's worker.evaluate, is exempt
 * from the page's eval restriction, so it cannot be the probe.)
 */
const PROBE = `
const violations = [];
self.addEventListener("securitypolicyviolation", (e) => violations.push(e.violatedDirective));
const tryIt = (f) => { try { f(); return "allowed"; } catch (e) { return "blocked (" + e.name + ")"; } };
self.onmessage = async (m) => {
  const evalResult = tryIt(() => (0, eval)("1 + 1"));
  const fnResult = tryIt(() => new Function("return 1")());
  const fetchResult = await fetch(m.data, { mode: "no-cors" }).then(() => "allowed", (e) => "blocked (" + e.name + ")");
  await new Promise((r) => setTimeout(r, 50));
  self.postMessage({ eval: evalResult, newFunction: fnResult, fetch: fetchResult, violations });
};
`;

interface Probe {
  eval: string;
  newFunction: string;
  fetch: string;
  violations: string[];
}

async function probeWorker(page: Page, foreign: string): Promise<Probe> {
  return page.evaluate(
    (url) =>
      new Promise<Probe>((ok, fail) => {
        const w = new Worker("/csp-probe.js", { type: "module" });
        w.onmessage = (m) => {
          ok(m.data as Probe);
          w.terminate();
        };
        w.onerror = (e) => fail(new Error(`probe worker failed: ${e.message}`));
        w.postMessage(url);
      }),
    foreign,
  );
}

/** The header, the Share dialog and the Export menu at three sizes, to look at (test-results/). */
async function shots(page: Page): Promise<void> {
  const out = resolve(ROOT, "test-results");
  mkdirSync(out, { recursive: true });
  for (const [w, h] of [
    [1920, 1080],
    [1280, 720],
    [390, 844],
  ]) {
    await page.setViewportSize({ width: w, height: h });
    await page.locator("details.export-menu summary").click();
    await page.screenshot({ path: join(out, `classroom-export-${w}.png`) });
    await page.locator("details.export-menu summary").click();
    await page.getByRole("button", { name: /^Share/ }).click();
    await page.getByRole("img", { name: /QR code/ }).waitFor();
    await page.screenshot({ path: join(out, `classroom-share-${w}.png`) });
    await page.keyboard.press("Escape");
  }
  await page.setViewportSize({ width: 1280, height: 720 });
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
      "bundle: first-paint load within budget, no library in two files, the worker loads only the tfjs it runs",
      async () => {
        const f = measureBundle(dir);
        console.log(formatBundle(f));
        expect(f.failures.length === 0, f.failures.join("; "));
        return `first paint ${f.initialKb} kB (entry ${f.entryKb}), the worker adds ${f.workerOwnKb} kB (+${f.workerLazyKb} for webgl) gzip`;
      },
    );
    await check(
      "serve: the page, the worker script, sw.js and the wasm carry the CSP and isolation headers",
      async () => {
        const names = ["", "sw.js", "pretrained/network.json", "csp-probe.js"];
        const html = await (await fetch(origin)).text();
        const worker = /assets\/engine-worker-[\w-]+\.js/.exec(
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
    await check("serve: training runs on two threads (cross-origin isolated, a second core)", async () => {
      const training = page.locator("#training");
      const field = training.getByLabel("Training steps");
      await field.fill("600");
      await field.press("Enter");
      await training.getByRole("button", { name: "Train", exact: true }).click();
      await page.getByText("your network (600 steps)").waitFor({ timeout: 90_000 });
      await waitTrainingState(page, "idle", 20_000);
      const threads = await trainStat(page, "threads");
      const sps = await trainStat(page, "steps/s");
      expect(threads === "2", `threads readout "${threads}"`);
      expect(errors.length === 0, errors.join(" | "));
      return `threads ${threads}, ${sps} steps/s`;
    });
    await check(
      "CSP: inside a worker served like the engine's, eval, new Function and a cross-origin fetch are blocked",
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
      await p2.goto(`${plain.origin}csp-probe.js`); // any page of that origin will do
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
    await shots(page);
    await context.close();
    await exportChecks(browser, origin);
    await webglCheck(origin);
    await offlineChecks(page, { url: origin, browser });
  } finally {
    await served.close();
    plain.close();
    foreign.closeAllConnections();
    foreign.close();
  }
}

/**
 * The webgl backend is a chunk the engine worker loads only when the setting picks it (docs/
 * deploy.md, "Weight"). This browser gets a software WebGL (SwiftShader), so the worker can run on
 * it; a failed chunk load would fall back to cpu and show up here.
 */
async function webglCheck(origin: string): Promise<void> {
  await check("webgl: picked in the link, the worker fetches its webgl chunk and runs on webgl", async () => {
    const args = [
      ...CHROMIUM_ARGS.filter((a) => a !== "--disable-gpu"),
      "--enable-unsafe-swiftshader",
      "--use-angle=swiftshader",
    ];
    const b = await chromium.launch({ executablePath: CHROMIUM, args });
    try {
      const page = await b.newPage();
      const fetched: string[] = [];
      const errors: string[] = [];
      page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`${origin}?backend=webgl`);
      const header = page.locator("header").first();
      await header.getByText(/backend (webgl|cpu)/).waitFor({ timeout: 120_000 });
      // (textContent runs the header's parts together: "backend webglPresent (p)...")
      const backend = /backend (webgl|cpu|wasm)/.exec((await header.textContent()) ?? "")?.[1];
      const chunk = fetched.find((f) => /^\/assets\/tfjs-webgl-[\w-]+\.js$/.test(f));
      expect(chunk !== undefined, "the webgl chunk was never fetched");
      expect(backend === "webgl", `the worker runs on ${backend}`);
      expect(errors.length === 0, errors.join(" | "));
      return `${chunk} fetched; backend ${backend}`;
    } finally {
      await b.close();
    }
  });
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
  writeFileSync(join(dir, "csp-probe.js"), PROBE);
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

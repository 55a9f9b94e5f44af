// The weight of the production build, printed by `npm run build` and checked by the classroom e2e:
//   npx tsx scripts/check-bundle.ts [dist]      (exit 1 over budget)
// Sizes are gzip (what travels over a classroom's wifi). Budgets:
// - the entry chunk (the page's own code, what must parse before anything shows) <= 250 kB;
// - everything the page loads before its first paint (entry + modulepreloaded chunks + CSS) has a
//   ceiling a little above today's figure (337 kB), so a new eager library shows up as a failure.
//   recharts (115 kB) is the largest part of it; loading the charts lazily (React.lazy at the
//   panels, with a placeholder of the chart's fixed height) would bring it to about 220 kB;
// - no npm package in both the page's and the worker's bundles, except the ones listed in
//   KNOWN_SHARED (the worker is a separate build, so a library both need is shipped twice).
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { type BundleReport, REPORT_FILE } from "./bundle-report";

export const ENTRY_BUDGET_KB = 250;
export const INITIAL_BUDGET_KB = 360;
/** Needed on both sides today: settings/network-file validation (zod) and the worker RPC (comlink). */
export const KNOWN_SHARED = ["zod", "comlink"];
/** What the engine worker can run: core tfjs and the backends a setting can pick. */
const WORKER_USES = [
  "@tensorflow/tfjs-core",
  "@tensorflow/tfjs-backend-wasm",
  "@tensorflow/tfjs-backend-cpu",
  "@tensorflow/tfjs-backend-webgl",
];

export interface BundleFigures {
  rows: Array<{ file: string; kb: number; gzipKb: number; initial: boolean; worker: boolean }>;
  entryKb: number;
  initialKb: number;
  workerKb: number;
  duplicated: string[];
  workerExtras: string[];
  failures: string[];
}

const kb = (n: number) => Math.round(n / 102.4) / 10;

export function measureBundle(dir: string): BundleFigures {
  const html = readFileSync(join(dir, "index.html"), "utf8");
  const entry = /<script type="module"[^>]*src="\/?([^"]+)"/.exec(html)?.[1];
  if (!entry) throw new Error(`no module script in ${dir}/index.html`);
  const initial = new Set([
    entry,
    ...[...html.matchAll(/<link rel="(?:modulepreload|stylesheet)"[^>]*href="\/?([^"]+)"/g)].map((m) => m[1]),
  ]);
  const report = JSON.parse(readFileSync(join(dir, REPORT_FILE), "utf8")) as BundleReport;
  const rows: BundleFigures["rows"] = [];
  const files = new Set([...Object.keys(report.chunks), ...initial]);
  for (const f of files) {
    const path = join(dir, f);
    if (!existsSync(path)) continue;
    const body = readFileSync(path);
    rows.push({
      file: f,
      kb: kb(statSync(path).size),
      gzipKb: kb(gzipSync(body, { level: 9 }).length),
      initial: initial.has(f),
      worker: report.chunks[f]?.worker ?? false,
    });
  }
  rows.sort((a, b) => b.gzipKb - a.gzipKb);
  const sum = (xs: typeof rows) => Math.round(xs.reduce((s, r) => s + r.gzipKb, 0) * 10) / 10;
  const pagePkgs = new Set(
    Object.values(report.chunks)
      .filter((c) => !c.worker)
      .flatMap((c) => c.packages),
  );
  const workerPkgs = new Set(
    Object.values(report.chunks)
      .filter((c) => c.worker)
      .flatMap((c) => c.packages),
  );
  const duplicated = [...pagePkgs].filter((p) => workerPkgs.has(p));
  const workerExtras = [...workerPkgs].filter(
    (p) => p.startsWith("@tensorflow/") && !WORKER_USES.includes(p) && p !== "@tensorflow/tfjs",
  );
  const figures: BundleFigures = {
    rows,
    entryKb: rows.find((r) => r.file === entry)?.gzipKb ?? 0,
    initialKb: sum(rows.filter((r) => r.initial)),
    workerKb: sum(rows.filter((r) => r.worker)),
    duplicated,
    workerExtras,
    failures: [],
  };
  if (figures.entryKb > ENTRY_BUDGET_KB)
    figures.failures.push(`entry chunk ${figures.entryKb} kB gzip > ${ENTRY_BUDGET_KB} kB`);
  if (figures.initialKb > INITIAL_BUDGET_KB)
    figures.failures.push(`first-paint load ${figures.initialKb} kB gzip > ${INITIAL_BUDGET_KB} kB`);
  const unexpected = duplicated.filter((p) => !KNOWN_SHARED.includes(p));
  if (unexpected.length > 0)
    figures.failures.push(`in both the page's and the worker's bundles: ${unexpected.join(", ")}`);
  return figures;
}

export function formatBundle(f: BundleFigures): string {
  const lines = ["bundle (gzip kB; * = loaded before first paint, w = engine worker):"];
  for (const r of f.rows.filter((r) => r.file.endsWith(".js") || r.file.endsWith(".css"))) {
    lines.push(
      `  ${r.initial ? "*" : r.worker ? "w" : " "} ${String(r.gzipKb).padStart(7)}  ${r.file} (${r.kb} kB raw)`,
    );
  }
  lines.push(
    `  entry chunk ${f.entryKb} kB (budget ${ENTRY_BUDGET_KB}); first-paint total ${f.initialKb} kB (budget ${INITIAL_BUDGET_KB}); worker ${f.workerKb} kB`,
    `  in both page and worker: ${f.duplicated.join(", ") || "none"} (accepted: ${KNOWN_SHARED.join(", ")})`,
    `  tfjs packages in the worker it never runs: ${f.workerExtras.join(", ") || "none"}`,
  );
  return lines.join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = resolve(process.argv[2] ?? "dist");
  const f = measureBundle(dir);
  console.log(formatBundle(f));
  for (const e of f.failures) console.error(`error: over budget: ${e}`);
  process.exit(f.failures.length > 0 ? 1 : 0);
}

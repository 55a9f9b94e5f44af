// The weight of the production build, printed by `npm run build` and checked by the classroom e2e:
//   npx tsx scripts/check-bundle.ts [dist]      (exit 1 on any failure)
// Sizes are gzip (what travels over a classroom's wifi). The checks (docs/deploy.md, "Weight"):
// - everything the page loads before its first paint (the entry, the chunks it preloads, the CSS)
//   <= 250 kB: that is what a visitor waits for, however it is split into chunks. recharts and
//   the charts load afterwards (ui/ChartSlot.tsx), the engine worker after the page is up;
// - no npm package's code in two output files (the engine worker is an entry of the page's own
//   build, so the page and the worker share one copy of zod, comlink and the core);
// - the worker loads only the tfjs it runs: tfjs-core with the cpu and wasm backends, and the webgl
//   backend only when someone picks it (a lazy chunk); no tfjs-layers/-converter/-data, no UI.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { type BundleReport, REPORT_FILE } from "./bundle-report";

export const FIRST_PAINT_BUDGET_KB = 250;
/** Packages allowed in two output files, with the reason (none today). */
export const KNOWN_SHARED: Record<string, string> = {};
/** What the engine worker loads up front: core tfjs and the backends it starts on. */
const WORKER_EAGER = [
  "@tensorflow/tfjs-core",
  "@tensorflow/tfjs-backend-wasm",
  "@tensorflow/tfjs-backend-cpu",
];
/** What it may load later, when a setting picks it. */
const WORKER_LAZY = ["@tensorflow/tfjs-backend-webgl"];
/** Page-only libraries: in the worker they would mean UI code was pulled in (docs/architecture.md). */
const UI_PACKAGES = ["react", "react-dom", "recharts", "katex", "zustand", "idb-keyval", "qrcode"];

export interface BundleFigures {
  rows: Array<{
    file: string;
    kb: number;
    gzipKb: number;
    initial: boolean;
    worker: boolean;
    workerLazy: boolean;
  }>;
  entryKb: number;
  initialKb: number;
  /** What a worker start downloads that the page has not already loaded. */
  workerOwnKb: number;
  workerLazyKb: number;
  duplicated: string[];
  workerExtras: string[];
  failures: string[];
}

const kb = (n: number) => Math.round(n / 102.4) / 10;
const round = (x: number) => Math.round(x * 10) / 10;

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
      workerLazy: report.chunks[f]?.workerLazy ?? false,
    });
  }
  rows.sort((a, b) => b.gzipKb - a.gzipKb);
  const sum = (xs: typeof rows) => round(xs.reduce((s, r) => s + r.gzipKb, 0));
  const packagesOf = (pick: (c: BundleReport["chunks"][string]) => boolean) =>
    new Set(
      Object.values(report.chunks)
        .filter(pick)
        .flatMap((c) => c.packages),
    );
  const eager = packagesOf((c) => c.worker && !c.workerLazy);
  const lazy = packagesOf((c) => c.workerLazy);
  const duplicated = Object.keys(report.duplicates).sort();
  const workerExtras = [
    ...[...eager].filter((p) => p.startsWith("@tensorflow/") && !WORKER_EAGER.includes(p)),
    ...[...lazy].filter(
      (p) => p.startsWith("@tensorflow/") && !WORKER_EAGER.includes(p) && !WORKER_LAZY.includes(p),
    ),
  ];
  const figures: BundleFigures = {
    rows,
    entryKb: rows.find((r) => r.file === entry)?.gzipKb ?? 0,
    initialKb: sum(rows.filter((r) => r.initial)),
    workerOwnKb: sum(rows.filter((r) => r.worker && !r.workerLazy && !r.initial)),
    workerLazyKb: sum(rows.filter((r) => r.workerLazy)),
    duplicated,
    workerExtras,
    failures: [],
  };
  if (!rows.some((r) => r.worker))
    figures.failures.push("no engine worker found in the build (scripts/engine-worker-entry.ts)");
  if (figures.initialKb > FIRST_PAINT_BUDGET_KB)
    figures.failures.push(`first-paint load ${figures.initialKb} kB gzip > ${FIRST_PAINT_BUDGET_KB} kB`);
  const unexpected = duplicated.filter((p) => !(p in KNOWN_SHARED));
  if (unexpected.length > 0)
    figures.failures.push(
      `in two output files: ${unexpected.map((p) => `${p} (${report.duplicates[p].join(", ")})`).join("; ")}`,
    );
  if (workerExtras.length > 0)
    figures.failures.push(`tfjs the worker never runs: ${workerExtras.join(", ")}`);
  const eagerLazy = WORKER_LAZY.filter((p) => eager.has(p));
  if (eagerLazy.length > 0)
    figures.failures.push(
      `loaded by the worker up front, though only a setting needs it: ${eagerLazy.join(", ")}`,
    );
  const ui = UI_PACKAGES.filter((p) => eager.has(p) || lazy.has(p));
  if (ui.length > 0) figures.failures.push(`UI libraries in the worker: ${ui.join(", ")}`);
  return figures;
}

export function formatBundle(f: BundleFigures): string {
  const lines = [
    "bundle (gzip kB; * = loaded before first paint, w = engine worker, l = worker, when a setting picks it):",
  ];
  for (const r of f.rows.filter((r) => r.file.endsWith(".js") || r.file.endsWith(".css"))) {
    const mark = `${r.initial ? "*" : " "}${r.workerLazy ? "l" : r.worker ? "w" : " "}`;
    lines.push(`  ${mark} ${String(r.gzipKb).padStart(7)}  ${r.file} (${r.kb} kB raw)`);
  }
  const known = Object.entries(KNOWN_SHARED).map(([p, why]) => `${p}: ${why}`);
  lines.push(
    `  first paint ${f.initialKb} kB (budget ${FIRST_PAINT_BUDGET_KB}; entry chunk ${f.entryKb}); the worker adds ${f.workerOwnKb} kB (+${f.workerLazyKb} kB only for webgl)`,
    `  in two output files: ${f.duplicated.join(", ") || "none"}${known.length ? ` (accepted: ${known.join("; ")})` : ""}`,
    `  tfjs packages in the worker it never runs: ${f.workerExtras.join(", ") || "none"}`,
  );
  return lines.join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = resolve(process.argv[2] ?? "dist");
  const f = measureBundle(dir);
  console.log(formatBundle(f));
  for (const e of f.failures) console.error(`error: bundle check: ${e}`);
  process.exit(f.failures.length > 0 ? 1 : 0);
}

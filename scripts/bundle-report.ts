// A vite plugin that records what ends up in which output file (npm packages, the chunk graph, and
// every module that was put in more than one file) and writes dist/bundle-report.json at the end;
// scripts/check-bundle.ts turns it into the size table and the budget checks. The role "worker" is
// for a worker that vite builds on its own (`worker.plugins`); the engine worker is an entry of
// the page's own build (scripts/engine-worker-entry.ts), found here by its source file.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Plugin } from "vite";
import { ENGINE_WORKER } from "./engine-worker-entry.ts";

export interface ChunkRecord {
  packages: string[];
  /** Loaded by the engine worker (statically from its entry, or by a dynamic import it makes). */
  worker: boolean;
  /** Only through a dynamic import from the worker's side (a backend loaded when picked). */
  workerLazy: boolean;
}

export interface BundleReport {
  /** Output file name -> what is in it and who loads it. */
  chunks: Record<string, ChunkRecord>;
  /** npm package -> the output files that each hold a copy of one of its modules. */
  duplicates: Record<string, string[]>;
}

export const REPORT_FILE = "bundle-report.json";

function packageOf(id: string): string | null {
  const m = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(id.split("?")[0]);
  return m ? m[1].replace("\\", "/") : null;
}

interface Graph {
  imports: string[];
  dynamicImports: string[];
  engineWorker: boolean;
  separateWorker: boolean;
}

/** One shared record per build: a separate worker build runs inside the page's build and finishes first. */
let chunks: Record<string, ChunkRecord & Graph> = {};
let homes = new Map<string, Set<string>>();

function reachable(from: string[], edges: (c: Graph) => string[]): Set<string> {
  const seen = new Set<string>();
  const todo = [...from];
  while (todo.length > 0) {
    const f = todo.pop() as string;
    if (seen.has(f) || !chunks[f]) continue;
    seen.add(f);
    todo.push(...edges(chunks[f]));
  }
  return seen;
}

export function bundleReport(role: "page" | "worker"): Plugin {
  return {
    name: `ddim-lab-bundle-report-${role}`,
    apply: "build",
    buildStart() {
      if (role !== "page") return;
      chunks = {};
      homes = new Map();
    },
    generateBundle(_options, bundle) {
      for (const out of Object.values(bundle)) {
        if (out.type !== "chunk") continue;
        const packages = new Set<string>();
        for (const id of Object.keys(out.modules)) {
          const p = packageOf(id);
          if (p) packages.add(p);
          const files = homes.get(id) ?? new Set<string>();
          files.add(out.fileName);
          homes.set(id, files);
        }
        chunks[out.fileName] = {
          packages: [...packages].sort(),
          worker: role === "worker",
          workerLazy: false,
          imports: out.imports,
          dynamicImports: out.dynamicImports,
          engineWorker: out.isEntry && out.facadeModuleId === ENGINE_WORKER,
          separateWorker: role === "worker",
        };
      }
    },
    writeBundle(options) {
      if (role !== "page" || !options.dir) return;
      const roots = Object.keys(chunks).filter((f) => chunks[f].engineWorker || chunks[f].separateWorker);
      const eager = reachable(roots, (c) => c.imports);
      const all = reachable(roots, (c) => [...c.imports, ...c.dynamicImports]);
      const report: BundleReport = { chunks: {}, duplicates: {} };
      for (const [file, c] of Object.entries(chunks))
        report.chunks[file] = {
          packages: c.packages,
          worker: all.has(file),
          workerLazy: all.has(file) && !eager.has(file),
        };
      for (const [id, files] of homes) {
        const p = packageOf(id);
        if (!p || files.size < 2) continue;
        report.duplicates[p] = [...new Set([...(report.duplicates[p] ?? []), ...files])].sort();
      }
      writeFileSync(join(options.dir, REPORT_FILE), `${JSON.stringify(report, null, 1)}\n`);
    },
  };
}

// A vite plugin that records which npm packages end up in which output file, for the page's build
// and the engine worker's build alike, and writes dist/bundle-report.json at the end; then
// scripts/check-bundle.ts turns it into the size table and the budget checks.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Plugin } from "vite";

export interface BundleReport {
  /** Output file name -> the npm packages with modules in it. */
  chunks: Record<string, { packages: string[]; worker: boolean }>;
}

export const REPORT_FILE = "bundle-report.json";

function packageOf(id: string): string | null {
  const m = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(id.split("?")[0]);
  return m ? m[1].replace("\\", "/") : null;
}

/** One shared record: the worker's build runs inside the page's build and finishes first. */
const chunks: BundleReport["chunks"] = {};

export function bundleReport(role: "page" | "worker"): Plugin {
  return {
    name: `ddim-lab-bundle-report-${role}`,
    apply: "build",
    generateBundle(_options, bundle) {
      for (const out of Object.values(bundle)) {
        if (out.type !== "chunk") continue;
        const packages = new Set<string>();
        for (const id of Object.keys(out.modules)) {
          const p = packageOf(id);
          if (p) packages.add(p);
        }
        chunks[out.fileName] = { packages: [...packages].sort(), worker: role === "worker" };
      }
    },
    writeBundle(options) {
      if (role !== "page" || !options.dir) return;
      writeFileSync(join(options.dir, REPORT_FILE), `${JSON.stringify({ chunks }, null, 1)}\n`);
    },
  };
}

// scripts/check-bundle.ts on small made-up builds: each check fails on the build it is there for
// and stays quiet on a clean one (the real build is checked by `npm run build` and the classroom e2e).
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { BundleReport, ChunkRecord } from "../../scripts/bundle-report";
import { measureBundle } from "../../scripts/check-bundle";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Random bytes do not compress: `kb` kB of file is about `kb` kB gzip. */
const bytes = (kb: number) => randomBytes(Math.round(kb * 1024));

interface FakeChunk extends Partial<ChunkRecord> {
  kb: number;
  preload?: boolean;
}

function fakeBuild(chunks: Record<string, FakeChunk>, duplicates: BundleReport["duplicates"] = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "check-bundle-"));
  dirs.push(dir);
  mkdirSync(join(dir, "assets"));
  const report: BundleReport = { chunks: {}, duplicates };
  const links: string[] = [];
  for (const [name, c] of Object.entries(chunks)) {
    const file = `assets/${name}.js`;
    writeFileSync(join(dir, file), bytes(c.kb));
    report.chunks[file] = {
      packages: c.packages ?? [],
      worker: c.worker ?? false,
      workerLazy: c.workerLazy ?? false,
    };
    if (c.preload) links.push(`<link rel="modulepreload" crossorigin href="/${file}">`);
  }
  writeFileSync(
    join(dir, "index.html"),
    `<script type="module" crossorigin src="/assets/index.js"></script>${links.join("")}`,
  );
  writeFileSync(join(dir, "bundle-report.json"), JSON.stringify(report));
  return dir;
}

const CLEAN: Record<string, FakeChunk> = {
  index: { kb: 50, packages: ["zustand"] },
  react: { kb: 60, preload: true, packages: ["react", "react-dom"] },
  zod: { kb: 25, preload: true, worker: true, packages: ["zod"] },
  recharts: { kb: 110, packages: ["recharts"] },
  "engine-worker": {
    kb: 120,
    worker: true,
    packages: ["@tensorflow/tfjs-core", "@tensorflow/tfjs-backend-wasm"],
  },
  "tfjs-webgl": { kb: 70, worker: true, workerLazy: true, packages: ["@tensorflow/tfjs-backend-webgl"] },
};

describe("check-bundle", () => {
  it("passes a build within budget, with nothing twice and only the tfjs the worker runs", () => {
    const f = measureBundle(fakeBuild(CLEAN));
    expect(f.failures).toEqual([]);
    expect(f.initialKb).toBeGreaterThan(130);
    expect(f.initialKb).toBeLessThan(140);
    expect(f.workerLazyKb).toBeGreaterThan(65);
  });

  it("counts every preloaded chunk in the first paint, not just the entry", () => {
    const f = measureBundle(
      fakeBuild({ ...CLEAN, recharts: { kb: 130, preload: true, packages: ["recharts"] } }),
    );
    expect(f.entryKb).toBeLessThan(60);
    expect(f.failures.join()).toMatch(/first-paint load .* > 250 kB/);
  });

  it("fails when a package's code is in two output files", () => {
    const f = measureBundle(fakeBuild(CLEAN, { zod: ["assets/index.js", "assets/engine-worker.js"] }));
    expect(f.failures.join()).toMatch(
      /in two output files: zod \(assets\/index\.js, assets\/engine-worker\.js\)/,
    );
  });

  it("fails on tfjs the worker never runs, on webgl loaded up front and on UI in the worker", () => {
    const f = measureBundle(
      fakeBuild({
        ...CLEAN,
        "engine-worker": {
          kb: 120,
          worker: true,
          packages: [
            "@tensorflow/tfjs-core",
            "@tensorflow/tfjs-layers",
            "@tensorflow/tfjs-backend-webgl",
            "react",
          ],
        },
      }),
    );
    const all = f.failures.join("\n");
    expect(all).toMatch(/tfjs the worker never runs: @tensorflow\/tfjs-layers/);
    expect(all).toMatch(/up front, though only a setting needs it: @tensorflow\/tfjs-backend-webgl/);
    expect(all).toMatch(/UI libraries in the worker: react/);
  });

  it("fails when the build has no engine worker at all", () => {
    const { "engine-worker": _w, "tfjs-webgl": _g, ...pageOnly } = CLEAN;
    const f = measureBundle(fakeBuild({ ...pageOnly, zod: { kb: 25, preload: true, packages: ["zod"] } }));
    expect(f.failures.join()).toMatch(/no engine worker found/);
  });
});

// The engine worker as a second entry of the page's own production build (docs/deploy.md,
// "Weight"). Vite builds a `new Worker(new URL(...))` as a bundle of its own, so a library both
// sides use (zod, comlink, the core's code) travels twice. Emitted as a chunk of the page's build
// instead, the worker imports the same shared chunks the page has already loaded.
// client.ts keeps the plain `new Worker(new URL("./worker.ts", import.meta.url))`: `npm run dev`
// and the test pages under tests/browser (built without this config) use it as it is; only this
// build rewrites it to the emitted entry's URL.
import { resolve } from "node:path";
import type { Plugin } from "vite";

export const ENGINE_WORKER = resolve(import.meta.dirname, "../src/engine/worker.ts");
const CLIENT = resolve(import.meta.dirname, "../src/engine/client.ts");
const CONSTRUCTOR = 'new Worker(new URL("./worker.ts", import.meta.url), { type: "module" })';

export function engineWorkerEntry(): Plugin {
  let ref: string | null = null;
  /** Output files the worker loads (filled in generateBundle, before vite writes its preload lists). */
  const workerFiles = new Set<string>();
  return {
    name: "ddim-lab-engine-worker-entry",
    apply: "build",
    // Before vite's own worker plugin, which would otherwise bundle the worker on its own.
    enforce: "pre",
    config: () => ({
      build: {
        modulePreload: {
          // Vite wraps a dynamic import in a helper that adds <link rel="modulepreload"> tags to
          // the document: a worker has none, so in a chunk the worker runs (its webgl import)
          // the helper must get nothing to preload, or it throws and webgl falls back to cpu.
          resolveDependencies: (_file: string, deps: string[], { hostId }: { hostId: string }) =>
            workerFiles.has(hostId) ? [] : deps,
        },
      },
    }),
    buildStart() {
      workerFiles.clear();
      ref = this.emitFile({ type: "chunk", id: ENGINE_WORKER, name: "engine-worker" });
    },
    generateBundle(_options, bundle) {
      const todo = Object.values(bundle).flatMap((c) =>
        c.type === "chunk" && c.isEntry && c.facadeModuleId === ENGINE_WORKER ? [c.fileName] : [],
      );
      while (todo.length > 0) {
        const f = todo.pop() as string;
        const c = bundle[f];
        if (workerFiles.has(f) || c?.type !== "chunk") continue;
        workerFiles.add(f);
        todo.push(...c.imports, ...c.dynamicImports);
      }
    },
    transform(code, id) {
      if (ref === null || id.split("?")[0] !== CLIENT) return null;
      // A changed constructor must fail the build, not silently fall back to the second bundle.
      if (!code.includes(CONSTRUCTOR)) this.error(`src/engine/client.ts no longer contains ${CONSTRUCTOR}`);
      return {
        code: code.replace(CONSTRUCTOR, `new Worker(import.meta.ROLLUP_FILE_URL_${ref}, { type: "module" })`),
        map: null,
      };
    },
  };
}

import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import { bundleReport } from "./scripts/bundle-report.ts";
import { engineWorkerEntry } from "./scripts/engine-worker-entry.ts";
import { typesetFormulas } from "./scripts/katex-plugin.ts";
import { META_CSP, securityHeaders } from "./src/pwa/headers.ts";
import { MANIFEST } from "./src/pwa/manifest.ts";

// One policy everywhere (src/pwa/headers.ts): index.html gets the <meta> form of it, `vite
// preview` and scripts/serve.ts (`npm start`) send it as response headers, which also cover the
// worker. Cross-origin isolation (COOP/COEP) is sent too: the wasm backend is forced to its
// single-thread build (docs/backends.md), so the threaded build that used to hang is never picked.
const cspMeta = (): Plugin => ({
  name: "ddim-lab-csp-meta",
  transformIndexHtml: {
    order: "pre",
    handler: (html) => html.replace("%DDIM_LAB_CSP%", META_CSP),
  },
});

export default defineConfig({
  plugins: [
    react(),
    typesetFormulas(),
    cspMeta(),
    engineWorkerEntry(),
    bundleReport("page"),
    VitePWA({
      strategies: "injectManifest",
      srcDir: "src/pwa",
      filename: "sw.ts",
      // src/pwa/register.ts (a second entry in index.html) registers it, quietly when offline.
      injectRegister: false,
      registerType: "prompt",
      manifest: MANIFEST,
      // The glob below already takes the icons and the manifest.
      includeManifestIcons: false,
      injectManifest: {
        // KaTeX ships each font as woff2, woff and ttf; browsers that run this app use woff2.
        globPatterns: ["**/*.{js,css,html,wasm,json,woff2,png,svg}"],
        // The threaded tfjs build is never used (the backend is forced to one thread).
        globIgnores: ["**/*threaded*", "bundle-report.json"],
        // The worker bundle (tfjs) is ~2 MB; the largest allowed file leaves room for it.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      },
      devOptions: { enabled: false },
    }),
  ],
  worker: { format: "es", plugins: () => [bundleReport("worker")] },
  build: {
    target: "es2022",
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      output: {
        // The engine worker's webgl backend (a lazy chunk) would be named after its folder, "dist".
        chunkFileNames: (chunk) =>
          chunk.moduleIds.some((id) => id.includes("tfjs-backend-webgl"))
            ? "assets/tfjs-webgl-[hash].js"
            : "assets/[name]-[hash].js",
        // Libraries in their own long-lived chunks: a rebuild of the app does not make every
        // student's browser download React, recharts and KaTeX again.
        codeSplitting: {
          groups: [
            { name: "react", test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            {
              name: "recharts",
              test: /node_modules[\\/](recharts|d3-|victory-vendor|@reduxjs|immer|reselect|redux|decimal\.js|es-toolkit|eventemitter3|clsx|tiny-invariant|use-sync-external-store|react-redux)/,
            },
            // Only its code: its CSS belongs to the first paint (formulas typeset at build time use it).
            { name: "katex", test: /node_modules[\\/]katex[\\/].*\.m?js$/ },
            { name: "zod", test: /node_modules[\\/]zod[\\/]/ },
          ],
        },
      },
    },
  },
  server: { port: 5173 },
  preview: { port: 4173, host: "0.0.0.0", headers: securityHeaders({ isolate: true }) },
});

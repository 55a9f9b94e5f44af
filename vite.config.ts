import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// No cross-origin-isolation headers on purpose: with them tfjs picks its threaded wasm build,
// which hangs after a production build (see docs/backends.md).
export default defineConfig({
  plugins: [react()],
  worker: { format: "es" },
  build: { target: "es2022", chunkSizeWarningLimit: 2000 },
  server: { port: 5173 },
  preview: { port: 4173 },
});

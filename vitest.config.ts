import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";
import { typesetFormulas } from "./scripts/katex-plugin.ts";

export default defineConfig({
  plugins: [react(), typesetFormulas()],
  test: {
    // Every *.test.ts(x) under tests/ except the real-browser suites (browser/, e2e/) and benchmarks.
    include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
    exclude: ["tests/browser/**", "tests/e2e/**", "tests/bench/**", "**/node_modules/**"],
    environment: "node",
    // Builds the wasm-simd kernel (generated, not committed) when it is missing or stale.
    globalSetup: ["scripts/build-kernel.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});

// Leak soak (docs/bench.md): 10,000 training steps in chunks and 100 calls of every sampler kind (plus
// sampleMany, inversion and interpolation), printing tfjs numTensors and the heap before and
// after, on the engine in Node and (with --browser) on the real worker in headless Chromium.
// Run: npx tsx --expose-gc tests/bench/soak.ts [--steps N] [--calls N] [--browser]
import { createEngine } from "../../src/engine/engine";
import { openTestSite } from "../browser/harness";
import { exposeWorkerHeap } from "../browser/worker-heap";
import { runSoak, type SoakResult } from "./soak-run";

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const STEPS = arg("steps", 10_000);
const CALLS = arg("calls", 100);

async function main(): Promise<void> {
  let ok = true;
  console.log(
    `Node (wasm)${(globalThis as { gc?: unknown }).gc ? "" : " - run with --expose-gc for exact heap figures"}:`,
  );
  const engine = createEngine();
  const node = await runSoak(engine, () => engine.stats(), STEPS, CALLS);
  for (const l of node.lines) console.log(`  ${l}`);
  ok &&= node.flat;
  await engine.dispose();
  if (process.argv.includes("--browser")) {
    console.log("Chromium worker (wasm):");
    const site = await openTestSite();
    try {
      await exposeWorkerHeap(site.page);
      const web = (await site.page.evaluate(
        ([s, c]) =>
          (window as unknown as { ddimTest: { soak(s: number, c: number): Promise<unknown> } }).ddimTest.soak(
            s,
            c,
          ),
        [STEPS, CALLS],
      )) as SoakResult;
      for (const l of web.lines) console.log(`  ${l}`);
      ok &&= web.flat;
    } finally {
      await site.close();
    }
  }
  process.exit(ok ? 0 : 1);
}

void main();

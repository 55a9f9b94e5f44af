// What the training panel's live preview costs the run: the real engine (wasm, default network
// 128x3, batch 256) trains the same steps with and without a preview sample (DDIM eta=0, S=20,
// 300 points, the same request as the panel) about once a second, between chunks, as the worker
// does. Runs alternate (off, on, off, on, ...) so machine load hits both; reports medians and the
// ratio. Usage: npx tsx scripts/bench-preview.ts [steps=1500] [rounds=3]
import { DEFAULT_NETWORK, DEFAULT_PROBLEM, DEFAULT_TRAIN } from "../src/core/config";
import { createEngine } from "../src/engine/engine";
import { previewDue, previewRequest } from "../src/state/preview";

const steps = Number(process.argv[2] ?? 1500);
const rounds = Number(process.argv[3] ?? 3);

async function run(
  preview: boolean,
): Promise<{ sps: number; cpuPerStep: number; previews: number; previewMs: number }> {
  const engine = createEngine();
  await engine.init({
    problem: DEFAULT_PROBLEM,
    network: DEFAULT_NETWORK,
    train: { ...DEFAULT_TRAIN, steps, backend: "wasm" },
  });
  let previews = 0;
  let previewMs = 0;
  let last = Number.NEGATIVE_INFINITY;
  let busy = false;
  let cost = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await engine.train(steps, () => {
    // The panel asks on a chunk report when a second has passed; the sample runs before the next chunk.
    const due = previewDue({
      training: true,
      step: 1,
      busy,
      lastAt: last,
      costMs: cost,
      now: performance.now(),
    });
    if (!preview || !due) return;
    busy = true;
    last = performance.now();
    const asked = performance.now();
    void engine.sample(previewRequest()).then(() => {
      previews++;
      cost = performance.now() - asked; // sampling + quality figures, as the worker spends it
      previewMs += cost;
      busy = false;
    });
  });
  const seconds = (performance.now() - t0) / 1000;
  // CPU time of this process (less sensitive than wall time to other processes on shared cores).
  const cpu = process.cpuUsage(cpu0);
  const cpuPerStep = (cpu.user + cpu.system) / 1000 / steps;
  await engine.dispose();
  return { sps: steps / seconds, cpuPerStep, previews, previewMs };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const off: number[] = [];
const on: number[] = [];
const cpuOff: number[] = [];
const cpuOn: number[] = [];
let shots = 0;
let shotMs = 0;
await run(false); // warm-up: wasm start, JIT
for (let i = 0; i < rounds; i++) {
  const a = await run(false);
  off.push(a.sps);
  cpuOff.push(a.cpuPerStep);
  const r = await run(true);
  on.push(r.sps);
  cpuOn.push(r.cpuPerStep);
  shots += r.previews;
  shotMs += r.previewMs;
}
const ratio = median(on) / median(off);
const cpuRatio = median(cpuOn) / median(cpuOff);
console.log(
  `steps/s without preview: ${off.map((v) => v.toFixed(0)).join(", ")} (median ${median(off).toFixed(0)})`,
);
console.log(
  `steps/s with preview:    ${on.map((v) => v.toFixed(0)).join(", ")} (median ${median(on).toFixed(0)})`,
);
console.log(
  `previews drawn: ${shots}, worker time per preview (sampling + quality) ${(shotMs / Math.max(1, shots)).toFixed(1)} ms`,
);
console.log(
  `slowdown: ${((1 - ratio) * 100).toFixed(1)}% (median with / median without = ${ratio.toFixed(3)})`,
);
console.log(
  `CPU ms per training step: without ${cpuOff.map((v) => v.toFixed(2)).join(", ")}; with ${cpuOn.map((v) => v.toFixed(2)).join(", ")}; extra work ${((cpuRatio - 1) * 100).toFixed(1)}% (median ratio ${cpuRatio.toFixed(3)})`,
);

// Times the quality figures of one 1000-point column (the work the worker does per column), against
// the previous Math.hypot energy distance run in the same command. Prints medians; run it alone
// on a quiet machine for figures to quote. Usage: npx tsx scripts/bench-metrics.ts [rounds]
import { tutorialDataset } from "../src/core/data";
import { energyEstimate } from "../src/core/energy";
import { quality, Reference } from "../src/core/metrics";
import { sampleMixture } from "../src/core/mixture";
import { Rng } from "../src/core/random";

const rounds = Number(process.argv[2] ?? 15);
const ds = tutorialDataset();
const t0 = performance.now();
const ref = new Reference(ds.mixture, ds.points);
const refMs = performance.now() - t0;
const samples = sampleMixture(ds.mixture, 1000, new Rng(1, 40));

/** The energy distance as it was computed before (Math.hypot, no standard error). */
function hypotEnergy(a: Float64Array, b: Float64Array, selfB: number): number {
  const na = a.length / 2;
  const nb = b.length / 2;
  let cross = 0;
  for (let i = 0; i < na; i++)
    for (let j = 0; j < nb; j++) cross += Math.hypot(a[2 * i] - b[2 * j], a[2 * i + 1] - b[2 * j + 1]);
  let self = 0;
  for (let i = 0; i < na; i++)
    for (let j = i + 1; j < na; j++) self += Math.hypot(a[2 * i] - a[2 * j], a[2 * i + 1] - a[2 * j + 1]);
  return (2 * cross) / (na * nb) - (2 * self) / (na * (na - 1)) - selfB;
}

function median(f: () => unknown): number {
  const times: number[] = [];
  f(); // warm-up
  for (let r = 0; r < rounds; r++) {
    const s = performance.now();
    f();
    times.push(performance.now() - s);
  }
  times.sort((x, y) => x - y);
  return times[Math.floor(times.length / 2)];
}

const old = median(() => hypotEnergy(samples, ref.points, ref.selfTerm));
const ed = median(() => energyEstimate(samples, ref.points, ref.stats));
const all = median(() => quality(samples, ref));
const check = Math.abs(hypotEnergy(samples, ref.points, ref.selfTerm) - quality(samples, ref).energyDistance);
console.log(
  `quality figures, 1000 points vs a ${ref.points.length / 2}-point reference, medians of ${rounds} rounds:`,
);
console.log(`  energy distance, Math.hypot (before):     ${old.toFixed(1)} ms`);
console.log(
  `  energy distance + SE, Math.sqrt (now):    ${ed.toFixed(1)} ms  (${(old / ed).toFixed(1)}x faster)`,
);
console.log(`  all quality figures (now):                ${all.toFixed(1)} ms  (goal <= 15 ms)`);
console.log(`  reference sample stats (once per page):   ${refMs.toFixed(1)} ms`);
console.log(`  |ED before - ED now| = ${check.toExponential(1)} (same estimate)`);

// Per data set: default training (DEFAULT_TRAIN steps, DEFAULT_NETWORK) in the Node engine (tfjs
// wasm, the worker's backend), its time, and the energy distance of DDIM-50 and DDPM-500 samples of
// the trained network against the perfect network's (exact oracle or empirical optimum). With
// --curve, also the training time until DDIM-50 samples come within 2x of their settled energy
// distance (ring and moons). The machine may be shared: times are noisy, ratios less so.
//   npx tsx scripts/measure-data.ts [--curve] [--only ring,moons]
import { DEFAULT_NETWORK, DEFAULT_PROBLEM, DEFAULT_SAMPLER, DEFAULT_TRAIN } from "../src/core/config";
import { type DataSource, PRESET_NAMES, PRESETS, resolveData } from "../src/core/datasets";
import type { SampleRequest } from "../src/engine/api";
import { createEngine } from "../src/engine/engine";

const args = process.argv.slice(2);
const curve = args.includes("--curve");
const only = args.includes("--only") ? args[args.indexOf("--only") + 1].split(",") : null;
const N = 1000;
const SEEDS = [1, 2, 3];

const ddim50: SampleRequest["sampler"] = { ...DEFAULT_SAMPLER, steps: 50, eta: 0 };
const ddpm500: SampleRequest["sampler"] = { ...DEFAULT_SAMPLER, sampler: "ddpm", steps: 500, eta: 1 };

async function energy(
  engine: ReturnType<typeof createEngine>,
  model: SampleRequest["model"],
  sampler: SampleRequest["sampler"],
) {
  const eds: number[] = [];
  for (const seed of SEEDS)
    eds.push((await engine.sample({ sampler, model, n: N, seed })).quality.energyDistance);
  return eds.reduce((a, b) => a + b, 0) / eds.length;
}

const sources: [string, DataSource][] = [
  ["course", { kind: "tutorial" }],
  ...PRESET_NAMES.map((name): [string, DataSource] => [
    name,
    { kind: "preset", name, n: PRESETS[name].defaultN, seed: 0 },
  ]),
];

for (const [name, source] of sources) {
  if (only && !only.includes(name)) continue;
  const lab = resolveData(source);
  const engine = createEngine({ chunkSteps: 100 });
  await engine.init({
    problem: DEFAULT_PROBLEM,
    network: DEFAULT_NETWORK,
    train: DEFAULT_TRAIN,
    data: { points: lab.points, mixture: lab.mixture, label: lab.label },
  });
  const perfect = lab.mixture ? "oracle" : "empirical";
  if (!curve) {
    const t0 = performance.now();
    await engine.train(DEFAULT_TRAIN.steps, () => {});
    const trainS = (performance.now() - t0) / 1000;
    const row = {
      data: name,
      n: lab.points.length / 2,
      steps: DEFAULT_TRAIN.steps,
      trainS: trainS.toFixed(1),
      perfect,
      ddim50Net: (await energy(engine, "network", ddim50)).toFixed(4),
      ddim50Perfect: (await energy(engine, "oracle", ddim50)).toFixed(4),
      ddpm500Net: (await energy(engine, "network", ddpm500)).toFixed(4),
      ddpm500Perfect: (await energy(engine, "oracle", ddpm500)).toFixed(4),
    };
    console.log(JSON.stringify(row));
  } else {
    // Training time (sampling excluded) after each 100-step chunk, and the DDIM-50 energy distance
    // then, as its excess over the perfect network's on the same x_T: the reference is the data
    // itself (400 points), whose own noise shifts every estimate alike, so only differences count.
    const perfectEd = (await engine.sample({ sampler: ddim50, model: "oracle", n: N, seed: 1 })).quality
      .energyDistance;
    const untrained = (await engine.sample({ sampler: ddim50, model: "network", n: N, seed: 1 })).quality
      .energyDistance;
    const points: { step: number; trainS: number; ed: number }[] = [
      { step: 0, trainS: 0, ed: untrained - perfectEd },
    ];
    let trainMs = 0;
    for (let step = 100; step <= DEFAULT_TRAIN.steps; step += 100) {
      const t0 = performance.now();
      await engine.train(100, () => {});
      trainMs += performance.now() - t0;
      const ed = (await engine.sample({ sampler: ddim50, model: "network", n: N, seed: 1 })).quality
        .energyDistance;
      points.push({ step, trainS: trainMs / 1000, ed });
    }
    const last = points.slice(-3).map((p) => p.ed);
    const settled = last.reduce((a, b) => a + b, 0) / last.length;
    const hit = points.find((p) => p.ed <= 2 * settled);
    console.log(
      JSON.stringify({
        data: name,
        perfectEd: perfectEd.toFixed(4),
        untrainedEd: untrained.toFixed(4),
        settledExcess: settled.toFixed(4),
        within2x: hit ? { step: hit.step, trainS: hit.trainS.toFixed(1), ed: hit.ed.toFixed(4) } : null,
        curve: points.map((p) => `${p.step}:${p.ed.toFixed(3)}`).join(" "),
      }),
    );
  }
  await engine.dispose();
}

// Quality of a training recipe as the shipped network is judged (docs/training.md, "The shipped
// pretrained network"): DDIM eta=0 S=50 on 1000 points, energy distance of the EMA weights over
// 5 x_T draws against a 10,000-point reference set, every `every` steps. Same trainer, chunks and
// seed streams as `npm run cli -- train`, so a recipe found here is reproduced by the CLI.
// Usage: npx tsx scripts/measure-quality.ts <lr> <ema> <batch> <steps> <seed> [width depth every]
//        npx tsx scripts/measure-quality.ts --file public/pretrained/network.json   (scores a saved network)
import { readFileSync } from "node:fs";
import { DEFAULT_NETWORK, DEFAULT_PROBLEM, DEFAULT_SAMPLER } from "../src/core/config";
import { tutorialDataset } from "../src/core/data";
import { drawXT, makeProblem, oraclePredictor, runSampler } from "../src/core/experiment";
import { quality, Reference } from "../src/core/metrics";
import { computeLabel, createNetwork, createTrainer, networkFromSaved, setupBackend } from "../src/model";

async function main() {
  const args = process.argv.slice(2);
  const [lr, ema, batch, steps, seed, width, depth, every] = args.map(Number);
  await setupBackend("wasm");
  const dataset = tutorialDataset();
  const problem = makeProblem(dataset, DEFAULT_PROBLEM);
  const ref = new Reference(dataset.mixture, dataset.points, 10_000, 777);
  // DRAWS=n scores n x_T draws (seeds 0..n-1) instead of 5.
  const X_T_SEEDS = Array.from({ length: Number(process.env.DRAWS) || 5 }, (_, i) => i);
  const edOf = (predict: ReturnType<typeof oraclePredictor>) =>
    X_T_SEEDS.map(
      (s) =>
        quality(runSampler(problem, predict, DEFAULT_SAMPLER, drawXT(1000, s), s).raw, ref).energyDistance,
    );
  const summary = (eds: number[]) => {
    const sorted = [...eds].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    const mean = eds.reduce((a, b) => a + b, 0) / eds.length;
    return {
      median: +median.toFixed(4),
      mean: +mean.toFixed(4),
      worst: +sorted[sorted.length - 1].toFixed(4),
      eds: eds.map((v) => +v.toFixed(4)),
    };
  };
  // The perfect network on the same draws: the floor the estimator's noise puts under any network.
  console.log(
    JSON.stringify({
      recipe: "perfect network (oracle)",
      ...summary(edOf(oraclePredictor(problem, "oracle"))),
    }),
  );
  if (args[0] === "--file") {
    const loaded = networkFromSaved(JSON.parse(readFileSync(args[1], "utf8")));
    if (!loaded.ok) throw new Error(loaded.error);
    const n = loaded.value;
    console.log(
      JSON.stringify({
        file: args[1],
        step: n.trainSteps,
        train: n.trainSettings,
        ...summary(edOf(n.predictor())),
      }),
    );
    n.dispose();
    return;
  }
  const config = { ...DEFAULT_NETWORK, width: width || 128, depth: depth || 3 };
  const net = createNetwork(problem, config, seed);
  const tr = createTrainer(net, problem, { lr, batch, emaDecay: ema });
  const at = every || 1000;
  const t0 = performance.now();
  while (net.trainSteps < steps) {
    tr.runChunk(Math.min(250, steps - net.trainSteps));
    if (net.trainSteps % at !== 0 && net.trainSteps !== steps) continue;
    console.log(
      JSON.stringify({
        compute: computeLabel(),
        recipe: `${config.depth}x${config.width} lr${lr} ema${ema} B${batch} seed${seed}`,
        step: net.trainSteps,
        ...summary(edOf(net.predictor())),
        wallS: +((performance.now() - t0) / 1000).toFixed(1),
      }),
    );
  }
  tr.dispose();
  net.dispose();
}

main();

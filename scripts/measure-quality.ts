// Quality of a training recipe as the shipped network is judged (docs/training.md, "The shipped
// pretrained network"): DDIM eta=0 S=50 on 1000 points, energy distance of the EMA weights over
// 5 x_T draws against a 10,000-point reference set, every `every` steps. Same trainer, chunks and
// seed streams as `npm run cli -- train`, so a recipe found here is reproduced by the CLI.
// Usage: npx tsx scripts/measure-quality.ts <lr> <ema> <batch> <steps> <seed> [width depth every]
import { DEFAULT_NETWORK, DEFAULT_PROBLEM, DEFAULT_SAMPLER } from "../src/core/config";
import { tutorialDataset } from "../src/core/data";
import { drawXT, makeProblem, oraclePredictor, runSampler } from "../src/core/experiment";
import { quality, Reference } from "../src/core/metrics";
import { computeLabel, createNetwork, createTrainer, setupBackend } from "../src/model";

async function main() {
  const [lr, ema, batch, steps, seed, width, depth, every] = process.argv.slice(2).map(Number);
  await setupBackend("wasm");
  const dataset = tutorialDataset();
  const problem = makeProblem(dataset, DEFAULT_PROBLEM);
  const ref = new Reference(dataset.mixture, dataset.points, 10_000, 777);
  const X_T_SEEDS = [0, 1, 2, 3, 4];
  const edOf = (predict: ReturnType<typeof oraclePredictor>) =>
    X_T_SEEDS.map(
      (s) =>
        quality(runSampler(problem, predict, DEFAULT_SAMPLER, drawXT(1000, s), s).raw, ref).energyDistance,
    );
  const summary = (eds: number[]) => {
    const sorted = [...eds].sort((a, b) => a - b);
    return {
      median: +sorted[2].toFixed(4),
      worst: +sorted[4].toFixed(4),
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

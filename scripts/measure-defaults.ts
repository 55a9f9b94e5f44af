// Quality vs wall time for a few training settings on wasm in Node (docs/training.md). One JSON
// line per evaluation: DDIM eta=0 S=50 energy distance of the EMA weights for 3 x_T draws, and
// of the raw weights for one. Usage: npx tsx scripts/measure-defaults.ts base,lr2 0,1,2
import { DEFAULT_PROBLEM, DEFAULT_SAMPLER, type NetworkConfig } from "../src/core/config";
import { tutorialDataset } from "../src/core/data";
import { drawXT, makeProblem, runSampler } from "../src/core/experiment";
import { quality, Reference } from "../src/core/metrics";
import { createNetwork, createTrainer, setupBackend } from "../src/model";

async function main() {
  const backend = await setupBackend("wasm");
  const dataset = tutorialDataset();
  const problem = makeProblem(dataset, DEFAULT_PROBLEM);
  const ref = new Reference(dataset.mixture, dataset.points);
  interface Run {
    name: string;
    net: NetworkConfig;
    lr: number;
    batch: number;
    steps: number;
    cosine?: boolean;
  }
  const base: NetworkConfig = { width: 128, depth: 3, activation: "silu", embedDim: 32 };
  const all: Record<string, Run> = {
    base: { name: "3x128 lr1e-3 B256", net: base, lr: 1e-3, batch: 256, steps: 3000 },
    small: {
      name: "2x64 lr2e-3 B256",
      net: { ...base, width: 64, depth: 2 },
      lr: 2e-3,
      batch: 256,
      steps: 3000,
    },
    lr2: { name: "3x128 lr2e-3 B256", net: base, lr: 2e-3, batch: 256, steps: 3000 },
    b128: { name: "3x128 lr1e-3 B128", net: base, lr: 1e-3, batch: 128, steps: 3000 },
    cos: { name: "3x128 lr1e-3 cosine->0 B256", net: base, lr: 1e-3, batch: 256, steps: 3000, cosine: true },
    wide: { name: "3x256 lr1e-3 B256", net: { ...base, width: 256 }, lr: 1e-3, batch: 256, steps: 3000 },
    lr3: { name: "3x128 lr3e-3 B256", net: base, lr: 3e-3, batch: 256, steps: 2000 },
    b128lr2: { name: "3x128 lr2e-3 B128", net: base, lr: 2e-3, batch: 128, steps: 2000 },
    small3: {
      name: "2x64 lr3e-3 B256",
      net: { ...base, width: 64, depth: 2 },
      lr: 3e-3,
      batch: 256,
      steps: 2000,
    },
    relu: {
      name: "3x128 relu lr1e-3 B256",
      net: { ...base, activation: "relu" },
      lr: 1e-3,
      batch: 256,
      steps: 3000,
    },
  };
  const names = process.argv[2].split(",");
  const seeds = (process.argv[3] ?? "0,1,2").split(",").map(Number);
  const evalAt = new Set([500, 1000, 1500, 2000, 2500, 3000]);
  for (const key of names) {
    const r = all[key];
    for (const seed of seeds) {
      const net = createNetwork(problem, r.net, seed);
      const tr = createTrainer(
        net,
        problem,
        { lr: r.lr, batch: r.batch, emaDecay: 0.999 },
        r.cosine ? { lrAt: (s) => 0.5 * r.lr * (1 + Math.cos((Math.PI * s) / r.steps)) } : {},
      );
      let trainMs = 0;
      while (net.trainSteps < r.steps) {
        const c = tr.runChunk(100);
        trainMs += c.ms;
        if (evalAt.has(net.trainSteps)) {
          const ed = (useEma: boolean, s: number) =>
            quality(runSampler(problem, net.predictor(useEma), DEFAULT_SAMPLER, drawXT(1000, s), s).raw, ref)
              .energyDistance;
          const ema = [101, 102, 103].map((s) => ed(true, s));
          const raw = ed(false, 101);
          console.log(
            JSON.stringify({
              backend,
              run: r.name,
              seed,
              step: net.trainSteps,
              trainS: +(trainMs / 1000).toFixed(1),
              sps: +((net.trainSteps * 1000) / trainMs).toFixed(0),
              ema: ema.map((v) => +v.toFixed(4)),
              raw: +raw.toFixed(4),
              loss: +(net.lossHistory.slice(-200).reduce((a, b) => a + b, 0) / 200).toFixed(4),
            }),
          );
        }
      }
      tr.dispose();
      net.dispose();
    }
  }
}

main();

// Scores a saved network (default: the shipped one) with core's samplers and quality figures
// against a fresh reference set: DDIM eta=0 S=50 over several x_T seeds, then eta=0 and eta=1 at S=500.
// Usage: npx tsx scripts/check-network.ts [public/pretrained/network.json] [seeds]
import { readFileSync } from "node:fs";
import { DEFAULT_SAMPLER, type SamplerConfig } from "../src/core/config";
import { tutorialDataset } from "../src/core/data";
import { drawXT, makeProblem, runSampler } from "../src/core/experiment";
import { quality, Reference } from "../src/core/metrics";
import { networkFromSaved, setupBackend } from "../src/model";

async function main() {
  const [path = "public/pretrained/network.json", seedsArg = "5"] = process.argv.slice(2);
  await setupBackend("wasm");
  const loaded = networkFromSaved(JSON.parse(readFileSync(path, "utf8")));
  if (!loaded.ok) throw new Error(loaded.error);
  const net = loaded.value;
  const dataset = tutorialDataset();
  const problem = makeProblem(dataset, net.problem);
  const ref = new Reference(dataset.mixture, dataset.points, 5000, 777); // not the training-time reference
  const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  const score = (cfg: SamplerConfig, seeds: number[]) =>
    seeds.map(
      (s) => quality(runSampler(problem, net.predictor(), cfg, drawXT(1000, s), s).raw, ref).energyDistance,
    );
  const many = Array.from({ length: Number(seedsArg) }, (_, i) => 1000 + i);
  const runs: [string, SamplerConfig, number[]][] = [
    ["DDIM eta=0 S=50", DEFAULT_SAMPLER, many],
    ["DDIM eta=0 S=500", { ...DEFAULT_SAMPLER, steps: 500 }, many.slice(0, 3)],
    ["DDIM eta=1 S=500", { ...DEFAULT_SAMPLER, steps: 500, eta: 1 }, many.slice(0, 3)],
  ];
  console.log(
    `${path}: ${net.trainSteps} steps, ${net.config.depth}x${net.config.width} ${net.config.activation}`,
  );
  for (const [name, cfg, seeds] of runs) {
    const eds = score(cfg, seeds);
    console.log(
      `${name}: energy distance median ${median(eds).toFixed(4)} (x_T seeds ${seeds.join(",")}: ${eds.map((v) => v.toFixed(4)).join(", ")})`,
    );
  }
  net.dispose();
}

main();

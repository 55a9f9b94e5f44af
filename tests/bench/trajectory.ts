// Bench: the three headline columns sampled with and without their recorded trajectories (x_t and
// x0_hat at every step, for the animation player), on the shipped pretrained network in Node with
// the same engine the worker runs. Prints per-column medians and the ratio (goal: <= 2x).
//   npx tsx tests/bench/trajectory.ts [--rounds 5]
import { readFileSync } from "node:fs";
import { DEFAULT_SAMPLER, type SamplerConfig } from "../../src/core/config";
import { createEngine } from "../../src/engine/engine";

const rounds = Number(process.argv[process.argv.indexOf("--rounds") + 1]) || 5;
const HEADLINE: [string, Partial<SamplerConfig>][] = [
  ["DDIM eta=0 S=50", { eta: 0, steps: 50 }],
  ["DDIM eta=1 S=500", { eta: 1, steps: 500 }],
  ["DDIM eta=0 S=500", { eta: 0, steps: 500 }],
];
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

async function main(): Promise<void> {
  const engine = createEngine();
  await engine.loadNetwork(JSON.parse(readFileSync("public/pretrained/network.json", "utf8")), "pretrained");
  const time = async (s: Partial<SamplerConfig>, trajectory: boolean) => {
    const t0 = performance.now();
    await engine.sample({
      sampler: { ...DEFAULT_SAMPLER, ...s },
      model: "network",
      n: 1000,
      seed: 0,
      trajectory,
    });
    return performance.now() - t0;
  };
  await time({ steps: 20 }, true); // warm-up
  let plainAll = 0;
  let trajAll = 0;
  console.log(`column               plain ms  trajectory ms  ratio   (medians of ${rounds}, alternated)`);
  for (const [name, s] of HEADLINE) {
    const plain: number[] = [];
    const traj: number[] = [];
    for (let r = 0; r < rounds; r++) {
      plain.push(await time(s, false));
      traj.push(await time(s, true));
    }
    plainAll += median(plain);
    trajAll += median(traj);
    const ratio = median(traj) / median(plain);
    console.log(
      `${name.padEnd(20)} ${median(plain).toFixed(0).padStart(8)}  ${median(traj).toFixed(0).padStart(13)}  ${ratio.toFixed(2)}x`,
    );
  }
  console.log(
    `all three            ${plainAll.toFixed(0).padStart(8)}  ${trajAll.toFixed(0).padStart(13)}  ${(trajAll / plainAll).toFixed(2)}x`,
  );
  await engine.dispose();
}

void main();

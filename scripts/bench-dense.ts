// Training steps/s with the explicit-transpose dense gradient vs tfjs's built-in matMul gradient,
// per backend (docs/backends.md). Rounds alternate the two kinds so machine load hits both alike.
// Usage: npx tsx scripts/bench-dense.ts [wasm|cpu] [batch] [stepsPerRound] [rounds]
import { DEFAULT_NETWORK, DEFAULT_PROBLEM } from "../src/core/config";
import { tutorialDataset } from "../src/core/data";
import { makeProblem } from "../src/core/experiment";
import { createNetwork, createTrainer, type DenseKind, setupBackend } from "../src/model";

async function main() {
  const [name = "wasm", batchArg = "256", stepsArg = "100", roundsArg = "5"] = process.argv.slice(2);
  const backend = await setupBackend(name as "wasm" | "cpu");
  const batch = Number(batchArg);
  const steps = Number(stepsArg);
  const problem = makeProblem(tutorialDataset(), DEFAULT_PROBLEM);
  const kinds: DenseKind[] = ["explicit-transpose", "builtin"];
  const rates: Record<DenseKind, number[]> = { "explicit-transpose": [], builtin: [] };
  const setups = kinds.map((kind) => {
    const net = createNetwork(problem, DEFAULT_NETWORK, 0);
    net.denseKind = kind;
    const trainer = createTrainer(net, problem, { lr: 1e-3, batch, emaDecay: 0.999 });
    trainer.runChunk(Math.max(2, steps / 10)); // warm-up
    return { kind, trainer };
  });
  for (let r = 0; r < Number(roundsArg); r++) {
    for (const { kind, trainer } of setups) rates[kind].push(trainer.runChunk(steps).stepsPerSecond);
  }
  const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  for (const kind of kinds) {
    console.log(
      `${backend} batch ${batch} ${kind}: median ${median(rates[kind]).toFixed(1)} steps/s (rounds: ${rates[kind].map((v) => v.toFixed(0)).join(", ")})`,
    );
  }
}

main();

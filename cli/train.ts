// `cli train`: trains the eps network on the tutorial dataset and writes DIR/network.json.
// Deterministic given --seed and --backend. Bad flags and unusable output locations: one line,
// exit 2, before any training.
import { DEFAULT_NETWORK, DEFAULT_PROBLEM, DEFAULT_TRAIN, type NetworkConfig } from "../src/core/config";
import { dataFingerprint } from "../src/core/datasets/fingerprint";
import { makeProblem } from "../src/core/experiment";
import { createNetwork, createTrainer, saveNetwork, setupBackend } from "../src/model";
import { oneLine, parseFlags, UsageError } from "./args";
import { resolveData } from "./data";
import { TRAIN_FLAGS } from "./flags";
import { prepareOutputDir, writeOutput } from "./output";

/** Steps per chunk: the loss is read back and progress printed once per chunk. */
const DEFAULT_CHUNK = 250;

export async function trainCommand(args: string[]): Promise<number> {
  try {
    return await train(args);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`error: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`error: ${oneLine(err instanceof Error ? err.message : String(err))}\n`);
    return 1;
  }
}

async function train(args: string[]): Promise<number> {
  const f = parseFlags(args, TRAIN_FLAGS);
  if (f.out === undefined)
    throw new UsageError("--out DIR is required (the network is written to DIR/network.json)");
  const backendName = f.backend ?? DEFAULT_TRAIN.backend;
  const network: NetworkConfig = {
    width: f.width ?? DEFAULT_NETWORK.width,
    depth: f.depth ?? DEFAULT_NETWORK.depth,
    activation: f.activation ?? DEFAULT_NETWORK.activation,
    embedDim: f.embed ?? DEFAULT_NETWORK.embedDim,
  };
  const problemCfg = {
    T: f.T ?? DEFAULT_PROBLEM.T,
    schedule: f.schedule ?? DEFAULT_PROBLEM.schedule,
    units: f.units ?? DEFAULT_PROBLEM.units,
  };
  const steps = f.steps ?? DEFAULT_TRAIN.steps;
  const seed = f.seed ?? DEFAULT_TRAIN.seed;
  const lr = f.lr ?? DEFAULT_TRAIN.lr;
  const batch = f.batch ?? DEFAULT_TRAIN.batch;
  const emaDecay = f.ema ?? DEFAULT_TRAIN.emaDecay;
  const chunk = f.chunk ?? DEFAULT_CHUNK;
  const data = resolveData(f.data);
  // Before any training: a run must not end in "cannot write".
  const path = prepareOutputDir(f.out, "network.json", "out");

  const backend = await setupBackend(backendName);
  if (backend !== backendName)
    process.stderr.write(`warning: backend ${backendName} failed to start; using ${backend}\n`);
  const problem = makeProblem(data.dataset, problemCfg);
  const net = createNetwork(problem, network, seed);
  net.trainSettings = { lr, batch, emaDecay, backend };
  const trainer = createTrainer(net, problem, { lr, batch, emaDecay });
  try {
    process.stderr.write(
      `training ${network.depth}x${network.width} ${network.activation} (${net.paramCount} parameters) on ${backend}, data ${f.data ?? "tutorial"}: ` +
        `${steps} steps, batch ${batch}, lr ${lr}, EMA ${emaDecay}, seed ${seed}\n`,
    );
    let ms = 0;
    let code = 0;
    while (net.trainSteps < steps) {
      const r = trainer.runChunk(Math.min(chunk, steps - net.trainSteps));
      ms += r.ms;
      if (r.diverged) {
        trainer.restore();
        process.stderr.write(`error: ${r.message}; saving the last good weights (step ${net.trainSteps})\n`);
        code = 1;
        break;
      }
      const mean = r.losses.reduce((a, b) => a + b, 0) / r.losses.length;
      process.stderr.write(
        `step ${net.trainSteps}/${steps}  loss ${mean.toFixed(4)}  ${r.stepsPerSecond.toFixed(0)} steps/s\n`,
      );
    }
    // dataFingerprint: the dashboard's check that a network belongs to the data it samples for.
    const saved = { ...saveNetwork(net), dataFingerprint: dataFingerprint(data.dataset.points) };
    writeOutput(path, JSON.stringify(saved));
    process.stderr.write(
      `wrote ${path} (${net.trainSteps} steps in ${(ms / 1000).toFixed(1)} s, ${((net.trainSteps * 1000) / Math.max(ms, 1)).toFixed(0)} steps/s)\n`,
    );
    return code;
  } finally {
    trainer.dispose();
    net.dispose();
  }
}

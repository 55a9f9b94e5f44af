// `cli train`: trains the eps network on the tutorial dataset and writes DIR/network.json
// (issue 3 item 6). Deterministic given --seed and --backend. Bad flags: one line, exit 2.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { z } from "zod";
import {
  DEFAULT_NETWORK,
  DEFAULT_PROBLEM,
  DEFAULT_TRAIN,
  firstError,
  NetworkSchema,
  ProblemSchema,
  TrainSchema,
} from "../src/core/config";
import { tutorialDataset } from "../src/core/data";
import { makeProblem } from "../src/core/experiment";
import { createNetwork, createTrainer, saveNetwork, setupBackend } from "../src/model";
import { type Flags, numberFlag, parseFlags, stringFlag, UsageError } from "./args";

const FLAGS = [
  "steps",
  "seed",
  "backend",
  "width",
  "depth",
  "activation",
  "embed",
  "lr",
  "batch",
  "ema",
  "T",
  "schedule",
  "units",
  "chunk",
  "out",
] as const;

/** Steps per chunk: the loss is read back and progress printed once per chunk. */
const DEFAULT_CHUNK = 250;

/** Validates one flag with one field of a core schema; the message names the flag. */
function field<S extends z.ZodObject>(
  schema: S,
  key: keyof S["shape"] & string,
  flag: string,
  value: unknown,
) {
  const r = (schema.shape[key] as z.ZodType).safeParse(value);
  if (!r.success) throw new UsageError(`--${flag}: ${firstError(r.error)}`);
  return r.data as never;
}

function num(flags: Flags, flag: string, fallback: number): number {
  return numberFlag(flags, flag, fallback);
}

export async function trainCommand(args: string[]): Promise<number> {
  try {
    return await train(args);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`error: ${err.message}\n`);
      return 2;
    }
    const msg = err instanceof Error ? err.message : String(err);
    process.stderr.write(`error: ${msg.split("\n")[0]}\n`);
    return 1;
  }
}

async function train(args: string[]): Promise<number> {
  const flags = parseFlags(args, FLAGS);
  const out = flags.get("out");
  if (!out) throw new UsageError("--out DIR is required (the network is written to DIR/network.json)");
  const backendName = stringFlag(flags, "backend", DEFAULT_TRAIN.backend);
  if (backendName !== "wasm" && backendName !== "cpu")
    throw new UsageError("--backend must be one of wasm, cpu");
  const network = {
    width: field(NetworkSchema, "width", "width", num(flags, "width", DEFAULT_NETWORK.width)),
    depth: field(NetworkSchema, "depth", "depth", num(flags, "depth", DEFAULT_NETWORK.depth)),
    activation: field(
      NetworkSchema,
      "activation",
      "activation",
      stringFlag(flags, "activation", DEFAULT_NETWORK.activation),
    ),
    embedDim: field(NetworkSchema, "embedDim", "embed", num(flags, "embed", DEFAULT_NETWORK.embedDim)),
  };
  const problemCfg = {
    T: field(ProblemSchema, "T", "T", num(flags, "T", DEFAULT_PROBLEM.T)),
    schedule: field(
      ProblemSchema,
      "schedule",
      "schedule",
      stringFlag(flags, "schedule", DEFAULT_PROBLEM.schedule),
    ),
    units: field(ProblemSchema, "units", "units", stringFlag(flags, "units", DEFAULT_PROBLEM.units)),
  };
  const steps: number = field(TrainSchema, "steps", "steps", num(flags, "steps", DEFAULT_TRAIN.steps));
  const seed: number = field(TrainSchema, "seed", "seed", num(flags, "seed", DEFAULT_TRAIN.seed));
  const lr: number = field(TrainSchema, "lr", "lr", num(flags, "lr", DEFAULT_TRAIN.lr));
  const batch: number = field(TrainSchema, "batch", "batch", num(flags, "batch", DEFAULT_TRAIN.batch));
  const emaDecay: number = field(TrainSchema, "emaDecay", "ema", num(flags, "ema", DEFAULT_TRAIN.emaDecay));
  const chunk = num(flags, "chunk", DEFAULT_CHUNK);
  if (!Number.isInteger(chunk) || chunk < 1 || chunk > 10_000) {
    throw new UsageError("--chunk must be a whole number from 1 to 10000");
  }
  try {
    mkdirSync(out, { recursive: true });
  } catch {
    throw new UsageError(`--out: cannot create directory "${out}"`);
  }

  const backend = await setupBackend(backendName);
  if (backend !== backendName)
    process.stderr.write(`warning: backend ${backendName} failed to start; using ${backend}\n`);
  const problem = makeProblem(tutorialDataset(), problemCfg);
  const net = createNetwork(problem, network, seed);
  net.trainSettings = { lr, batch, emaDecay, backend };
  const trainer = createTrainer(net, problem, { lr, batch, emaDecay });
  process.stderr.write(
    `training ${network.depth}x${network.width} ${network.activation} (${net.paramCount} parameters) on ${backend}: ` +
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
  const path = join(out, "network.json");
  writeFileSync(path, JSON.stringify(saveNetwork(net)));
  process.stderr.write(
    `wrote ${path} (${net.trainSteps} steps in ${(ms / 1000).toFixed(1)} s, ${((net.trainSteps * 1000) / Math.max(ms, 1)).toFixed(0)} steps/s)\n`,
  );
  trainer.dispose();
  net.dispose();
  return code;
}

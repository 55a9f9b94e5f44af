// `cli sample`: one sampler run with the perfect network or a saved network (issue 2 item 6).
import { writeFileSync } from "node:fs";
import {
  DEFAULT_PROBLEM,
  DEFAULT_SAMPLER,
  N_MAX,
  ProblemSchema,
  parseWith,
  SamplerSchema,
  SEED_MAX,
  stepsError,
} from "../src/core/config";
import { tutorialDataset } from "../src/core/data";
import { drawXT, makeProblem, oraclePredictor, runSampler } from "../src/core/experiment";
import { quality, Reference } from "../src/core/metrics";
import type { NoisePredictor } from "../src/core/types";
import { numberFlag, parseFlags, stringFlag, UsageError } from "./args";
import { parsePoints, readJsonFile, toPairs } from "./files";

const FLAGS = [
  "model",
  "sampler",
  "steps",
  "eta",
  "spacing",
  "variance",
  "T",
  "schedule",
  "units",
  "n",
  "seed",
  "noise",
  "out",
  "backend",
] as const;

function check<T>(
  r: { ok: true; value: T } | { ok: false; error: string },
  flagOf: (msg: string) => string,
): T {
  if (!r.ok) throw new UsageError(`${flagOf(r.error)}: ${r.error}`);
  return r.value;
}

/** Maps a schema message ("eta must be ...") back to the flag it came from. */
function flagOfMessage(msg: string): string {
  const word = msg.split(" ")[0];
  return `--${word}`;
}

export async function sampleCommand(args: string[]): Promise<number> {
  const flags = parseFlags(args, FLAGS);
  const modelName = stringFlag(flags, "model", "oracle");
  const samplerCfg = check(
    parseWith(SamplerSchema, {
      sampler: stringFlag(flags, "sampler", DEFAULT_SAMPLER.sampler),
      steps: numberFlag(flags, "steps", DEFAULT_SAMPLER.steps),
      eta: numberFlag(flags, "eta", DEFAULT_SAMPLER.eta),
      spacing: stringFlag(flags, "spacing", DEFAULT_SAMPLER.spacing),
      variance: stringFlag(flags, "variance", DEFAULT_SAMPLER.variance),
    }),
    flagOfMessage,
  );
  let problemCfg = check(
    parseWith(ProblemSchema, {
      T: numberFlag(flags, "T", DEFAULT_PROBLEM.T),
      schedule: stringFlag(flags, "schedule", DEFAULT_PROBLEM.schedule),
      units: stringFlag(flags, "units", DEFAULT_PROBLEM.units),
    }),
    flagOfMessage,
  );
  const seed = numberFlag(flags, "seed", 0);
  if (!Number.isInteger(seed) || seed < 0 || seed > SEED_MAX) {
    throw new UsageError(`--seed must be a whole number from 0 to ${SEED_MAX}`);
  }

  const dataset = tutorialDataset();
  let predictor: NoisePredictor;
  let release = () => {};
  let modelLabel = modelName;
  if (modelName === "oracle" || modelName === "empirical") {
    predictor = oraclePredictor(makeProblem(dataset, problemCfg), modelName);
  } else {
    // tfjs is loaded only when a saved network is asked for (about 1 s of start-up the oracles skip)
    const { loadSavedNetwork } = await import("./network");
    const net = await loadSavedNetwork(modelName, stringFlag(flags, "backend", "wasm"));
    // A saved network is a complete experiment: its T, schedule and units win; conflicting flags are errors.
    for (const key of ["T", "schedule", "units"] as const) {
      if (flags.has(key) && String(problemCfg[key]) !== String(net.problem[key])) {
        net.dispose();
        throw new UsageError(`--${key}: the network was trained with ${key}=${net.problem[key]}`);
      }
    }
    problemCfg = net.problem;
    predictor = net.predictor;
    release = net.dispose;
    modelLabel = net.label;
  }
  const problem = makeProblem(dataset, problemCfg);
  const stepErr = stepsError(samplerCfg.steps, problemCfg.T);
  if (stepErr) throw new UsageError(`--steps: ${stepErr}`);

  let xT: ArrayLike<number>;
  let n: number;
  if (flags.has("noise")) {
    if (flags.has("n")) throw new UsageError("--n: not allowed with --noise (the noise file fixes n)");
    const noise = parsePoints(readJsonFile(flags.get("noise")!, "noise"), "noise", "the noise file");
    xT = noise;
    n = noise.length / 2;
  } else {
    n = numberFlag(flags, "n", 1000);
    if (!Number.isInteger(n) || n < 1 || n > N_MAX)
      throw new UsageError(`--n must be a whole number from 1 to ${N_MAX}`);
    xT = drawXT(n, seed);
  }

  try {
    const t0 = performance.now();
    const run = runSampler(problem, predictor, samplerCfg, xT, seed);
    const ms = performance.now() - t0;
    const metrics = quality(run.raw, new Reference(dataset.mixture, dataset.points));
    const out = {
      config: { model: modelLabel, ...samplerCfg, ...problemCfg, n, seed, noise: flags.get("noise") ?? null },
      grid: run.grid,
      nfe: run.nfe,
      ms: Math.round(ms * 10) / 10,
      samples: toPairs(run.raw),
      metrics,
    };
    const text = JSON.stringify(out);
    if (flags.has("out")) writeFileSync(flags.get("out")!, `${text}\n`);
    else process.stdout.write(`${text}\n`);
  } finally {
    release();
  }
  return 0;
}

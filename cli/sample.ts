// `cli sample`: one sampler run with the perfect network or a saved network. Every flag, the
// output location and the noise file are checked before any work; non-finite samples are never
// printed as if they were results.
import { DEFAULT_PROBLEM, DEFAULT_SAMPLER, type SamplerConfig, stepsError } from "../src/core/config";
import { drawXT, makeProblem, oraclePredictor, runSampler } from "../src/core/experiment";
import { SAMPLERS } from "../src/core/samplers/registry";
import type { NoisePredictor } from "../src/core/types";
import { parseFlags, UsageError } from "./args";
import { resolveData } from "./data";
import { qualityFigures } from "./figures";
import { NOISE_MAX, readPointsFile, toPairs } from "./files";
import { SAMPLE_FLAGS } from "./flags";
import { checkOutputFile, writeOutput } from "./output";

export async function sampleCommand(args: string[]): Promise<number> {
  const f = parseFlags(args, SAMPLE_FLAGS);
  if (f.noise !== undefined && f.n !== undefined)
    throw new UsageError("--n: not allowed with --noise (the noise file fixes n)");
  const outPath = f.out === undefined ? null : checkOutputFile(f.out, "out");
  const modelName = f.model ?? "oracle";
  const seed = f.seed ?? 0;
  const noise =
    f.noise === undefined ? null : readPointsFile(f.noise, "noise", "the noise file", { max: NOISE_MAX });

  const data = resolveData(f.data);
  const dataset = data.dataset;
  const dataName = f.data ?? "tutorial";
  let problemCfg = {
    T: f.T ?? DEFAULT_PROBLEM.T,
    schedule: f.schedule ?? DEFAULT_PROBLEM.schedule,
    units: f.units ?? DEFAULT_PROBLEM.units,
  };
  let predictor: NoisePredictor;
  let release = () => {};
  let modelLabel = modelName;
  if (modelName === "oracle" && !data.hasDensity) {
    throw new UsageError(
      `--model: the perfect network needs a known density, which ${dataName} does not have; use --model empirical (the memorising optimum) or a network trained with --data ${dataName}`,
    );
  }
  if (modelName === "oracle" || modelName === "empirical") {
    predictor = oraclePredictor(makeProblem(dataset, problemCfg), modelName);
  } else {
    // tfjs is loaded only when a saved network is asked for (about 1 s of start-up the oracles skip)
    const { loadSavedNetwork } = await import("./network");
    const net = await loadSavedNetwork(modelName, f.backend ?? "wasm", dataset);
    // A network belongs to its data: sampling for other data would show a different set's shape.
    if (net.dataset !== dataset.name) {
      net.dispose();
      throw new UsageError(
        `--model: the network was trained on the data set "${net.dataset}", not on ${dataName}; train one with: cli train --data ${dataName} --out DIR`,
      );
    }
    // A saved network is a complete experiment: its T, schedule and units win; conflicting flags are errors.
    for (const key of ["T", "schedule", "units"] as const) {
      if (f[key] !== undefined && String(problemCfg[key]) !== String(net.problem[key])) {
        net.dispose();
        throw new UsageError(`--${key}: the network was trained with ${key}=${net.problem[key]}`);
      }
    }
    problemCfg = net.problem;
    predictor = net.predictor;
    release = net.dispose;
    modelLabel = net.label;
  }
  try {
    const sampler = f.sampler ?? DEFAULT_SAMPLER.sampler;
    const samplerCfg: SamplerConfig = {
      sampler,
      steps: f.steps ?? SAMPLERS[sampler].defaultSteps(problemCfg.T),
      eta: f.eta ?? DEFAULT_SAMPLER.eta,
      spacing: f.spacing ?? DEFAULT_SAMPLER.spacing,
      variance: f.variance ?? DEFAULT_SAMPLER.variance,
    };
    const stepErr = stepsError(samplerCfg.steps, problemCfg.T);
    if (stepErr) throw new UsageError(`--steps: ${stepErr}`);
    const problem = makeProblem(dataset, problemCfg);
    const n = noise ? noise.length / 2 : (f.n ?? 1000);
    const xT = noise ?? drawXT(n, seed);

    const t0 = performance.now();
    const run = runSampler(problem, predictor, samplerCfg, xT, seed);
    const ms = performance.now() - t0;
    let bad = 0;
    for (let i = 0; i < run.raw.length; i += 2)
      if (!Number.isFinite(run.raw[i]) || !Number.isFinite(run.raw[i + 1])) bad++;
    if (bad > 0) {
      throw new Error(
        `the run produced ${bad} of ${n} samples with non-finite coordinates (the network or noise is out of range); nothing was written`,
      );
    }
    const metrics = qualityFigures(run.raw, data);
    const out = {
      config: {
        model: modelLabel,
        data: dataName,
        ...samplerCfg,
        ...problemCfg,
        n,
        seed,
        noise: f.noise ?? null,
      },
      grid: run.grid,
      nfe: run.nfe,
      ms: Math.round(ms * 10) / 10,
      samples: toPairs(run.raw),
      metrics,
    };
    const text = `${JSON.stringify(out)}\n`;
    if (outPath) writeOutput(outPath, text);
    else process.stdout.write(text);
  } finally {
    release();
  }
  return 0;
}

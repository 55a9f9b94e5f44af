// The bench figures measured in Chromium through the real worker client (used by the test page):
// the app's worker (the kernel on wasm), or with plan.kernel false a worker on plain tfjs; and the
// time to quality on the app's worker.
import { createEngineClient } from "../../src/engine/client";
import {
  BENCH_SETTINGS,
  ENGINE_PATH_REQUEST,
  type EnginePathTimes,
  pretrained,
  timeDirectWorker,
  timeRuns,
} from "../browser/engine-path-request";
import { type BenchFigures, type BenchPlan, measure } from "./measure";
import { type QualityPlan, type QualityRun, runTimeToQuality } from "./quality-run";

const tfjsWorker = () => new Worker(new URL("./tfjs-worker.ts", import.meta.url), { type: "module" });

export async function runBrowserBench(plan: BenchPlan): Promise<BenchFigures> {
  const client = createEngineClient({
    backend: plan.backend,
    limits: { compute: 600_000 },
    ...(plan.kernel === false ? { createWorker: tfjsWorker } : {}),
  });
  try {
    return await measure(client, plan);
  } finally {
    client.dispose();
  }
}

/**
 * Time to quality (tests/bench/quality-run.ts) for each plan, on the app's worker client; with the
 * host's window.hostWorkerCpu (tests/browser/worker-cpu.ts), the workers' CPU time as well.
 */
export async function runBrowserTimeToQuality(plans: QualityPlan[]): Promise<QualityRun[]> {
  const client = createEngineClient({ limits: { compute: 600_000 } });
  const host = (window as { hostWorkerCpu?: () => Promise<Record<string, number>> }).hostWorkerCpu;
  const cpu = host && (() => host());
  try {
    const runs: QualityRun[] = [];
    for (const plan of plans) runs.push(await runTimeToQuality(client, plan, cpu));
    return runs;
  } finally {
    client.dispose();
  }
}

const tfjsDirectWorker = () =>
  new Worker(new URL("./tfjs-direct-worker.ts", import.meta.url), { type: "module" });

/**
 * The engine-path bench (tests/bench/engine-path.ts --tfjs) on plain tfjs: DDIM-500 `runs` times
 * through the real client on workers with the kernel off, or (direct) in a worker that calls the
 * engine itself.
 */
export async function runEnginePathTfjs(
  runs: number,
  trainSteps: number,
  direct: boolean,
  opts: { fresh?: boolean; poolSize?: number } = {},
): Promise<EnginePathTimes> {
  const saved = await pretrained();
  if (direct) return timeDirectWorker(tfjsDirectWorker(), saved, trainSteps, runs);
  const client = createEngineClient({
    limits: { compute: 600_000 },
    createWorker: tfjsWorker,
    ...(opts.poolSize ? { poolSize: opts.poolSize } : {}),
  });
  try {
    // fresh: as `npm run bench` does (a new default network trained here first).
    if (opts.fresh) await client.init(BENCH_SETTINGS);
    else await client.loadNetwork(saved, "pretrained");
    if (trainSteps > 0) await client.train(trainSteps, () => {});
    return await timeRuns(runs, async () => (await client.sample(ENGINE_PATH_REQUEST)).ms);
  } finally {
    client.dispose();
  }
}

/**
 * engine-path.ts --tfjs --ab: a long-lived tfjs client (one worker; trained `trainSteps` first)
 * against a new client made for each round (the long-lived one's network, one warm-up DDIM-50),
 * one timed DDIM-500 on each per round, so the machine's load hits both alike and a slowdown of
 * the long-lived worker shows against a worker that has run almost nothing.
 */
export async function runEnginePathTfjsAB(
  rounds: number,
  trainSteps: number,
  fresh: boolean,
): Promise<{ old: EnginePathTimes; young: EnginePathTimes }> {
  const make = () =>
    createEngineClient({ limits: { compute: 600_000 }, createWorker: tfjsWorker, poolSize: 1 });
  const old = make();
  const warm = { ...ENGINE_PATH_REQUEST, sampler: { ...ENGINE_PATH_REQUEST.sampler, steps: 50 } };
  try {
    if (fresh) await old.init(BENCH_SETTINGS);
    else await old.loadNetwork(await pretrained(), "pretrained");
    if (trainSteps > 0) await old.train(trainSteps, () => {});
    const saved = await old.saveNetwork();
    const out = { old: { wall: [], worker: [], cpu: [] }, young: { wall: [], worker: [], cpu: [] } } as {
      old: EnginePathTimes;
      young: EnginePathTimes;
    };
    const push = (to: EnginePathTimes, t: EnginePathTimes) => {
      to.wall.push(...t.wall);
      to.worker.push(...t.worker);
      to.cpu.push(...t.cpu);
    };
    for (let r = 0; r < rounds; r++) {
      push(out.old, await timeRuns(1, async () => (await old.sample(ENGINE_PATH_REQUEST)).ms));
      const young = make();
      try {
        await young.loadNetwork(saved, "user");
        await young.sample(warm);
        push(out.young, await timeRuns(1, async () => (await young.sample(ENGINE_PATH_REQUEST)).ms));
      } finally {
        young.dispose();
      }
    }
    return out;
  } finally {
    old.dispose();
  }
}
// The test page (tests/browser/worker-page.ts) imports this module: the bench reaches the tfjs
// engine path as window.ddimBench.
(globalThis as { ddimBench?: Record<string, unknown> }).ddimBench = {
  enginePathTfjs: runEnginePathTfjs,
  enginePathTfjsAB: runEnginePathTfjsAB,
};

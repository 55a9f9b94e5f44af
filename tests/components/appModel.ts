// The stand-in model layer the component tests give the REAL engine (src/engine/engine.ts): the
// engine's training loop, request checks, pause/resume/stop and load ordering all run as in the
// worker, while the "network" is the perfect predictor (docs/math.md, "The perfect network") and a
// training step is a deterministic loss value, so tests are fast and exact. Learning rates >= 1
// diverge after one good chunk, >= 8 before any, as a real network does at such rates.
import { DEFAULT_PROBLEM, type NetworkConfig, type ProblemConfig } from "../../src/core/config";
import { makeProblem, oraclePredictor } from "../../src/core/experiment";
import type { SavedNetwork } from "../../src/engine/api";
import type { EngineNetwork, ModelLayer, TrainKnobs } from "../../src/engine/network";

export const STAND_IN_NETWORK = {
  format: "ddim-lab-network",
  version: 1,
  config: { width: 128, depth: 3, activation: "silu", embedDim: 32 } as NetworkConfig,
  problem: DEFAULT_PROBLEM as ProblemConfig,
  trainSteps: 2000,
  lossHistory: Array.from({ length: 2000 }, (_, i) => 1 / (1 + i / 200)),
};
type Saved = typeof STAND_IN_NETWORK;

/** Loss of step i of a healthy run: falls like 1/(1 + i/200). */
const lossAt = (i: number) => 1 / (1 + i / 200);

export interface StandInModel extends ModelLayer {
  /** Chunks run so far by every network of this model (tests wait on it). */
  chunks: number;
}

export function standInModel(): StandInModel {
  const layer: StandInModel = {
    chunks: 0,
    async setupBackend(name) {
      return name === "webgl" ? "cpu" : name;
    },
    numTensors: () => 0,
    createNetwork(settings, problem) {
      return network(
        {
          ...STAND_IN_NETWORK,
          config: settings.network,
          problem: settings.problem,
          trainSteps: 0,
          lossHistory: [],
        },
        settings.train,
        problem,
      );
    },
    networkFromSaved(saved, dataset, knobs) {
      const v = saved as Saved | null;
      if (
        typeof v !== "object" ||
        v === null ||
        v.format !== "ddim-lab-network" ||
        !Array.isArray(v.lossHistory)
      )
        throw new Error("the network file is not valid: format must be ddim-lab-network");
      if (!Number.isSafeInteger(v.trainSteps) || v.trainSteps < 0)
        throw new Error("the network file is not valid: trainSteps must be a whole number");
      return network(structuredClone(v), knobs, makeProblem(dataset, v.problem));
    },
  };

  function network(state: Saved, knobs0: TrainKnobs, problem: ReturnType<typeof makeProblem>): EngineNetwork {
    let knobs = knobs0;
    return {
      config: state.config,
      problem: state.problem,
      setKnobs: (k) => {
        knobs = k;
      },
      runChunk(steps) {
        layer.chunks++;
        const at = state.trainSteps;
        // A diverged chunk changes nothing here (the real trainer restores its checkpoint instead).
        if (knobs.lr >= 8 || (knobs.lr >= 1 && at >= 50))
          return { losses: new Float32Array(steps).fill(Number.NaN), diverged: true };
        const losses = Float32Array.from({ length: steps }, (_, i) => lossAt(at + i));
        state.trainSteps += steps;
        state.lossHistory.push(...losses);
        return { losses, diverged: false };
      },
      restore() {},
      trainSteps: () => state.trainSteps,
      lossHistory: () => Float32Array.from(state.lossHistory),
      predictor: () => oraclePredictor(problem, "oracle"),
      // The stand-in's own small file shape; only this model reads it back (networkFromSaved above).
      save: () => structuredClone(state) as unknown as SavedNetwork,
      dispose() {},
    };
  }
  return layer;
}

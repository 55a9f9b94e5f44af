// Loading a saved network for the CLI: "pretrained" is the shipped public/pretrained/network.json.
import { fileURLToPath } from "node:url";
import type { ProblemConfig } from "../src/core/config";
import type { Dataset } from "../src/core/data";
import type { NoisePredictor } from "../src/core/types";
import { networkFromSaved, setupBackend } from "../src/model";
import { UsageError } from "./args";
import { readJsonFile } from "./files";

export interface LoadedNetwork {
  problem: ProblemConfig;
  /** The name of the data set it was trained on. */
  dataset: string;
  predictor: NoisePredictor;
  label: string;
  dispose: () => void;
}

const PRETRAINED = fileURLToPath(new URL("../public/pretrained/network.json", import.meta.url));

export async function loadSavedNetwork(
  path: string,
  backend: "wasm" | "cpu",
  data: Dataset,
): Promise<LoadedNetwork> {
  const file = path === "pretrained" ? PRETRAINED : path;
  const json = readJsonFile(file, "model");
  await setupBackend(backend);
  const net = networkFromSaved(json, data);
  if (!net.ok) throw new UsageError(`--model: ${net.error}`);
  return {
    problem: net.value.problem,
    dataset: net.value.dataset,
    predictor: net.value.predictor(),
    label: path === "pretrained" ? "pretrained" : file,
    dispose: () => net.value.dispose(),
  };
}

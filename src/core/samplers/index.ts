// The sampler registry: adding a sampler is one file and one line here.
import type { SamplerKind } from "../types";
import { ddim } from "./ddim";
import { ddpm } from "./ddpm";
import { dpmpp2m } from "./dpmpp2m";
import { euler } from "./euler";
import { heun } from "./heun";
import type { Sampler } from "./types";

export const SAMPLERS: Record<SamplerKind, Sampler> = { ddim, ddpm, euler, heun, dpmpp2m };

export const SAMPLER_LABELS: Record<SamplerKind, string> = {
  ddim: "DDIM",
  ddpm: "DDPM ancestral",
  euler: "Euler (PF-ODE)",
  heun: "Heun (PF-ODE)",
  dpmpp2m: "DPM-Solver++(2M)",
};

export { checkEta } from "./ddim";
export type { Sampler, SamplerInput, SamplerOutput, StepCallback } from "./types";

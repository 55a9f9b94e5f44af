// The samplers' public face: the registry (one entry per sampler) and the shared types.
import { SAMPLERS } from "./registry";

export {
  isStochastic,
  noiseDraws,
  SAMPLER_LIST,
  SAMPLERS,
  type SamplerInfo,
  type SamplerName,
  samplerTitle,
  samplerUsageLines,
} from "./registry";

/** Labels by name (kept for the panels that read only the label; the registry has them too). */
export const SAMPLER_LABELS = Object.fromEntries(
  Object.values(SAMPLERS).map((s) => [s.name, s.label]),
) as Record<keyof typeof SAMPLERS, string>;

export { checkEta } from "./ddim";
export { drawNoise, type NoiseSource, noiseSlice } from "./noise";
export type { Sampler, SamplerInput, SamplerOutput, StepCallback } from "./types";

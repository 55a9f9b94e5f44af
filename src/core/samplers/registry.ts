// The sampler registry: everything the rest of the project needs to know about a sampler, in one
// table. Column controls, column titles, the grid link codec, the CLI usage text and the NFE test
// read it, so adding a sampler is its own file plus one entry here (and its name in
// SAMPLER_KINDS, core/config.ts). The updates themselves: docs/math.md, "Samplers".
import { DEFAULT_SAMPLER, SAMPLER_KINDS, type SamplerConfig } from "../config";
import type { SamplerKind } from "../types";
import { ddim } from "./ddim";
import { ddpm } from "./ddpm";
import { dpmpp2m } from "./dpmpp2m";
import { euler } from "./euler";
import { heun } from "./heun";
import type { Sampler } from "./types";

export type SamplerName = SamplerKind;

export interface SamplerInfo {
  name: SamplerName;
  /** Short human name, e.g. "DDIM". */
  label: string;
  /** Which settings of a column this sampler reads (the others are shown disabled or hidden). */
  params: { eta: boolean; variance: boolean; spacing: boolean };
  /**
   * Whether it draws fresh noise z: "never" (deterministic given x_T), "always", or "eta"
   * (only when eta > 0). Use isStochastic(cfg) for a concrete column.
   */
  stochastic: "never" | "always" | "eta";
  /** Network calls per step, in words (for usage texts and tooltips). */
  callsPerStep: string;
  /** Network calls (NFE) of a run with S steps. */
  nfe: (S: number) => number;
  /** The step count a new column or a CLI run without --steps uses, for a problem with T steps. */
  defaultSteps: (T: number) => number;
  /** The update itself. */
  run: Sampler;
}

const fewSteps = (T: number) => Math.min(DEFAULT_SAMPLER.steps, T);
const fullChain = (T: number) => T;
const oneCall = (S: number) => S;
const all = { eta: false, variance: false, spacing: true };

export const SAMPLERS: Record<SamplerName, SamplerInfo> = {
  ddim: {
    name: "ddim",
    label: "DDIM",
    params: { ...all, eta: true },
    stochastic: "eta",
    callsPerStep: "1",
    nfe: oneCall,
    defaultSteps: fewSteps,
    run: ddim,
  },
  ddpm: {
    name: "ddpm",
    label: "DDPM ancestral",
    params: { ...all, variance: true },
    stochastic: "always",
    callsPerStep: "1",
    nfe: oneCall,
    // The full chain S = T is what "DDPM" means; a shorter grid is a respaced DDPM.
    defaultSteps: fullChain,
    run: ddpm,
  },
  euler: {
    name: "euler",
    label: "Euler (PF-ODE)",
    params: all,
    stochastic: "never",
    callsPerStep: "1",
    nfe: oneCall,
    defaultSteps: fewSteps,
    run: euler,
  },
  heun: {
    name: "heun",
    label: "Heun (PF-ODE)",
    params: all,
    stochastic: "never",
    callsPerStep: "2 (1 on the last step)",
    // No second call on the last step: the network is not defined at clean data.
    nfe: (S) => 2 * S - 1,
    defaultSteps: fewSteps,
    run: heun,
  },
  dpmpp2m: {
    name: "dpmpp2m",
    label: "DPM-Solver++(2M)",
    params: all,
    stochastic: "never",
    callsPerStep: "1",
    nfe: oneCall,
    defaultSteps: fewSteps,
    run: dpmpp2m,
  },
};

/** The registry in the canonical order of SAMPLER_KINDS (for menus and usage texts). */
export const SAMPLER_LIST: readonly SamplerInfo[] = SAMPLER_KINDS.map((k) => SAMPLERS[k]);

/** Whether a run with these settings draws fresh noise (so its output depends on the seed). */
export function isStochastic(cfg: Pick<SamplerConfig, "sampler" | "eta">): boolean {
  const s = SAMPLERS[cfg.sampler].stochastic;
  return s === "always" || (s === "eta" && cfg.eta > 0);
}

/**
 * How many standard normals a run draws from its z stream for n points: 2n per step except the
 * last (which lands on clean data without noise). Lets a coordinator draw the noise up front.
 */
export function noiseDraws(cfg: Pick<SamplerConfig, "sampler" | "eta" | "steps">, n: number): number {
  return isStochastic(cfg) ? 2 * n * (cfg.steps - 1) : 0;
}

/** A column's sampler in words, with the parameters it reads: "DDIM eta=0.5", "DDPM ancestral (large variance)". */
export function samplerTitle(cfg: Pick<SamplerConfig, "sampler" | "eta" | "variance">): string {
  const info = SAMPLERS[cfg.sampler];
  if (info.params.eta) return `${info.label} eta=${cfg.eta}`;
  if (info.params.variance && cfg.variance === "large") return `${info.label} (large variance)`;
  return info.label;
}

/** One line per sampler for usage texts: name, label, parameters, calls per step, default S. */
export function samplerUsageLines(): string[] {
  return SAMPLER_LIST.map((s) => {
    const params = (["eta", "variance"] as const).filter((p) => s.params[p]);
    const extra = params.length ? `; reads --${params.join(", --")}` : "";
    const S = s.defaultSteps === fullChain ? "T (the full chain)" : `${DEFAULT_SAMPLER.steps} (at most T)`;
    return `${s.name.padEnd(8)} ${s.label}: network calls per step ${s.callsPerStep}, default steps ${S}${extra}`;
  });
}

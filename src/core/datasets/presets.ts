// Seeded 2-D data sets besides the course's mixture (docs/math.md, "Data and standardisation").
// Each preset is a pure function of (n, seed): the same knobs give the same points everywhere
// (dashboard, worker, CLI). Presets that are Gaussian mixtures also give their exact mixture, so
// they keep the exact density, the perfect network and the mixture-based quality figures; the
// others (moons, ring, spiral, line) have no closed-form density.
import { sampleMixture } from "../mixture";
import { Rng, STREAM } from "../random";
import type { Mixture2D } from "../types";

export const PRESET_NAMES = ["moons", "ring", "spiral", "unequal", "line"] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export interface PresetInfo {
  label: string;
  /** What a student should look for with this set. */
  lesson: string;
  defaultN: number;
}

export const PRESETS: Readonly<Record<PresetName, PresetInfo>> = {
  moons: {
    label: "two moons",
    lesson: "two thin curved sets: does a sampler keep them apart and thin?",
    defaultN: 400,
  },
  ring: {
    label: "ring",
    lesson: "a hole in the middle that every path from x_T must avoid",
    defaultN: 400,
  },
  spiral: { label: "spiral", lesson: "one long thin curve; few steps blur its arms", defaultN: 500 },
  unequal: {
    label: "unequal mixture (0.8 / 0.15 / 0.05)",
    lesson: "a tiny cluster: does DDIM at small S lose it?",
    defaultN: 400,
  },
  line: {
    label: "line segment",
    lesson: "a set with no width: the degenerate case where a short schedule fails",
    defaultN: 300,
  },
};

/** The course's three components with weights 0.8 / 0.15 / 0.05. */
export const UNEQUAL_MIXTURE: Mixture2D = {
  weights: [0.8, 0.15, 0.05],
  means: [
    [0, 0],
    [6, 6],
    [-4, 5],
  ],
  covs: [
    [
      [1, 0.5],
      [0.5, 1],
    ],
    [
      [1.5, -0.7],
      [-0.7, 1.5],
    ],
    [
      [0.8, 0],
      [0, 2],
    ],
  ],
};

/** The exact population mixture of a preset, or null when it has no closed-form density. */
export function presetMixture(name: PresetName): Mixture2D | null {
  return name === "unequal" ? UNEQUAL_MIXTURE : null;
}

/** n points of a preset in raw units, interleaved, rounded to float32 like the course's file. */
export function presetPoints(name: PresetName, n: number, seed: number): Float32Array {
  const rng = new Rng(seed, STREAM.data);
  const out = new Float32Array(2 * n);
  if (name === "unequal") {
    out.set(sampleMixture(UNEQUAL_MIXTURE, n, rng));
    return out;
  }
  const draw = DRAWERS[name];
  for (let i = 0; i < n; i++) {
    const [x, y] = draw(rng, i, n);
    out[2 * i] = x;
    out[2 * i + 1] = y;
  }
  return out;
}

type Drawer = (rng: Rng, i: number, n: number) => [number, number];

const DRAWERS: Record<Exclude<PresetName, "unequal">, Drawer> = {
  // scikit-learn's make_moons shape, scaled by 3, Gaussian noise 0.1 (x3): half the points per moon.
  moons: (rng, i, n) => {
    const upper = i < Math.ceil(n / 2);
    const a = Math.PI * rng.uniform();
    const x = upper ? Math.cos(a) : 1 - Math.cos(a);
    const y = upper ? Math.sin(a) : 0.5 - Math.sin(a);
    return [3 * (x + 0.1 * rng.gaussian()) - 1.5, 3 * (y + 0.1 * rng.gaussian()) - 0.75];
  },
  // Radius 4 with radial noise 0.2 around the origin.
  ring: (rng) => {
    const a = 2 * Math.PI * rng.uniform();
    const r = 4 + 0.2 * rng.gaussian();
    return [r * Math.cos(a), r * Math.sin(a)];
  },
  // Archimedean spiral r = 0.5 theta over 1.75 turns, noise 0.15.
  spiral: (rng) => {
    const theta = 0.5 + 3.5 * Math.PI * Math.sqrt(rng.uniform());
    const r = 0.5 * theta;
    return [r * Math.cos(theta) + 0.15 * rng.gaussian(), r * Math.sin(theta) + 0.15 * rng.gaussian()];
  },
  // A diagonal segment from (-4, -2) to (4, 2) with no width at all.
  line: (rng) => {
    const u = rng.uniform();
    return [-4 + 8 * u, -2 + 4 * u];
  },
};

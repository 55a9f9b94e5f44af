// The one place that decides the lab's data set: the course's mixture (default), a seeded preset,
// or the user's own points (drawn or pasted). Every change is validated first (a bad one leaves
// the current data and network as they were), then sent to the engine, whose oracle, quality
// reference and next network follow it (docs/architecture.md). Panels read it with useData(...).
import { create } from "zustand";
import { checkSource, type DataSource, kdeMixture, type LabData, resolveData } from "../core/datasets";
import type { Mixture2D } from "../core/types";
import { type DataInput, isOtherDataError } from "../engine/api";
import { useCompare } from "./compare";
import { useInterpolate } from "./interpolate";
import { messageOf, useApp } from "./store";

export interface DataState {
  source: DataSource;
  lab: LabData;
  /** The last refused change (a bad CSV, a knob out of range): what went wrong and what is allowed. */
  error: string | null;
}

const TUTORIAL = resolveData({ kind: "tutorial" });

export const useData = create<DataState>()(() => ({ source: TUTORIAL.source, lab: TUTORIAL, error: null }));

/** The engine's view of a data set. */
export function dataInput(lab: LabData): DataInput {
  return { points: lab.points, mixture: lab.mixture, label: lab.label };
}

/**
 * Makes `source` the lab's data set. Returns the message to show when it is refused (then nothing
 * changes), else null. The network stays: sampling with it is refused while it belongs to other data.
 */
export async function chooseData(source: unknown): Promise<string | null> {
  const checked = checkSource(source);
  if (!checked.ok) {
    useData.setState({ error: checked.error });
    return checked.error;
  }
  let lab: LabData;
  try {
    lab = resolveData(checked.source);
  } catch (e) {
    const error = `the data set could not be made: ${messageOf(e)}`;
    useData.setState({ error });
    return error;
  }
  const engine = useApp.getState().engine;
  if (engine?.setData) {
    try {
      await engine.setData(dataInput(lab));
    } catch (e) {
      const error = `the compute worker refused the data set: ${messageOf(e)}`;
      useData.setState({ error });
      return error;
    }
  }
  useData.setState({ source: checked.source, lab, error: null });
  // The panels re-sample (the oracle and the quality reference changed with the data).
  useApp.setState((s) => ({ networkVersion: s.networkVersion + 1 }));
  return null;
}

/** Whether the current network was trained on the lab's data (a network without a fingerprint: the course's set). */
export function networkFitsData(networkFingerprint: string | undefined, lab: LabData): boolean {
  return (networkFingerprint ?? TUTORIAL.fingerprint) === lab.fingerprint;
}

/** Hook: true when a network is loaded and was trained on other data than the lab's. */
export function useNetworkOnOtherData(): boolean {
  const fp = useApp((s) => (s.network ? (s.network.dataFingerprint ?? TUTORIAL.fingerprint) : null));
  const lab = useData((s) => s.lab);
  return fp !== null && fp !== lab.fingerprint;
}

// A new engine (start(), or a test's) learns the lab's data as soon as it exists.
useApp.subscribe((s, prev) => {
  if (s.engine && s.engine !== prev.engine && s.engine.setData) {
    const lab = useData.getState().lab;
    if (lab !== TUTORIAL) void s.engine.setData(dataInput(lab)).catch(() => undefined);
  }
});

const densityCache = new WeakMap<LabData, Mixture2D>();

/**
 * The contours' density for the lab's data: the exact mixture where known, else a kernel density
 * estimate (a Gaussian mixture itself, so the plots draw it the same way). `exact` says which.
 */
export function dataDensity(lab: LabData): { density: Mixture2D; exact: boolean } {
  if (lab.mixture) return { density: lab.mixture, exact: true };
  let kde = densityCache.get(lab);
  if (!kde) {
    kde = kdeMixture(lab.points);
    densityCache.set(lab, kde);
  }
  return { density: kde, exact: false };
}

// A refusal (network on other data) stops the grid and the interpolation until dismissed; once the
// network or the data changed, it may no longer hold, so the panels try again by themselves.
useApp.subscribe((s, prev) => {
  if (s.network === prev.network && s.networkVersion === prev.networkVersion) return;
  const compare = useCompare.getState().error;
  if (compare && isOtherDataError(compare)) useCompare.setState({ error: null });
  const interp = useInterpolate.getState().error;
  if (interp && isOtherDataError(interp)) useInterpolate.setState({ error: null });
});

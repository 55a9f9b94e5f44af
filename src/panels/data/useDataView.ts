// What every plot of the lab's data needs: the points, the contours' density (the true one where
// known, a kernel density estimate otherwise, and which), and axes that fit the data (the course's
// fixed axes for its own set, so its plots look as they always did).
import { useMemo } from "react";
import type { ModelChoice } from "../../engine/api";
import { MODEL_LABELS } from "../../state/compare";
import { dataDensity, useData } from "../../state/data";
import { type Bounds, boundsOf, DATA_BOUNDS } from "../../ui/plotGeometry";

export function dataBounds(points: ArrayLike<number>, tutorial: boolean): Bounds {
  return tutorial ? DATA_BOUNDS : boundsOf(points, DATA_BOUNDS, 0.15);
}

export function useDataView() {
  const lab = useData((s) => s.lab);
  return useMemo(() => {
    const { density, exact } = dataDensity(lab);
    return { lab, density, exact, bounds: dataBounds(lab.points, lab.source.kind === "tutorial") };
  }, [lab]);
}

/** The model choices' labels for the lab's data: without a known density "oracle" is the memorising optimum. */
export function useModelLabels(): Record<ModelChoice, string> {
  const exact = useData((s) => s.lab.mixture !== null);
  return exact ? MODEL_LABELS : { ...MODEL_LABELS, oracle: "perfect network (memorising: no true density)" };
}

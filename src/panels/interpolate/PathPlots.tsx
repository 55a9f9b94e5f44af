// The decoded cloud and path in data space beside the same frame in noise space. Scrubbing only
// re-slices the frames already decoded: no worker call per slider event.
import { useMemo } from "react";
import type { Mixture2D } from "../../core/types";
import type { InterpolateResult } from "../../engine/api";
import { OKABE_ITO } from "../../ui/palette";
import { NOISE_BOUNDS } from "../../ui/plotGeometry";
import { ScatterCanvas } from "../../ui/ScatterCanvas";
import { cloudAt, pathOf } from "./frames";

export interface PathPlotsProps {
  result: InterpolateResult;
  frame: number;
  training: Float32Array;
  density: Mixture2D;
}

export function PathPlots({ result, frame, training, density }: PathPlotsProps) {
  const frames = result.u.length;
  const dataPath = useMemo(() => pathOf(result.decoded, frames, 0), [result, frames]);
  const noisePath = useMemo(() => pathOf(result.noise, frames, 0), [result, frames]);
  // Memoised per frame so unrelated re-renders (busy flags, the chart) do not redraw the canvases.
  const dataCloud = useMemo(() => cloudAt(result.decoded, frames, frame), [result, frames, frame]);
  const noiseCloud = useMemo(() => cloudAt(result.noise, frames, frame), [result, frames, frame]);
  const dataSeries = useMemo(
    () => [
      { points: training, color: "#9a9a9a", radius: 1.4, alpha: 0.5, label: "training points" },
      { points: dataCloud, color: OKABE_ITO.blue, radius: 1.8, alpha: 0.6, label: "all paths at u" },
    ],
    [training, dataCloud],
  );
  const noiseSeries = useMemo(
    () => [{ points: noiseCloud, color: OKABE_ITO.blue, radius: 1.8, alpha: 0.6, label: "all paths at u" }],
    [noiseCloud],
  );
  const dataLines = useMemo(() => [{ points: dataPath, color: OKABE_ITO.vermillion, width: 2 }], [dataPath]);
  const noiseLines = useMemo(
    () => [{ points: noisePath, color: OKABE_ITO.vermillion, width: 2 }],
    [noisePath],
  );
  const dataMarker = useMemo(
    () => ({ x: dataPath[2 * frame], y: dataPath[2 * frame + 1], color: OKABE_ITO.vermillion, label: "u" }),
    [dataPath, frame],
  );
  const noiseMarker = useMemo(
    () => ({ x: noisePath[2 * frame], y: noisePath[2 * frame + 1], color: OKABE_ITO.vermillion, label: "u" }),
    [noisePath, frame],
  );
  return (
    <div className="interp-plots">
      <div>
        <h3>Data space (decoded with DDIM eta=0)</h3>
        <ScatterCanvas
          series={dataSeries}
          density={density}
          lines={dataLines}
          marker={dataMarker}
          label="Decoded interpolation in data space"
          aspect={1.25}
        />
      </div>
      <div>
        <h3>Noise space z(u)</h3>
        <ScatterCanvas
          series={noiseSeries}
          bounds={NOISE_BOUNDS}
          lines={noiseLines}
          marker={noiseMarker}
          label="Interpolation path in noise space"
          aspect={1}
        />
      </div>
    </div>
  );
}

// The live loss curve: the mean loss of each training chunk and its smoothed line, log scale.
// It re-renders at most every 300 ms however fast the chunks arrive, so the page stays responsive.
import { lazy, useMemo } from "react";
import { useStartupOver } from "../../hooks/useStartupOver";
import { useThrottled } from "../../hooks/useThrottled";
import { chartPoints } from "../../state/lossHistory";
import { useApp } from "../../state/store";
import { ChartSlot } from "../../ui/ChartSlot";

// recharts loads after the first paint, and after the grid unless the chart is in view (ui/ChartSlot.tsx).
const LossLines = lazy(() => import("./LossPlot").then((m) => ({ default: m.LossLines })));
const HEIGHT = 260;

export function LossChart() {
  const loss = useApp((s) => s.loss);
  const shown = useThrottled(loss);
  const data = useMemo(() => chartPoints(shown), [shown]);
  const last = data.length > 0 ? data[data.length - 1] : null;
  // Offscreen at start-up: drawn once the grid is (or when scrolled near), not beside its sampling.
  const startupOver = useStartupOver();
  if (data.length === 0) {
    return <p className="empty-chart">No loss history yet: press Train to watch the loss fall.</p>;
  }
  return (
    <figure className="loss-chart" aria-label="Training loss against step (log scale)">
      <ChartSlot height={HEIGHT} hold={!startupOver}>
        <LossLines data={data} height={HEIGHT} />
      </ChartSlot>
      <figcaption className="sr-only">
        {`${shown.length} loss points; latest smoothed loss ${last?.smooth?.toFixed(4) ?? "n/a"} at step ${last?.step ?? 0}.`}
      </figcaption>
    </figure>
  );
}

// The live loss curve: the mean loss of each training chunk and its smoothed line, log scale.
// It re-renders at most every 300 ms however fast the chunks arrive, so the page stays responsive.
import { memo, useMemo } from "react";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useThrottled } from "../../hooks/useThrottled";
import { type ChartPoint, chartPoints } from "../../state/lossHistory";
import { useApp } from "../../state/store";
import { OKABE_ITO } from "../../ui/palette";
import { logAxis } from "./logTicks";

export function LossChart() {
  const loss = useApp((s) => s.loss);
  const shown = useThrottled(loss);
  const data = useMemo(() => chartPoints(shown), [shown]);
  const last = data.length > 0 ? data[data.length - 1] : null;
  if (data.length === 0) {
    return <p className="empty-chart">No loss history yet: press Train to watch the loss fall.</p>;
  }
  return (
    <figure className="loss-chart" aria-label="Training loss against step (log scale)">
      <LossLines data={data} />
      <figcaption className="sr-only">
        {`${shown.length} loss points; latest smoothed loss ${last?.smooth?.toFixed(4) ?? "n/a"} at step ${last?.step ?? 0}.`}
      </figcaption>
    </figure>
  );
}

/** Only redrawn when the thinned points change (recharts re-renders are not cheap). */
const LossLines = memo(function LossLines({ data }: { data: ChartPoint[] }) {
  const axis = logAxis(data.flatMap((p) => [p.raw ?? Number.NaN, p.smooth ?? Number.NaN]));
  return (
    <ResponsiveContainer width="100%" height={260}>
      <LineChart data={data} margin={{ top: 6, right: 12, bottom: 14, left: 10 }}>
        <CartesianGrid stroke="#eee" />
        <XAxis
          dataKey="step"
          type="number"
          domain={["dataMin", "dataMax"]}
          tickCount={6}
          label={{ value: "training step", position: "insideBottom", offset: -10 }}
        />
        <YAxis
          scale="log"
          domain={axis?.domain ?? ["auto", "auto"]}
          ticks={axis?.ticks}
          allowDataOverflow={false}
          width={52}
          label={{ value: "loss (log scale)", angle: -90, position: "insideLeft", offset: -4 }}
          tickFormatter={(v) => String(+Number(v).toPrecision(2))}
        />
        <Tooltip
          formatter={(v) => (typeof v === "number" ? v.toFixed(4) : String(v))}
          labelFormatter={(s) => `step ${s}`}
        />
        <Legend verticalAlign="top" height={24} />
        <Line
          name="loss per chunk"
          dataKey="raw"
          stroke={OKABE_ITO.skyBlue}
          dot={false}
          isAnimationActive={false}
          connectNulls
        />
        <Line
          name="smoothed"
          dataKey="smooth"
          stroke={OKABE_ITO.blue}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
});

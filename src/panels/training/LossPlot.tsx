// The loss curve's plot (recharts), loaded after the first paint by LossChart.tsx: the mean loss
// of each training chunk and its smoothed line, log scale.
import { memo } from "react";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ChartPoint } from "../../state/lossHistory";
import { OKABE_ITO } from "../../ui/palette";
import { logAxis } from "./logTicks";

/** Only redrawn when the thinned points change (recharts re-renders are not cheap). */
export const LossLines = memo(function LossLines({ data, height }: { data: ChartPoint[]; height: number }) {
  const axis = logAxis(data.flatMap((p) => [p.raw ?? Number.NaN, p.smooth ?? Number.NaN]));
  return (
    <ResponsiveContainer width="100%" height={height}>
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

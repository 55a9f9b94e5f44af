// One schedule curve against t (recharts), loaded after the first paint by ScheduleCharts.tsx.
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TEXT } from "../../ui/palette";
import { fmt, MARGIN, type Series, X_AXIS_HEIGHT, Y_AXIS_WIDTH } from "./scheduleAxes";
import type { ScheduleRow } from "./terminalSignal";

export function SchedulePlot({
  rows,
  T,
  series: s,
  height,
}: {
  rows: ScheduleRow[];
  T: number;
  series: Series;
  height: number;
}) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={rows} margin={MARGIN} accessibilityLayer={false}>
        <CartesianGrid stroke="#eee" />
        <XAxis
          dataKey="t"
          type="number"
          domain={[0, T - 1]}
          tickCount={6}
          height={X_AXIS_HEIGHT}
          tick={{ fill: AXIS_TEXT }}
        />
        <YAxis
          scale={s.scale}
          domain={s.scale === "log" ? ["auto", "auto"] : [0, "auto"]}
          allowDataOverflow={false}
          tickFormatter={fmt}
          width={Y_AXIS_WIDTH}
          tick={{ fill: AXIS_TEXT }}
        />
        <Tooltip formatter={(v) => fmt(Number(v))} labelFormatter={(t) => `t = ${t}`} />
        <Line dataKey={s.key} stroke={s.color} dot={false} isAnimationActive={false} strokeWidth={2} />
      </LineChart>
    </ResponsiveContainer>
  );
}

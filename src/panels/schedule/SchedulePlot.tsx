// One schedule curve against t (recharts), loaded after the first paint by ScheduleCharts.tsx.
// Its ticks come from plotTicks.ts and are all drawn (interval 0), so recharts measures none.
import { useMemo } from "react";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TEXT } from "../../ui/palette";
import { decadeAxis, linearAxis, timeTicks } from "./plotTicks";
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
  const y = useMemo(() => {
    const values = rows.map((r) => r[s.key]).filter((v) => v > 0 && Number.isFinite(v));
    const max = Math.max(...values);
    return s.scale === "log" ? decadeAxis(Math.min(...values), max) : linearAxis(max);
  }, [rows, s]);
  const xTicks = useMemo(() => timeTicks(T), [T]);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={rows} margin={MARGIN} accessibilityLayer={false}>
        <CartesianGrid stroke="#eee" />
        <XAxis
          dataKey="t"
          type="number"
          domain={[0, Math.max(1, T - 1)]}
          ticks={xTicks}
          interval={0}
          height={X_AXIS_HEIGHT}
          tick={{ fill: AXIS_TEXT }}
        />
        <YAxis
          scale={s.scale}
          domain={y.domain}
          ticks={y.ticks}
          allowDataOverflow={false}
          tickFormatter={fmt}
          width={Y_AXIS_WIDTH}
          interval={0}
          tick={{ fill: AXIS_TEXT }}
        />
        <Tooltip formatter={(v) => fmt(Number(v))} labelFormatter={(t) => `t = ${t}`} />
        <Line dataKey={s.key} stroke={s.color} dot={false} isAnimationActive={false} strokeWidth={2} />
      </LineChart>
    </ResponsiveContainer>
  );
}

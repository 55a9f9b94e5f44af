// The noise norm along the slerp and the lerp path (recharts), loaded after the first paint by
// NormChart.tsx, which names it for screen readers. Both axes' ticks are given, so interval={0}
// shows them all without recharts measuring each label in the DOM (a forced layout per label).
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TEXT, OKABE_ITO, textColor } from "../../ui/palette";

export interface NormRow {
  u: number;
  slerp: number;
  lerp: number;
}

export function NormPlot({ rows, ticks, height }: { rows: NormRow[]; ticks: number[]; height: number }) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 4, left: 4 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" stroke="#ddd" />
        <XAxis
          dataKey="u"
          type="number"
          domain={[0, 1]}
          ticks={[0, 0.25, 0.5, 0.75, 1]}
          interval={0}
          tick={{ fill: AXIS_TEXT }}
        />
        <YAxis
          domain={[0, ticks[ticks.length - 1] ?? "auto"]}
          ticks={ticks}
          interval={0}
          width={44}
          tick={{ fill: AXIS_TEXT }}
        />
        <Tooltip
          formatter={(v) => (typeof v === "number" ? v.toFixed(2) : String(v))}
          labelFormatter={(v) => `u = ${Number(v).toFixed(3)}`}
        />
        <Legend
          formatter={(name, entry) => <span style={{ color: textColor(String(entry.color)) }}>{name}</span>}
        />
        <Line
          dataKey="slerp"
          name="|z(u)| slerp"
          stroke={OKABE_ITO.blue}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
        <Line
          dataKey="lerp"
          name="|z(u)| lerp"
          stroke={OKABE_ITO.orange}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}

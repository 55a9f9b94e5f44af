// beta_t, abar_t and SNR_t against t (recharts), with the DDIM grid's timesteps as ticks.
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { OKABE_ITO } from "../../ui/palette";
import type { ScheduleRow } from "./terminalSignal";

interface ChartProps {
  rows: ScheduleRow[];
  grid: number[];
  T: number;
}

const SERIES = [
  { key: "beta", name: "β_t", color: OKABE_ITO.vermillion, scale: "linear" as const },
  { key: "abar", name: "ᾱ_t", color: OKABE_ITO.blue, scale: "linear" as const },
  { key: "snr", name: "SNR_t = ᾱ/(1−ᾱ) (log)", color: OKABE_ITO.green, scale: "log" as const },
] as const;

const fmt = (v: number) =>
  Math.abs(v) >= 1e3 || Math.abs(v) < 1e-2 ? v.toExponential(1) : String(+v.toPrecision(3));

export function ScheduleCharts({ rows, grid, T }: ChartProps) {
  // Many grid ticks (S = T) would be hundreds of SVG lines per chart; fine up to a few hundred.
  const ticks = grid.length <= 600 ? grid : grid.filter((_, i) => i % Math.ceil(grid.length / 600) === 0);
  return (
    <div className="schedule-charts">
      {SERIES.map((s) => (
        <figure key={s.key} className="schedule-chart" aria-label={`${s.name} against t`}>
          <figcaption style={{ color: s.color }}>{s.name}</figcaption>
          <ResponsiveContainer width="100%" height={150}>
            <LineChart data={rows} margin={{ top: 4, right: 12, bottom: 4, left: 4 }}>
              <CartesianGrid stroke="#eee" />
              <XAxis dataKey="t" type="number" domain={[0, T - 1]} tickCount={6} />
              <YAxis
                scale={s.scale}
                domain={s.scale === "log" ? ["auto", "auto"] : [0, "auto"]}
                allowDataOverflow={false}
                tickFormatter={fmt}
                width={56}
              />
              {ticks.map((t) => (
                <ReferenceLine
                  key={t}
                  x={t}
                  stroke={OKABE_ITO.purple}
                  strokeOpacity={0.45}
                  ifOverflow="hidden"
                />
              ))}
              <Tooltip formatter={(v) => fmt(Number(v))} labelFormatter={(t) => `t = ${t}`} />
              <Line dataKey={s.key} stroke={s.color} dot={false} isAnimationActive={false} strokeWidth={2} />
            </LineChart>
          </ResponsiveContainer>
        </figure>
      ))}
    </div>
  );
}

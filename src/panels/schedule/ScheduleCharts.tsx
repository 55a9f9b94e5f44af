// beta_t, abar_t and SNR_t against t (recharts), with the DDIM grid's timesteps as ticks. Each
// chart is one image for a screen reader, named, with its numbers read out as text.
import { memo } from "react";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TEXT, OKABE_ITO, textColor } from "../../ui/palette";
import type { ScheduleRow } from "./terminalSignal";

interface ChartProps {
  rows: ScheduleRow[];
  grid: number[];
  T: number;
}

/** The grid's ticks: drawn in this colour and named so in the panel's text. */
export const GRID_TICK_COLOR = OKABE_ITO.purple;

const SERIES = [
  { key: "beta", name: "β_t", color: OKABE_ITO.vermillion, scale: "linear" as const },
  { key: "abar", name: "ᾱ_t", color: OKABE_ITO.blue, scale: "linear" as const },
  { key: "snr", name: "SNR_t = ᾱ/(1−ᾱ) (log)", color: OKABE_ITO.green, scale: "log" as const },
] as const;

/** Short tick labels: 0.005, 0.25, 1e3, 1e-4 (the SNR axis spans 8 decades). */
export function fmt(v: number): string {
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e3) return String(+v.toPrecision(3));
  const [m, e] = v.toExponential(1).split("e");
  return `${m === "1.0" ? "1" : m}e${Number(e)}`;
}

// Plot-area insets of the charts below, so the grid overlay lines up with the x axis.
const MARGIN = { top: 4, right: 12, bottom: 4, left: 4 };
const Y_AXIS_WIDTH = 56;
const X_AXIS_HEIGHT = 30;

/**
 * The sampler's timesteps as one SVG path over the plot area. (One recharts ReferenceLine per
 * timestep costs a store update each: 150 of them made a 200 ms main-thread stall.)
 */
function GridOverlay({ grid, T }: { grid: number[]; T: number }) {
  const d = grid.map((t) => `M${t} 0V1`).join("");
  return (
    <svg
      className="grid-overlay"
      viewBox={`0 0 ${Math.max(1, T - 1)} 1`}
      preserveAspectRatio="none"
      aria-hidden="true"
      style={{
        left: MARGIN.left + Y_AXIS_WIDTH,
        top: MARGIN.top,
        // An absolutely placed <svg> does not stretch between its offsets: size it explicitly.
        width: `calc(100% - ${MARGIN.left + Y_AXIS_WIDTH + MARGIN.right}px)`,
        height: `calc(100% - ${MARGIN.top + MARGIN.bottom + X_AXIS_HEIGHT}px)`,
      }}
    >
      <path
        d={d}
        stroke={GRID_TICK_COLOR}
        strokeOpacity={0.45}
        strokeWidth={1}
        vectorEffect="non-scaling-stroke"
      />
    </svg>
  );
}

export const ScheduleCharts = memo(function ScheduleCharts({ rows, grid, T }: ChartProps) {
  return (
    <div className="schedule-charts">
      {SERIES.map((s) => (
        <figure key={s.key} className="schedule-chart">
          <figcaption style={{ color: textColor(s.color) }}>{s.name}</figcaption>
          <div className="chart-with-overlay" role="img" aria-label={summary(s.key, s.name, rows, grid)}>
            <ResponsiveContainer width="100%" height={150}>
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
                <Line
                  dataKey={s.key}
                  stroke={s.color}
                  dot={false}
                  isAnimationActive={false}
                  strokeWidth={2}
                />
              </LineChart>
            </ResponsiveContainer>
            <GridOverlay grid={grid} T={T} />
          </div>
        </figure>
      ))}
    </div>
  );
});

/** The chart as a sentence: its curve's first, middle and last values and the grid's size. */
export function summary(
  key: "beta" | "abar" | "snr",
  name: string,
  rows: ScheduleRow[],
  grid: number[],
): string {
  if (rows.length === 0) return `${name} against t: no data`;
  const at = (i: number) => `${fmt(rows[i][key])} at t=${rows[i].t}`;
  const mid = Math.floor((rows.length - 1) / 2);
  return `${name} against t: ${at(0)}, ${at(mid)}, ${at(rows.length - 1)}; ${grid.length} sampler timesteps marked.`;
}

// beta_t, abar_t and SNR_t against t (recharts), with the DDIM grid's timesteps as ticks. Each
// chart is one image for a screen reader, named, with its numbers read out as text.
import { lazy, memo } from "react";
import { useStartupOver } from "../../hooks/useStartupOver";
import { ChartSlot } from "../../ui/ChartSlot";
import { OKABE_ITO, textColor } from "../../ui/palette";
import { fmt, MARGIN, SERIES, X_AXIS_HEIGHT, Y_AXIS_WIDTH } from "./scheduleAxes";
import type { ScheduleRow } from "./terminalSignal";

interface ChartProps {
  rows: ScheduleRow[];
  grid: number[];
  T: number;
}

/** The grid's ticks: drawn in this colour and named so in the panel's text. */
export const GRID_TICK_COLOR = OKABE_ITO.purple;

// recharts loads after the first paint (ui/ChartSlot.tsx), and only once the comparison grid has
// painted unless the plots are in view: below the fold they would take ~0.15 s of the page's
// thread while the workers sample the grid (docs/bench.md, "Page timings").
const SchedulePlot = lazy(() => import("./SchedulePlot").then((m) => ({ default: m.SchedulePlot })));
const HEIGHT = 150;

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
  const startupOver = useStartupOver();
  return (
    <div className="schedule-charts">
      {SERIES.map((s) => (
        <figure key={s.key} className="schedule-chart">
          <figcaption style={{ color: textColor(s.color) }}>{s.name}</figcaption>
          <div className="chart-with-overlay" role="img" aria-label={summary(s.key, s.name, rows, grid)}>
            <ChartSlot height={HEIGHT} hold={!startupOver}>
              <SchedulePlot rows={rows} T={T} series={s} height={HEIGHT} />
            </ChartSlot>
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

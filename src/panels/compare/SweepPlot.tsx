// The quality sweep's curves (recharts), loaded after the first paint by QualitySweep.tsx: energy
// distance against steps S, one colour per eta, solid for the trained network, dashed for the
// perfect one.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { SWEEP_ETAS, SWEEP_MODELS } from "../../state/compareSweep";
import { OKABE_ITO } from "../../ui/palette";
import { MODEL_NAMES, type SweepRow, seriesKey } from "./sweepChart";

const ETA_COLORS: Record<number, string> = {
  0: OKABE_ITO.blue,
  0.5: OKABE_ITO.orange,
  1: OKABE_ITO.vermillion,
};

export function SweepPlot({ rows, height }: { rows: SweepRow[]; height: number }) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#ddd" />
        <XAxis
          dataKey="steps"
          type="number"
          scale="log"
          domain={["dataMin", "dataMax"]}
          ticks={rows.map((r) => r.steps)}
          label={{ value: "steps S", position: "insideBottomRight", offset: -4 }}
        />
        <YAxis
          scale="log"
          domain={["auto", "auto"]}
          allowDataOverflow
          tickFormatter={(v: number) => (v >= 1 ? v.toFixed(0) : String(Number(v.toPrecision(1))))}
          width={56}
        />
        <Tooltip
          formatter={(v) => (typeof v === "number" ? v.toFixed(4) : String(v))}
          labelFormatter={(s) => `S = ${s}`}
        />
        <Legend />
        {SWEEP_MODELS.flatMap((model) =>
          SWEEP_ETAS.map((eta) => (
            <Line
              key={seriesKey(model, eta)}
              dataKey={seriesKey(model, eta)}
              name={`${MODEL_NAMES[model]}, eta=${eta}`}
              stroke={ETA_COLORS[eta]}
              strokeDasharray={model === "oracle" ? "6 4" : undefined}
              strokeWidth={2}
              dot={{ r: 2 }}
              isAnimationActive={false}
              connectNulls
            />
          )),
        )}
      </LineChart>
    </ResponsiveContainer>
  );
}

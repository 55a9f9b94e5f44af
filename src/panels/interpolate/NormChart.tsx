// |z(u)| along the slerp and the lerp path: lerp cuts the chord, so its norm dips in the middle,
// where typical Gaussian noise never lives; slerp keeps the norm. That is the reason for slerp.
import { memo } from "react";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { InterpolateResult } from "../../engine/api";
import { AXIS_TEXT, OKABE_ITO, textColor } from "../../ui/palette";
import { niceTicks } from "../../ui/plotGeometry";

/** Memoised on the result: scrubbing u must not re-render the chart (it would cost more than the plots). */
export const NormChart = memo(function NormChart({ result }: { result: InterpolateResult }) {
  const rows = Array.from(result.u, (uu, i) => ({
    u: uu,
    slerp: result.normSlerp[i],
    lerp: result.normLerp[i],
  }));
  const mid = rows[Math.floor(rows.length / 2)];
  const dip = mid && rows[0] ? mid.lerp / rows[0].lerp : Number.NaN;
  const top = rows.reduce((m, r) => Math.max(m, r.slerp, r.lerp), 0);
  const ticks = niceTicks(0, top * 1.08, 4);
  const f = (v: number | undefined) => (v === undefined ? "..." : v.toFixed(2));
  // What a screen reader hears instead of the lines.
  const summary = `Line chart of the noise norm |z(u)| against u from 0 to 1: slerp ${f(rows[0]?.slerp)} at u=0, ${f(mid?.slerp)} at u=0.5; lerp ${f(rows[0]?.lerp)} at u=0, ${f(mid?.lerp)} at u=0.5.`;
  return (
    <figure className="interp-norm" aria-label="Noise norm along the path, slerp and lerp">
      <div role="img" aria-label={summary}>
        <ResponsiveContainer width="100%" height={180}>
          <LineChart
            data={rows}
            margin={{ top: 8, right: 12, bottom: 4, left: 4 }}
            accessibilityLayer={false}
          >
            <CartesianGrid strokeDasharray="3 3" stroke="#ddd" />
            <XAxis
              dataKey="u"
              type="number"
              domain={[0, 1]}
              ticks={[0, 0.25, 0.5, 0.75, 1]}
              tick={{ fill: AXIS_TEXT }}
            />
            <YAxis
              domain={[0, ticks[ticks.length - 1] ?? "auto"]}
              ticks={ticks}
              width={44}
              tick={{ fill: AXIS_TEXT }}
            />
            <Tooltip
              formatter={(v) => (typeof v === "number" ? v.toFixed(2) : String(v))}
              labelFormatter={(v) => `u = ${Number(v).toFixed(3)}`}
            />
            <Legend
              formatter={(name, entry) => (
                <span style={{ color: textColor(String(entry.color)) }}>{name}</span>
              )}
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
      </div>
      <figcaption>
        Norm of all paths' noise together. Lerp dips to{" "}
        {Number.isFinite(dip) ? `${(100 * dip).toFixed(0)}%` : "..."} of its end value at u = 0.5: the
        midpoint is an atypically small noise vector, so it decodes to an atypical sample; slerp stays on the
        shell where Gaussian noise lives.
      </figcaption>
    </figure>
  );
});

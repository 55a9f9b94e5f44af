// |z(u)| along the slerp and the lerp path: lerp cuts the chord, so its norm dips in the middle,
// where typical Gaussian noise never lives; slerp keeps the norm. That is the reason for slerp.
import { memo } from "react";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { InterpolateResult } from "../../engine/api";
import { OKABE_ITO } from "../../ui/palette";
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
  return (
    <figure className="interp-norm">
      <ResponsiveContainer width="100%" height={180}>
        <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 4, left: 4 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#ddd" />
          <XAxis dataKey="u" type="number" domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} />
          <YAxis domain={[0, ticks[ticks.length - 1] ?? "auto"]} ticks={ticks} width={44} />
          <Tooltip
            formatter={(v) => (typeof v === "number" ? v.toFixed(2) : String(v))}
            labelFormatter={(v) => `u = ${Number(v).toFixed(3)}`}
          />
          <Legend />
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
      <figcaption>
        Norm of all paths' noise together. Lerp dips to{" "}
        {Number.isFinite(dip) ? `${(100 * dip).toFixed(0)}%` : "..."} of its end value at u = 0.5: the
        midpoint is an atypically small noise vector, so it decodes to an atypical sample; slerp stays on the
        shell where Gaussian noise lives.
      </figcaption>
    </figure>
  );
});

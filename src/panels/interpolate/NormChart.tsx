// |z(u)| along the slerp and the lerp path: lerp cuts the chord, so its norm dips in the middle,
// where typical Gaussian noise never lives; slerp keeps the norm. That is the reason for slerp.
import { lazy, memo } from "react";
import type { InterpolateResult } from "../../engine/api";
import { ChartSlot } from "../../ui/ChartSlot";
import { niceTicks } from "../../ui/plotGeometry";

// recharts loads after the first paint (ui/ChartSlot.tsx).
const NormPlot = lazy(() => import("./NormPlot").then((m) => ({ default: m.NormPlot })));
const HEIGHT = 180;

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
        <ChartSlot height={HEIGHT}>
          <NormPlot rows={rows} ticks={ticks} height={HEIGHT} />
        </ChartSlot>
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

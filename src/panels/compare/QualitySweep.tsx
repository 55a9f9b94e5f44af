// Quality against the number of steps: energy distance of DDIM samples for eta in {0, 0.5, 1},
// trained network (solid) and perfect network (dashed), computed on demand (it is many runs).
import { lazy } from "react";
import {
  SWEEP_ETAS,
  SWEEP_MODELS,
  SWEEP_N,
  SWEEP_SEEDS,
  type SweepPoint,
  type SweepState,
} from "../../state/compareSweep";
import { ChartSlot } from "../../ui/ChartSlot";
import { energyText } from "./format";
import { MODEL_NAMES, seriesKey, sweepFloor, sweepReading, sweepRows } from "./sweepChart";

// recharts loads after the first paint (ui/ChartSlot.tsx).
const SweepPlot = lazy(() => import("./SweepPlot").then((m) => ({ default: m.SweepPlot })));
const HEIGHT = 260;

export interface QualitySweepProps {
  sweep: SweepState;
  /** The curves were computed for another network, problem or seed. */
  outdated: boolean;
  onRun: () => void;
  disabled: boolean;
}

export function QualitySweep({ sweep, outdated, onRun, disabled }: QualitySweepProps) {
  const floor = sweepFloor(sweep.points);
  // Two noise floors: exact samples land below this 95% of the time, so lower values mean nothing.
  const noise = floor === null ? null : 2 * floor;
  const rows = sweepRows(sweep.points, noise ?? undefined);
  const running = sweep.status === "running";
  return (
    <section className="sweep" aria-label="Quality against steps">
      <div className="sweep-head">
        <h3>Quality against steps</h3>
        <button type="button" onClick={onRun} disabled={disabled || running}>
          {running ? "Computing..." : sweep.status === "idle" ? "Compute quality vs steps" : "Compute again"}
        </button>
      </div>
      <p className="muted">
        Energy distance of {SWEEP_N} DDIM samples (as many as each grid column) against S, for eta ={" "}
        {SWEEP_ETAS.join(", ")}; the curves with eta &gt; 0 are the mean over {SWEEP_SEEDS} noise seeds. Solid
        lines: trained network, dashed: perfect network. Lower is better.{" "}
        {noise === null
          ? `The estimate's own noise for ${SWEEP_N} points is shown once the first curve is in.`
          : `The estimate's own noise for ${SWEEP_N} points is ±${noise.toFixed(4)} (2 x its noise floor): values below it sit on the bottom line, and differences smaller than it mean nothing.`}
      </p>
      {running ? (
        <p role="status">
          <label>
            Computing run {Math.min(sweep.done + 1, sweep.total)} of {sweep.total}{" "}
            <progress max={sweep.total} value={sweep.done} />
          </label>
        </p>
      ) : null}
      {outdated && !running ? (
        <p className="warning">
          These curves were computed for an earlier network, problem or noise seed: compute again.
        </p>
      ) : null}
      {sweep.status === "error" ? (
        <p className="panel-error" role="alert">
          The sweep failed: {sweep.error}
        </p>
      ) : null}
      {rows.length > 0 ? (
        <>
          <div className="sweep-chart">
            <ChartSlot height={HEIGHT}>
              <SweepPlot rows={rows} height={HEIGHT} />
            </ChartSlot>
          </div>
          {sweep.status === "done" ? <p className="sweep-reading">{sweepReading(sweep.points)}</p> : null}
          <SweepTable points={sweep.points} />
        </>
      ) : null}
    </section>
  );
}

/** Every estimate with +-2 standard errors, so a bump smaller than that reads as noise. */
function SweepTable({ points }: { points: SweepPoint[] }) {
  const rows = sweepRows(points);
  const se = new Map(points.map((p) => [`${seriesKey(p.model, p.eta)}@${p.steps}`, p.se]));
  const keys = SWEEP_MODELS.flatMap((m) => SWEEP_ETAS.map((eta) => [m, eta] as const));
  return (
    <details>
      <summary>Show the numbers</summary>
      <table className="sweep-table">
        <caption className="sr-only">Energy distance by steps, model and eta, with 2 standard errors</caption>
        <thead>
          <tr>
            <th scope="col">S</th>
            {keys.map(([m, eta]) => (
              <th key={seriesKey(m, eta)} scope="col">
                {MODEL_NAMES[m]}, eta={eta}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.steps}>
              <th scope="row">{r.steps}</th>
              {keys.map(([m, eta]) => {
                const v = r[seriesKey(m, eta)];
                const e = se.get(`${seriesKey(m, eta)}@${r.steps}`) ?? Number.NaN;
                return <td key={seriesKey(m, eta)}>{v === undefined ? "" : energyText(v, e)}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

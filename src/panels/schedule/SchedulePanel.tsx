// Panel 2: the noise schedule and the sampler's timestep grid, and the terminal-signal readout
// that explains why the model works in standardised units (docs/math.md, "Data and standardisation").
import { useMemo } from "react";
import { meanMixture } from "../../core/datasets";
import { makeGrid } from "../../core/grids";
import { makeSchedule } from "../../core/schedule";
import { useData } from "../../state/data";
import { useApp } from "../../state/store";
import { Panel } from "../../ui/Panel";
import { Setting } from "../shared/Setting";
import { ScheduleCharts } from "./ScheduleCharts";
import { scheduleRows, terminalSignal } from "./terminalSignal";

const FORMULA = String.raw`\bar\alpha_t = \prod_{s\le t}(1-\beta_s),\qquad \mathrm{SNR}_t = \frac{\bar\alpha_t}{1-\bar\alpha_t}`;

export function SchedulePanel() {
  const T = useApp((s) => s.settings.T);
  const kind = useApp((s) => s.settings.schedule);
  const S = useApp((s) => s.settings.S);
  const spacing = useApp((s) => s.settings.spacing);
  const units = useApp((s) => s.settings.units);
  const netProblem = useApp((s) => s.network?.problem);

  const schedule = useMemo(() => makeSchedule(kind, T), [kind, T]);
  const rows = useMemo(() => scheduleRows(schedule), [schedule]);
  const grid = useMemo(() => makeGrid(spacing, T, Math.min(S, T)), [spacing, T, S]);
  const lab = useData((st) => st.lab);
  // With no known mixture, the data's mean stands in for the cluster means (one row).
  const signal = useMemo(
    () => terminalSignal(schedule, lab.mixture ?? meanMixture(lab.points), lab.points),
    [schedule, lab],
  );
  const differs =
    netProblem && (netProblem.T !== T || netProblem.schedule !== kind || netProblem.units !== units)
      ? `The loaded network was trained with T=${netProblem.T}, ${netProblem.schedule} schedule, ${netProblem.units} units; train a new network to use these settings.`
      : null;
  const shownGrid =
    grid.length > 12 ? `${grid.slice(0, 6).join(", ")}, ..., ${grid.slice(-3).join(", ")}` : grid.join(", ");

  return (
    <Panel
      id="schedule"
      title="Noise schedule and timestep grid"
      explanation="How much signal is left at each step t, and which of the T steps a sampler with S steps visits (purple ticks)."
      formula={FORMULA}
    >
      <div className="controls-row">
        <Setting name="schedule" />
        <Setting name="T" />
        <Setting name="S" max={T} />
        <Setting name="spacing" />
        <Setting name="units" />
      </div>
      {differs ? <p className="note">{differs}</p> : null}
      <ScheduleCharts rows={rows} grid={grid} T={T} />
      <p className="readout">
        Grid ({spacing}, S={grid.length}): t = {shownGrid}, then clean data.
      </p>
      <h3 className="sub">Signal left at the last step</h3>
      <table className="signal-table">
        <caption>
          √ᾱ<sub>T−1</sub> = {signal.sqrtAbarLast.toFixed(4)}: distance √ᾱ<sub>T−1</sub>·|μ<sub>k</sub>| of
          each cluster's mean from the origin at t = T−1
        </caption>
        <thead>
          <tr>
            <th scope="col">cluster</th>
            <th scope="col">mean μ (raw)</th>
            <th scope="col">raw units</th>
            <th scope="col">standardised</th>
          </tr>
        </thead>
        <tbody>
          {signal.rows.map((r) => (
            <tr key={r.k}>
              <th scope="row">{r.k}</th>
              <td>
                ({r.mean[0]}, {r.mean[1]})
              </td>
              <td>{r.raw.toFixed(3)}</td>
              <td>{r.standardized.toFixed(3)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="why">
        Samplers start from x<sub>T</sub> ~ N(0, I). If the clusters are still visibly off-centre at the last
        step (raw units: up to {Math.max(...signal.rows.map((r) => r.raw)).toFixed(2)}), that start does not
        match the real x<sub>T</sub>: a deterministic sampler (DDIM, η=0) carries the mismatch into its
        samples, noise injection (η=1) washes it out. In standardised units the leftover is at most{" "}
        {Math.max(...signal.rows.map((r) => r.standardized)).toFixed(2)}, so η=0 is not penalised.
      </p>
    </Panel>
  );
}

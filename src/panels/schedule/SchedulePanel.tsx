// The noise schedule and the sampler's timestep grid, and the terminal-signal readout that explains
// why the model works in standardised units (docs/math.md, "Data and standardisation", "Schedules
// and indices", "Timestep grids"). T, schedule and units belong to the network (changing them means
// training a new one: the panel says so and offers it); S and spacing only shape the grid drawn here.
import { useMemo } from "react";
import { stepsError } from "../../core/config";
import { meanMixture } from "../../core/datasets";
import { makeGrid } from "../../core/grids";
import { makeSchedule } from "../../core/schedule";
import { train } from "../../state/actions";
import { useData } from "../../state/data";
import { coerce } from "../../state/settings";
import { setSetting, useApp } from "../../state/store";
import { NumberField } from "../../ui/fields";
import { Panel } from "../../ui/Panel";
import { COLOR_NAMES } from "../../ui/palette";
import { Setting } from "../shared/Setting";
import { ScheduleCharts } from "./ScheduleCharts";
import FORMULA from "./schedule.tex?katex";
import { scheduleRows, terminalSignal } from "./terminalSignal";

const GRID_TICK_NAME = COLOR_NAMES.purple;

/** S is checked against the current T first (the schema alone would say "1 to 2000"). */
export function commitS(text: string, T: number, current: number): string | null {
  const v = coerce("S", text);
  const e = stepsError(typeof v === "number" ? v : Number.NaN, T);
  const error = e ? e.replace(/^steps/, "S") : setSetting("S", text);
  return error ? `${error}; S stays ${current}` : null;
}

export function SchedulePanel() {
  const T = useApp((s) => s.settings.T);
  const kind = useApp((s) => s.settings.schedule);
  const S = useApp((s) => s.settings.S);
  const spacing = useApp((s) => s.settings.spacing);
  const units = useApp((s) => s.settings.units);
  const netProblem = useApp((s) => s.network?.problem);
  const training = useApp((s) => s.training);
  const trainSteps = useApp((s) => s.settings.trainSteps);
  const hideS = useApp((s) => s.hidden.has("S"));

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
      ? `The loaded network was trained with T=${netProblem.T}, ${netProblem.schedule} schedule, ${netProblem.units} units. The comparison and interpolation keep using it until you train a new one.`
      : null;
  const runGoing = training !== "idle";
  const trainNew = () => {
    void train();
    window.location.hash = "#training";
  };
  const shownGrid =
    grid.length > 12 ? `${grid.slice(0, 6).join(", ")}, ..., ${grid.slice(-3).join(", ")}` : grid.join(", ");

  return (
    <Panel
      id="schedule"
      title="Noise schedule and timestep grid"
      explanation={`How much signal is left at each step t, and which of the T steps a sampler with S steps visits (${GRID_TICK_NAME} ticks).`}
      formula={FORMULA}
    >
      <div className="scopes">
        <fieldset className="scope">
          <legend>Network settings: changing them means training a new network</legend>
          <div className="controls-row">
            <Setting name="schedule" />
            <Setting name="T" />
            <Setting name="units" />
          </div>
          {differs ? (
            <div className="scope-note">
              <p className="note">{differs}</p>
              <button type="button" className="primary" onClick={trainNew} disabled={runGoing}>
                Train a new network with these settings ({trainSteps} steps)
              </button>
            </div>
          ) : null}
        </fieldset>
        <fieldset className="scope">
          <legend>Timestep grid drawn here (each comparison column has its own S and spacing)</legend>
          <div className="controls-row">
            {hideS ? null : (
              <NumberField
                label="Sampling steps S"
                value={S}
                min={1}
                max={T}
                integer
                help={`How many of the T=${T} steps the sampler visits (1 to ${T}).`}
                onCommit={(text) => commitS(text, T, S)}
              />
            )}
            <Setting name="spacing" />
          </div>
        </fieldset>
      </div>
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

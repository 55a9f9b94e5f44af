// Panel 1: the 300 training points over the true density, and the forward process that noises
// them: small multiples at fixed t and one plot at any t chosen with a slider.
import { useMemo } from "react";
import { tutorialDataset } from "../../core/data";
import { makeProblem } from "../../core/experiment";
import { PROPS_BY_KEY } from "../../state/settings";
import { setSetting, useApp } from "../../state/store";
import { Slider } from "../../ui/fields";
import { Panel } from "../../ui/Panel";
import { OKABE_ITO } from "../../ui/palette";
import { boundsOf, DATA_BOUNDS } from "../../ui/plotGeometry";
import { ScatterCanvas } from "../../ui/ScatterCanvas";
import { forwardNoise, noisedDensityRaw, noisedPoints, snapshotTimes } from "./forwardProcess";

const dataset = tutorialDataset();

const FORMULA = String.raw`x_t = \sqrt{\bar\alpha_t}\,x_0 + \sqrt{1-\bar\alpha_t}\,\varepsilon,\qquad \varepsilon \sim \mathcal N(0, I)`;

export function DataPanel() {
  const T = useApp((s) => s.settings.T);
  const schedule = useApp((s) => s.settings.schedule);
  const units = useApp((s) => s.settings.units);
  const seed = useApp((s) => s.settings.seed);
  const t = useApp((s) => s.settings.t);
  const hideSlider = useApp((s) => s.hidden.has("t"));

  const problem = useMemo(() => makeProblem(dataset, { T, schedule, units }), [T, schedule, units]);
  const eps = useMemo(() => forwardNoise(dataset.points.length / 2, seed), [seed]);
  const times = useMemo(() => snapshotTimes(T), [T]);
  const frames = useMemo(() => times.map((ti) => noisedPoints(problem, eps, ti)), [problem, eps, times]);
  // One set of axes for every x_t so the eye compares like with like.
  const bounds = useMemo(() => {
    const all = new Float64Array(frames.reduce((n, f) => n + f.length, 0));
    let o = 0;
    for (const f of frames) {
      all.set(f, o);
      o += f.length;
    }
    return boundsOf(all, DATA_BOUNDS, 0.03);
  }, [frames]);
  const xt = useMemo(() => noisedPoints(problem, eps, t), [problem, eps, t]);
  const densityT = useMemo(() => noisedDensityRaw(problem, t), [problem, t]);
  const abar = problem.schedule.abar[t];

  return (
    <Panel
      id="data"
      title="Data and forward process"
      explanation="The 300 training points over the true mixture's density, and the same points noised step by step until they look like N(0, I) (in model units; plots in raw units)."
      formula={FORMULA}
    >
      <div className="data-grid">
        <ScatterCanvas
          label="Training data: 300 points over the density contours of the true mixture"
          series={[{ points: dataset.points, color: OKABE_ITO.blue, label: "training points", radius: 2.5 }]}
          density={dataset.mixture}
          className="data-main"
        />
        <div className="data-slider">
          {hideSlider ? null : (
            <Slider
              label={`${PROPS_BY_KEY.t.label} (0 to ${T - 1})`}
              value={t}
              min={0}
              max={T - 1}
              onChange={(v) => setSetting("t", v)}
              valueText={`t = ${t}`}
            />
          )}
          <p className="readout" aria-live="polite">
            t = {t}: ᾱ<sub>t</sub> = {abar.toPrecision(4)}, signal √ᾱ<sub>t</sub> ={" "}
            {Math.sqrt(abar).toFixed(3)}, noise √(1−ᾱ
            <sub>t</sub>) = {Math.sqrt(1 - abar).toFixed(3)}
          </p>
          <ScatterCanvas
            label={`Noised data x_t at t = ${t}`}
            series={[{ points: xt, color: OKABE_ITO.vermillion, label: `x_t at t=${t}`, radius: 2.5 }]}
            density={densityT}
            bounds={bounds}
          />
        </div>
      </div>
      <h3 className="sub">x_t at a few timesteps (same axes)</h3>
      <div className="snapshots">
        {times.map((ti, i) => (
          <div key={ti} className="snapshot">
            <ScatterCanvas
              label={`Noised data at t = ${ti}`}
              series={[{ points: frames[i], color: OKABE_ITO.vermillion, label: `t=${ti}`, radius: 1.5 }]}
              bounds={bounds}
              aspect={1}
            />
            <span className="snapshot-label">t = {ti}</span>
          </div>
        ))}
      </div>
    </Panel>
  );
}

// Panel 1: the lab's data set (the course's mixture, a preset, your drawing or CSV) over its
// density (the true one where known, a kernel density estimate otherwise), its standardisation,
// and the forward process that noises it: small multiples at fixed t and one plot at any t.
import { useMemo } from "react";
import { kdeMixture } from "../../core/datasets";
import { makeProblem } from "../../core/experiment";
import { train } from "../../state/actions";
import { useData, useNetworkOnOtherData } from "../../state/data";
import { PROPS_BY_KEY } from "../../state/settings";
import { setSetting, useApp } from "../../state/store";
import { Slider } from "../../ui/fields";
import { Panel } from "../../ui/Panel";
import { OKABE_ITO } from "../../ui/palette";
import { boundsOf, DATA_BOUNDS } from "../../ui/plotGeometry";
import { ScatterCanvas } from "../../ui/ScatterCanvas";
import FORMULA from "./forward.tex?katex";
import { forwardNoise, noisedDensityRaw, noisedPoints, snapshotTimes } from "./forwardProcess";
import { SourcePicker } from "./SourcePicker";
import { useDataView } from "./useDataView";

export function DataPanel() {
  const T = useApp((s) => s.settings.T);
  const schedule = useApp((s) => s.settings.schedule);
  const units = useApp((s) => s.settings.units);
  const seed = useApp((s) => s.settings.seed);
  const t = useApp((s) => s.settings.t);
  const hideSlider = useApp((s) => s.hidden.has("t"));
  const lab = useData((s) => s.lab);
  const n = lab.points.length / 2;

  const problem = useMemo(() => makeProblem(lab, { T, schedule, units }), [lab, T, schedule, units]);
  // Contours: the true density where known, a kernel density estimate otherwise (raw and model units).
  const density = useMemo(() => lab.mixture ?? kdeMixture(lab.points), [lab]);
  const modelDensity = useMemo(() => problem.modelMixture ?? kdeMixture(problem.modelPoints), [problem]);
  const densityName = lab.mixture
    ? "the true density"
    : "a kernel density estimate (no true density is known)";
  const eps = useMemo(() => forwardNoise(n, seed), [n, seed]);
  const times = useMemo(() => snapshotTimes(T), [T]);
  const frames = useMemo(() => times.map((ti) => noisedPoints(problem, eps, ti)), [problem, eps, times]);
  const view = useDataView();
  // One set of axes for every x_t so the eye compares like with like.
  const bounds = useMemo(() => {
    const all = new Float64Array(frames.reduce((k, f) => k + f.length, 0));
    let o = 0;
    for (const f of frames) {
      all.set(f, o);
      o += f.length;
    }
    return boundsOf(all, DATA_BOUNDS, 0.03);
  }, [frames]);
  const xt = useMemo(() => noisedPoints(problem, eps, t), [problem, eps, t]);
  const densityT = useMemo(() => noisedDensityRaw(problem, t, modelDensity), [problem, t, modelDensity]);
  const abar = problem.schedule.abar[t];
  const st = problem.standardizer;
  const f2 = (v: number) => v.toFixed(2);

  return (
    <Panel
      id="data"
      title="Data and forward process"
      explanation={`The training points (${lab.label}) over ${densityName}, and the same points noised step by step until they look like N(0, I) (in model units; plots in raw units).`}
      formula={FORMULA}
    >
      <SourcePicker />
      <OtherDataNotice />
      <p className="readout data-facts" aria-live="polite">
        {lab.label}: {n} points.{" "}
        {units === "standardized"
          ? `Standardised with mean (${f2(st.mean[0])}, ${f2(st.mean[1])}) and std (${f2(st.std[0])}, ${f2(st.std[1])}), computed from these points.`
          : "Raw units: the model sees the points as they are (no standardisation)."}{" "}
        Perfect network:{" "}
        {lab.mixture
          ? "the exact mixture oracle."
          : "the empirical (memorising) optimum, since no true density is known."}{" "}
        Contours: {lab.mixture ? "true density." : "kernel density estimate."}
      </p>
      <div className="data-grid">
        <ScatterCanvas
          label={
            lab.mixture
              ? `Training data: ${n} points over the density contours of the true mixture`
              : `Training data: ${n} points over the contours of a kernel density estimate`
          }
          series={[{ points: lab.points, color: OKABE_ITO.blue, label: "training points", radius: 2.5 }]}
          density={density}
          bounds={view.bounds}
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

/** The network belongs to its data: with other data, sampling with it is refused; offer to train. */
export function OtherDataNotice() {
  const other = useNetworkOnOtherData();
  const training = useApp((s) => s.training);
  if (!other) return null;
  return (
    <div className="notice" role="status">
      <p>
        The current network was trained on a different data set, so sampling with it is refused (the perfect
        network still works). Train a network on this data to compare samplers with it.
      </p>
      <button type="button" className="primary" onClick={() => void train()} disabled={training !== "idle"}>
        Train on this data
      </button>
    </div>
  );
}

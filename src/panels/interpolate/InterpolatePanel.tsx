// The interpolation scrubber (docs/math.md, "Determinism, inversion and interpolation"). 200
// noise-space paths (one highlighted) are decoded with DDIM eta=0 in one worker call; the slider u
// then moves through the decoded frames only.
import { useEffect, useId } from "react";
import type { PathKind } from "../../core/interpolate";
import type { ModelChoice } from "../../engine/api";
import { useLab } from "../../hooks/useLab";
import { type CompareState, MODEL_CHOICES, useCompare } from "../../state/compare";
import { useData } from "../../state/data";
import { FRAMES, frameAt, interpolationKey, PATHS, useInterpolate } from "../../state/interpolate";
import { useShortcuts } from "../../state/shortcuts";
import { Panel } from "../../ui/Panel";
import { useDataView, useModelLabels } from "../data/useDataView";
import { NormChart } from "./NormChart";
import { PathPlots } from "./PathPlots";
import { PointPicker } from "./PointPicker";
import "./interpolate.css";
import FORMULA from "./slerp.tex?katex";

export function InterpolatePanel() {
  const { engine, ready, netVersion, problemKey, T, trainingRuns } = useLab();
  const s = useInterpolate();
  const data = useDataView();
  const modelLabels = useModelLabels();
  const sliderId = useId();

  useEffect(() => {
    s.setContext({ netVersion, problemKey, T });
  }, [netVersion, problemKey, T, s.setContext]);

  // Decode when the endpoints, path, model or network change (never on slider moves).
  const { seed, path, model, picked, steps } = s;
  const wanted = interpolationKey({
    seed,
    path,
    model,
    picked,
    netVersion: s.netVersion,
    problemKey: s.problemKey,
    steps,
  });
  // The comparison grid is the headline: let its first run go to the worker first.
  const gridFirst = useGridFirst();
  // After a failure nothing is retried until the message is dismissed (Dismiss = try again).
  const failed = s.error !== null;
  const invertWanted = s.invertWanted;
  useEffect(() => {
    if (!engine || !ready || trainingRuns || failed || gridFirst || gridPending()) return;
    // A link named two training points: invert them (that decodes too) before anything else.
    if (invertWanted) {
      void useInterpolate.getState().invertPicked(engine, useData.getState().lab.points);
      return;
    }
    if (wanted === useInterpolate.getState().resultKey) return;
    void useInterpolate.getState().run(engine);
  }, [engine, ready, trainingRuns, failed, gridFirst, wanted, invertWanted]);

  const result = s.result;
  const frames = result?.u.length ?? FRAMES;
  const frame = frameAt(s.u, frames);
  const u = result ? result.u[frame] : s.u;
  const readout = markerReadout(result, frame, u);
  const waitsForTraining = trainingRuns && s.resultKey !== wanted;
  const step = (d: number) => s.setU(frameAt(s.u, frames) / (frames - 1) + d / (frames - 1));
  useShortcuts({ newEndpoints: () => !s.busy && s.reroll(), uBack: () => step(-1), uForward: () => step(1) });

  return (
    <Panel
      id="interpolate"
      title="Interpolation in noise space"
      explanation={`Walk from noise z_a to noise z_b and decode every step with DDIM eta=0 (S=${steps}): ${PATHS} paths at once, one highlighted.`}
      formula={FORMULA}
      busy={s.busy || !ready || waitsForTraining}
      busyText={
        !ready
          ? "Loading the network..."
          : waitsForTraining
            ? "Waiting for training to finish..."
            : `Decoding ${frames} frames of ${PATHS} paths...`
      }
      error={s.error}
      onDismissError={() => useInterpolate.setState({ error: null })}
      actions={
        <button type="button" onClick={s.reroll} disabled={s.busy} aria-keyshortcuts="e" title="Shortcut: e">
          New endpoints
        </button>
      }
    >
      <div className="interp-controls">
        <fieldset className="segmented">
          <legend>Path</legend>
          {(["slerp", "lerp"] as PathKind[]).map((p) => (
            <label key={p}>
              <input
                type="radio"
                name={`${sliderId}-path`}
                value={p}
                checked={path === p}
                onChange={() => s.setPath(p)}
              />
              {p}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${sliderId}-model`}>Model</label>
          <select
            id={`${sliderId}-model`}
            value={model}
            onChange={(e) => s.setModel(e.target.value as ModelChoice)}
          >
            {MODEL_CHOICES.map((m) => (
              <option key={m} value={m}>
                {modelLabels[m]}
              </option>
            ))}
          </select>
        </div>
        <p className="muted">
          Endpoints: {picked ? `data points ${picked.a} and ${picked.b} (inverted)` : `seed ${seed}`}
        </p>
      </div>
      <div className="interp-scrub">
        <label htmlFor={sliderId}>Position u along the path</label>
        <input
          id={sliderId}
          type="range"
          min={0}
          max={1}
          step={1 / (frames - 1)}
          value={u}
          onChange={(e) => s.setU(Number(e.target.value))}
          aria-valuetext={`u = ${u.toFixed(3)}`}
          aria-keyshortcuts=", ."
        />
        <output aria-live="polite" className="interp-readout">
          {readout}
        </output>
      </div>
      {result ? (
        <div className={s.resultKey === wanted ? undefined : "is-stale"}>
          <PathPlots result={result} frame={frame} training={data.lab.points} density={data.density} />
        </div>
      ) : (
        <p className="muted">Decoding the first frames...</p>
      )}
      {result ? <NormChart result={result} /> : null}
      <details className="interp-pick">
        <summary>Interpolate between two training points instead</summary>
        <PointPicker
          training={data.lab.points}
          pickA={s.pickA}
          pickB={s.pickB}
          rmse={picked?.rmse ?? null}
          busy={s.busy || !ready || waitsForTraining}
          onPick={(i, which) => s.pick(i, which)}
          onInvert={() => engine && void s.invertPicked(engine, data.lab.points)}
        />
      </details>
    </Panel>
  );
}

/** The comparison grid is on the page and still waiting for its first results. */
const waitsForFirstRun = (c: CompareState) =>
  c.mounted && Object.keys(c.runs).length === 0 && c.error === null;
const useGridFirst = () => useCompare(waitsForFirstRun);
/** The same, read at effect time: the grid may have mounted in this very commit. */
const gridPending = () => waitsForFirstRun(useCompare.getState());

function markerReadout(
  result: ReturnType<typeof useInterpolate.getState>["result"],
  frame: number,
  u: number,
) {
  if (!result) return `u = ${u.toFixed(3)}`;
  const stride = result.decoded.length / result.u.length;
  const f = (v: number) => v.toFixed(2);
  const dx = result.decoded[frame * stride];
  const dy = result.decoded[frame * stride + 1];
  const nx = result.noise[frame * stride];
  const ny = result.noise[frame * stride + 1];
  return `u = ${u.toFixed(3)} (frame ${frame + 1} of ${result.u.length}): marker at (${f(dx)}, ${f(dy)}) in data space, z = (${f(nx)}, ${f(ny)})`;
}

// Panel 4 of issue 4: the sampler comparison grid. Every column samples 1000 points from the same
// x_T (all columns in one sampleMany call); "run again with the same noise" shows which samplers are
// deterministic, and the sweep below reproduces the DDIM paper's quality-vs-steps story.
import { useEffect } from "react";
import { columnKey, useCompare } from "../../state/compare";
import { Panel } from "../../ui/Panel";
import { OtherDataNotice } from "../data/DataPanel";
import { useDataView } from "../data/useDataView";
import { ColumnCard } from "./ColumnCard";
import { FigureGlossary } from "./QualityFigures";
import { QualitySweep } from "./QualitySweep";
import { useGridLink } from "./useGridLink";
import { useLab } from "./useLab";
import { usePanelKeys } from "./usePanelKeys";
import "./compare.css";

// Two lines (gathered) so the formula fits a phone's width.
const FORMULA = String.raw`\begin{gathered}x_{t'} = \sqrt{\bar\alpha_{t'}}\,\hat x_0 + \sqrt{1-\bar\alpha_{t'}-\sigma_t^2}\;\epsilon_\theta(x_t,t) + \sigma_t z \\ \sigma_t = \eta\sqrt{\tfrac{1-\bar\alpha_{t'}}{1-\bar\alpha_t}}\sqrt{1-\tfrac{\bar\alpha_t}{\bar\alpha_{t'}}}\end{gathered}`;
/** Wait this long after the last edit before sampling (typing "500" should not run S=5 and S=50). */
const EDIT_DEBOUNCE_MS = 300;

export function ComparePanel() {
  const lab = useLab();
  const s = useCompare();
  const data = useDataView();
  const { engine, ready, T, netVersion, problemKey, trainingRuns } = lab;

  const linkMessages = useGridLink();
  useEffect(() => {
    useCompare.setState({ mounted: true });
    return () => useCompare.setState({ mounted: false });
  }, []);

  useEffect(() => {
    s.setContext({ T, netVersion, problemKey });
  }, [T, netVersion, problemKey, s.setContext]);

  // Sample whatever is missing or stale (first paint, edits, new network), once the engine is ready.
  const ctx = { T, netVersion, problemKey };
  const wanted = s.columns.map((c) => columnKey(c, s.seed, s.n, ctx)).join("|");
  // After a failure nothing is retried until the message is dismissed (Dismiss = try again).
  const failed = s.error !== null;
  useEffect(() => {
    if (!engine || !ready || trainingRuns || failed || wanted === "") return;
    const timer = setTimeout(() => void useCompare.getState().runStale(engine), EDIT_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [engine, ready, trainingRuns, failed, wanted]);

  const hasRepeats = Object.keys(s.repeats).length > 0;
  const anyStale = s.columns.some((c) => s.runs[c.id]?.key !== columnKey(c, s.seed, s.n, ctx));
  const waitsForTraining = trainingRuns && anyStale;
  const canAct = ready && !s.busy && !trainingRuns;
  const runAgain = () => canAct && engine && void s.runAgain(engine);
  const newNoise = () => canAct && engine && void s.newNoise(engine);
  usePanelKeys({ d: runAgain, n: newNoise });
  const busyText = trainingRuns
    ? "Waiting for training to finish..."
    : `Sampling ${s.columns.length} column${s.columns.length === 1 ? "" : "s"} of ${s.n} points...`;

  return (
    <Panel
      id="compare"
      title="Sampler comparison"
      explanation={`Each column turns the same ${s.n} noise points x_T into samples with its own sampler; ${data.exact ? "the contours are the true density" : "the contours are a kernel density estimate of the data (no true density is known)"}.`}
      formula={FORMULA}
      busy={s.busy || !ready || waitsForTraining}
      busyText={ready ? busyText : "Loading the network..."}
      error={s.error}
      onDismissError={() => useCompare.setState({ error: null })}
      actions={
        <>
          <button
            type="button"
            disabled={!canAct}
            onClick={runAgain}
            aria-keyshortcuts="d"
            title="Shortcut: d"
          >
            Run again with the same noise
          </button>
          <button
            type="button"
            disabled={!canAct}
            onClick={newNoise}
            aria-keyshortcuts="n"
            title="Shortcut: n"
          >
            New noise
          </button>
          <button type="button" onClick={s.addColumn} disabled={s.columns.length >= 6}>
            Add column
          </button>
        </>
      }
    >
      <OtherDataNotice />
      {linkMessages.length > 0 ? (
        <ul className="link-notes" aria-label="Ignored from the link">
          {linkMessages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
      <p className="muted">
        Seed of x_T: <output aria-label="Noise seed">{s.seed}</output>. Each column: {s.n} points.
      </p>
      <div className="compare-grid">
        {s.columns.map((c, i) => {
          const run = s.runs[c.id] ?? null;
          const key = columnKey(c, s.seed, s.n, ctx);
          const repeat = s.repeats[c.id];
          return (
            <ColumnCard
              key={c.id}
              index={i}
              column={c}
              run={run}
              stale={run !== null && run.key !== key}
              repeat={repeat && repeat.key === key ? repeat : null}
              T={T}
              density={data.density}
              bounds={data.bounds}
              errors={s.fieldErrors[c.id] ?? {}}
              canRemove={s.columns.length > 1}
              onEdit={(field, value) => s.editColumn(c.id, field, value)}
              onRemove={() => s.removeColumn(c.id)}
            />
          );
        })}
      </div>
      {hasRepeats ? (
        <p className="determinism-lesson" aria-live="polite">
          With eta=0 (and the ODE solvers) a sampler is a fixed function of x_T: the same noise gives
          bit-identical samples. With eta&gt;0 (and DDPM) every step adds fresh noise z, so the same x_T lands
          somewhere else.
        </p>
      ) : null}
      <FigureGlossary />
      <QualitySweep
        sweep={s.sweep}
        outdated={s.sweep.key !== undefined && s.sweep.key !== `${problemKey}|${netVersion}|${s.seed}`}
        disabled={!ready || trainingRuns}
        onRun={() => engine && void s.runSweep(engine)}
      />
    </Panel>
  );
}

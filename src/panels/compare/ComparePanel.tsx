// The sampler comparison grid. Every column samples 1000 points from the same x_T (one engine call
// per column, cheapest first, each painting when it is done); "run again with the same noise" shows
// which samplers are deterministic, and the sweep below reproduces the DDIM paper's
// quality-vs-steps story (docs/math.md, "Samplers").
import { useEffect, useId, useMemo, useState } from "react";
import { makeProblem } from "../../core/experiment";
import { useLab } from "../../hooks/useLab";
import { columnKey, columnLimitText, MAX_COLUMNS, useCompare } from "../../state/compare";
import { sampleGridNow } from "../../state/gridStart";
import { useShortcuts } from "../../state/shortcuts";
import { useApp } from "../../state/store";
import { Panel } from "../../ui/Panel";
import { OtherDataNotice } from "../data/DataPanel";
import { useDataView } from "../data/useDataView";
import { ColumnCard } from "./ColumnCard";
import { ParticleReadout } from "./player/ParticleReadout";
import { PlayerBar } from "./player/PlayerBar";
import { FigureGlossary } from "./QualityFigures";
import { QualitySweep } from "./QualitySweep";
import { useGridLink } from "./useGridLink";
import "./compare.css";
import FORMULA from "./ddimStep.tex?katex";

// Two lines (gathered) so the formula fits a phone's width.

export function ComparePanel() {
  const lab = useLab();
  const s = useCompare();
  const data = useDataView();
  const { engine, ready, T, netVersion, problemKey, trainingRuns } = lab;

  const linkMessages = useGridLink();
  // Schedule and standardisation of the network's problem: the player's t, abar and eps_hat.
  const problemCfg = useApp((st) => st.network?.problem);
  // The lab's data: its standardisation is the network's whenever sampling with it is allowed.
  const problem = useMemo(
    () => (problemCfg ? makeProblem(data.lab, problemCfg) : null),
    [problemCfg, data.lab],
  );
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
  // Number fields commit on Enter/blur, so every change of `wanted` is a real request; a column
  // edited while it runs gets a new request and the old result is dropped when it arrives.
  const failed = s.error !== null;
  // The same rule as the start-up request (state/gridStart.ts), read from the stores when it runs.
  // biome-ignore lint/correctness/useExhaustiveDependencies: these are what re-runs it
  useEffect(() => sampleGridNow(), [engine, ready, trainingRuns, failed, wanted]);
  const [addNote, setAddNote] = useState<string | null>(null);
  const addNoteId = useId();
  const full = s.columns.length >= MAX_COLUMNS;

  const hasRepeats = Object.keys(s.repeats).length > 0;
  const anyStale = s.columns.some((c) => s.runs[c.id]?.key !== columnKey(c, s.seed, s.n, ctx));
  const waitsForTraining = trainingRuns && anyStale;
  const canAct = ready && !s.busy && !trainingRuns;
  const runAgain = () => canAct && engine && void s.runAgain(engine);
  const newNoise = () => canAct && engine && void s.newNoise(engine);
  useShortcuts({ runAgain, newNoise });
  const inFlight = Object.keys(s.pending).length;
  const busyText = trainingRuns
    ? "Waiting for training to finish..."
    : `Sampling ${inFlight} of ${s.columns.length} column${s.columns.length === 1 ? "" : "s"} (${s.n} points each)...`;

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
          <button
            type="button"
            onClick={() => setAddNote(s.addColumn())}
            aria-disabled={full}
            aria-describedby={full ? addNoteId : undefined}
            className={full ? "is-disabled" : undefined}
          >
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
      {full ? (
        <p id={addNoteId} className="muted" role={addNote ? "status" : undefined}>
          {addNote ?? columnLimitText()}
        </p>
      ) : null}
      <p className="muted">
        Seed of x_T: <output aria-label="Noise seed">{s.seed}</output>. Each column: {s.n} points.
      </p>
      <PlayerBar
        steps={s.columns.flatMap((c) => {
          const tr = s.runs[c.id]?.trajectory;
          return tr ? [tr.frames - 1] : [];
        })}
      />
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
              schedule={problem?.schedule ?? null}
              canRemove={s.columns.length > 1}
              onEdit={(field, value) => s.editColumn(c.id, field, value)}
              onRemove={() => {
                s.removeColumn(c.id);
                setAddNote(null);
              }}
            />
          );
        })}
      </div>
      <ParticleReadout columns={s.columns} runs={s.runs} problem={problem} />
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

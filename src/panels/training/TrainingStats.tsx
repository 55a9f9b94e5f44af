// Step counter, progress bar, steps/s (with the number of training threads) and time left of the
// current run.
import { useShallow } from "zustand/react/shallow";
import { useThrottled } from "../../hooks/useThrottled";
import { useApp } from "../../state/store";
import { runFlags } from "../../state/trainingRun";

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "—";
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${Math.round(seconds - 60 * m)} s`;
}

export function TrainingStats() {
  const live = useApp(
    useShallow((s) => ({
      step: s.step,
      target: s.target,
      sps: s.stepsPerSecond,
      threads: s.trainThreads,
      training: s.training,
    })),
  );
  const { step, target, sps, threads, training } = useThrottled(live, 250);
  // Train always starts a fresh network, so the run's progress is the network's step count.
  const done = step;
  const { workerBusy: running, runOpen } = runFlags(training, true);
  // Progress "N / target" only while a run exists: after it (finished, ended, reset, a worker
  // restart) the readout is the network's step count, never a stale "2000 / 300".
  const showTarget = runOpen && target > 0 && done <= target;
  const left = running && sps > 0 ? (target - done) / sps : Number.NaN;
  return (
    <div className="train-stats">
      {showTarget ? (
        <progress max={target} value={done} aria-label="Training progress">
          {done} of {target}
        </progress>
      ) : null}
      <dl>
        <div>
          <dt>step</dt>
          <dd>{showTarget ? `${done} / ${target}` : step}</dd>
        </div>
        <div>
          <dt>steps/s</dt>
          <dd>{sps > 0 ? Math.round(sps) : "—"}</dd>
        </div>
        {threads ? (
          <div>
            <dt>threads</dt>
            <dd title={threads}>{threads.startsWith("2") ? "2" : "1"}</dd>
          </div>
        ) : null}
        <div>
          <dt>time left</dt>
          <dd>{running ? formatDuration(left) : "—"}</dd>
        </div>
      </dl>
      {threads?.startsWith("1 thread (") ? <p className="muted">Training on {threads}.</p> : null}
    </div>
  );
}

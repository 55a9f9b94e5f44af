// Panel 3: train your own noise predictor in the worker and watch the loss fall (and, in the
// preview, the samples sharpen).
import { useRunFlags } from "../../hooks/useRunFlags";
import { useApp } from "../../state/store";
import { Panel } from "../../ui/Panel";
import { Setting } from "../shared/Setting";
import { KeepNotes } from "./KeepNotes";
import { LivePreview } from "./LivePreview";
import { LossChart } from "./LossChart";
import { TrainingButtons } from "./TrainingButtons";
import { TrainingStats } from "./TrainingStats";
import "./training.css";
import FORMULA from "./loss.tex?katex";

export function TrainingPanel() {
  const f = useRunFlags();
  const trainError = useApp((s) => s.trainError);
  const locked = f.architectureLocked;
  // The optimiser's knobs may change while paused: Resume goes on with them (a lower rate, say).
  const lockedKnobs = !f.knobsEditable;
  return (
    <Panel
      id="training"
      title="Training"
      explanation="Train the noise predictor eps_theta from scratch on the 300 points (in a background worker); samplers use the averaged (EMA) weights."
      formula={FORMULA}
      error={trainError}
      onDismissError={() => useApp.setState({ trainError: null })}
    >
      <div className="train-layout">
        <div>
          <div className="controls-row">
            <Setting name="trainSteps" disabled={locked} />
            <Setting name="lr" disabled={lockedKnobs} />
            <Setting name="batch" disabled={lockedKnobs} />
            <Setting name="width" disabled={locked} />
            <Setting name="depth" disabled={locked} />
            <Setting name="seed" disabled={locked} />
            <Setting name="backend" disabled={locked} />
          </div>
          <details className="more">
            <summary>More network settings</summary>
            <div className="controls-row">
              <Setting name="activation" disabled={locked} />
              <Setting name="embedDim" disabled={locked} />
              <Setting name="emaDecay" disabled={lockedKnobs} />
            </div>
          </details>
          {f.lockReason ? <p className="field-help lock-reason">{f.lockReason}</p> : null}
          <TrainingButtons />
          <KeepNotes />
          <p className="readout" aria-live="polite">
            Training: {f.phaseText}
          </p>
          <TrainingStats />
        </div>
        <div>
          <LossChart />
          <LivePreview />
        </div>
      </div>
    </Panel>
  );
}

// Panel 3: train your own noise predictor in the worker and watch the loss fall.
import { useApp } from "../../state/store";
import { Panel } from "../../ui/Panel";
import { SettingField } from "../../ui/SettingField";
import { LossChart } from "./LossChart";
import { TrainingButtons } from "./TrainingButtons";
import { TrainingStats } from "./TrainingStats";

const FORMULA = String.raw`L(\theta) = \mathbb E_{x_0,\,t,\,\varepsilon}\big\|\varepsilon - \varepsilon_\theta\big(\sqrt{\bar\alpha_t}\,x_0 + \sqrt{1-\bar\alpha_t}\,\varepsilon,\ t\big)\big\|^2`;

const STATE_TEXT = {
  idle: "idle",
  running: "training...",
  paused: "paused",
  diverged: "paused after diverging",
};

export function TrainingPanel() {
  const training = useApp((s) => s.training);
  const trainError = useApp((s) => s.trainError);
  const locked = training === "running" || training === "paused";
  // The optimiser's knobs may change while paused: Resume goes on with them (a lower rate, say).
  const lockedKnobs = training === "running";
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
            <SettingField name="trainSteps" disabled={locked} />
            <SettingField name="lr" disabled={lockedKnobs} />
            <SettingField name="batch" disabled={lockedKnobs} />
            <SettingField name="width" disabled={locked} />
            <SettingField name="depth" disabled={locked} />
            <SettingField name="seed" disabled={locked} />
            <SettingField name="backend" disabled={locked} />
          </div>
          <details className="more">
            <summary>More network settings</summary>
            <div className="controls-row">
              <SettingField name="activation" disabled={locked} />
              <SettingField name="embedDim" disabled={locked} />
              <SettingField name="emaDecay" disabled={lockedKnobs} />
            </div>
          </details>
          <TrainingButtons />
          <p className="readout" aria-live="polite">
            Training: {STATE_TEXT[training]}
          </p>
          <TrainingStats />
        </div>
        <LossChart />
      </div>
    </Panel>
  );
}

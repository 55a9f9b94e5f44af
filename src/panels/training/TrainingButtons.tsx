// Train / Step / Pause / Resume / End run / Reset and Save / Load file. Which work when comes from
// the run's flags (src/state/trainingRun.ts); Reset asks first, in the page.
import { useRef, useState } from "react";
import { useRunFlags } from "../../hooks/useRunFlags";
import { endRun, loadFromFile, pause, reset, resume, saveToFile, step, train } from "../../state/actions";
import { downloadSession } from "../../state/persist";
import { ConfirmDialog } from "../../ui/ConfirmDialog";

export function TrainingButtons() {
  const f = useRunFlags();
  const [confirming, setConfirming] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  return (
    <div className="button-row">
      <button type="button" className="primary" onClick={() => void train()} disabled={!f.canTrain}>
        Train
      </button>
      {f.showResume ? (
        <button type="button" onClick={() => void resume()}>
          Resume
        </button>
      ) : (
        <button type="button" onClick={() => void pause()} disabled={!f.canPause}>
          Pause
        </button>
      )}
      <button
        type="button"
        onClick={() => void step()}
        disabled={!f.canStep}
        title="Train one chunk of steps, then pause"
      >
        Step
      </button>
      {f.canEnd ? (
        <button
          type="button"
          onClick={() => void endRun()}
          title="Keep the network as it is now and end the run"
        >
          End run
        </button>
      ) : null}
      <button type="button" onClick={() => setConfirming(true)} disabled={!f.ready}>
        Reset
      </button>
      <span className="button-sep" />
      <SaveButton disabled={!f.canUseFiles} />
      <button type="button" onClick={() => fileRef.current?.click()} disabled={!f.canUseFiles}>
        Load from file
      </button>
      <input
        ref={fileRef}
        type="file"
        accept="application/json,.json"
        className="sr-only"
        aria-label="Network file to load"
        tabIndex={-1}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = ""; // the same file can be chosen again
          if (file) void loadFromFile(file);
        }}
      />
      <ConfirmDialog
        open={confirming}
        title="Reset the network?"
        message="This deletes the network saved in this browser and its loss history, and goes back to the pretrained network. Every DDIM Lab tab in this browser shares that saved copy: other tabs will not find it when reloaded. Save to file first if you want to keep it."
        confirmLabel="Delete and reset"
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void reset();
        }}
      />
    </div>
  );
}

export function SaveButton({ disabled, label = "Save to file" }: { disabled?: boolean; label?: string }) {
  return (
    <button type="button" onClick={() => void saveToFile(downloadSession)} disabled={disabled}>
      {label}
    </button>
  );
}

// Train / Pause / Resume / Reset and Save / Load file. Reset asks first, in the page.
import { useRef, useState } from "react";
import { loadFromFile, pause, reset, resume, saveToFile, train } from "../../state/actions";
import { downloadSession } from "../../state/persist";
import { useApp } from "../../state/store";
import { ConfirmDialog } from "../../ui/ConfirmDialog";

export function TrainingButtons() {
  const training = useApp((s) => s.training);
  const ready = useApp((s) => s.network !== null);
  const [confirming, setConfirming] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const busy = training === "running" || training === "paused";
  return (
    <div className="button-row">
      <button type="button" className="primary" onClick={() => void train()} disabled={!ready || busy}>
        Train
      </button>
      {training === "paused" || training === "diverged" ? (
        <button type="button" onClick={() => void resume()}>
          Resume
        </button>
      ) : (
        <button type="button" onClick={() => void pause()} disabled={training !== "running"}>
          Pause
        </button>
      )}
      <button type="button" onClick={() => setConfirming(true)} disabled={!ready}>
        Reset
      </button>
      <span className="button-sep" />
      <button
        type="button"
        onClick={() => void saveToFile(downloadSession)}
        disabled={!ready || training === "running"}
      >
        Save to file
      </button>
      <button
        type="button"
        onClick={() => fileRef.current?.click()}
        disabled={!ready || training === "running"}
      >
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
          const f = e.target.files?.[0];
          e.target.value = ""; // the same file can be chosen again
          if (f) void loadFromFile(f);
        }}
      />
      <ConfirmDialog
        open={confirming}
        title="Reset the network?"
        message="This deletes the network you trained and its loss history from this browser and goes back to the pretrained network. Save to file first if you want to keep it."
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

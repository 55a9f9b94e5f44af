// Notes about where the network is kept: storage full (or the shared copy reset by another tab)
// with Save to file right there, and another tab's newer network with an offer to load it.
import { useRunFlags } from "../../hooks/useRunFlags";
import { loadOtherTab } from "../../state/actions";
import { useApp } from "../../state/store";
import { SaveButton } from "./TrainingButtons";

export function KeepNotes() {
  const unsaved = useApp((s) => s.unsaved);
  const otherTab = useApp((s) => s.otherTab);
  const { workerBusy } = useRunFlags();
  return (
    <>
      {unsaved ? (
        <div className="keep-note" role="alert">
          <p>{unsaved}</p>
          <SaveButton label="Save to file now" />
        </div>
      ) : null}
      {otherTab ? (
        <div className="keep-note" role="status">
          <p>{`Another tab saved a network (${otherTab.steps} steps) to this browser: load it here?`}</p>
          <button type="button" onClick={() => void loadOtherTab()} disabled={workerBusy}>
            Load it
          </button>{" "}
          <button type="button" onClick={() => useApp.setState({ otherTab: null })}>
            Keep this one
          </button>
        </div>
      ) : null}
    </>
  );
}

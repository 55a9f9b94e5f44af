// The page's one-line status ("Restored your network from this browser."): a note pinned to the
// bottom of the window, so showing or clearing it never moves the page; it can be dismissed and
// clears itself after a while, unless it reports work still going on ("Loading the network...").
import { useEffect } from "react";

export const STATUS_CLEAR_MS = 12_000;

export function StatusLine({ text, onDismiss }: { text: string | null; onDismiss: () => void }) {
  useEffect(() => {
    if (!text || text.endsWith("...")) return;
    const timer = setTimeout(onDismiss, STATUS_CLEAR_MS);
    return () => clearTimeout(timer);
  }, [text, onDismiss]);
  return (
    <div className="status-line" role="status">
      {text ? (
        <p className="status">
          <span>{text}</span>
          <button type="button" className="link-button" onClick={onDismiss}>
            Dismiss
          </button>
        </p>
      ) : null}
    </div>
  );
}

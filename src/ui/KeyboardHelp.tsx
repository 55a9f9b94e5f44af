// The page's keyboard shortcuts, listed in a small dialog opened with "?". The rows come from the
// shortcut registry (state/shortcuts.ts) through App, so this component stays presentational.
import { useId, useRef } from "react";
import { useDialogFocus } from "./useDialogFocus";

export function KeyboardHelp({
  open,
  onClose,
  rows,
}: {
  open: boolean;
  onClose: () => void;
  /** [keys as shown, what they do] */
  rows: [string, string][];
}) {
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  useDialogFocus(open, ref, onClose, close);
  if (!open) return null;
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby={`${id}-t`} ref={ref}>
        <h2 id={`${id}-t`} className="modal-title">
          Keyboard shortcuts
        </h2>
        <dl className="shortcuts">
          {rows.map(([k, what]) => (
            <div key={k} className="shortcut-row">
              <dt>
                <kbd>{k}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <div className="modal-actions">
          <button type="button" onClick={onClose} ref={close}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}

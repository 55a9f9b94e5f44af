// The page's keyboard shortcuts, listed in a small dialog opened with "?".
export const SHORTCUTS: [string, string][] = [
  ["Space", "Start training, or pause / resume it (not while typing in a field)"],
  ["?", "Show or hide this list"],
  ["Esc", "Close this list or a dialog"],
  ["Tab / Shift+Tab", "Move between controls"],
];

export function KeyboardHelp({
  open,
  onClose,
  extra = [],
}: {
  open: boolean;
  onClose: () => void;
  /** The panels' own shortcuts, listed after the page's. */
  extra?: [string, string][];
}) {
  if (!open) return null;
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts">
        <h3>Keyboard</h3>
        <dl className="shortcuts">
          {[...SHORTCUTS, ...extra].map(([k, what]) => (
            <div key={k} className="shortcut-row">
              <dt>
                <kbd>{k}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <div className="modal-actions">
          {/* biome-ignore lint/a11y/noAutofocus: the dialog's only control takes the focus */}
          <button type="button" onClick={onClose} autoFocus>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}

/** True when a key press belongs to a form control, not to the page's shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return ["INPUT", "SELECT", "TEXTAREA", "BUTTON", "SUMMARY", "A"].includes(target.tagName);
}

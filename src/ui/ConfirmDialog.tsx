// An in-page confirmation (window.confirm blocks the page and cannot be styled or tested). The
// focus starts on the safe choice, stays inside while open, and returns to the opener on close.
import { useId, useRef } from "react";
import { useDialogFocus } from "./useDialogFocus";

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({
  open,
  title,
  message,
  confirmLabel,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useDialogFocus(open, ref, onCancel, cancelRef);
  if (!open) return null;
  return (
    <div className="modal-backdrop">
      <div
        className="modal"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${id}-t`}
        aria-describedby={`${id}-m`}
        ref={ref}
      >
        <h2 id={`${id}-t`} className="modal-title">
          {title}
        </h2>
        <p id={`${id}-m`}>{message}</p>
        <div className="modal-actions">
          <button type="button" ref={cancelRef} onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="danger" onClick={onConfirm}>
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}

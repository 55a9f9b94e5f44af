// One export action: builds the file only when clicked (a PNG or a long CSV costs nothing until
// asked for), downloads it, and reports a failure in words instead of throwing.
import { useState } from "react";
import { download } from "./export";

export interface ExportButtonProps {
  /** What the button says, e.g. "Loss history (CSV)". */
  label: string;
  filename: string;
  make: () => Blob | Promise<Blob>;
  /** Called with one line when the file could not be made (e.g. nothing drawn yet). */
  onError?: (message: string) => void;
  /** Replaces the browser download (tests). */
  save?: (blob: Blob, filename: string) => void;
  className?: string;
}

export function ExportButton({
  label,
  filename,
  make,
  onError,
  save = download,
  className = "export-button",
}: ExportButtonProps) {
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      save(await make(), filename);
    } catch (e) {
      onError?.(`Could not export ${label}: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      className={className}
      title={label}
      disabled={busy}
      aria-busy={busy}
      onClick={() => void run()}
    >
      {label}
    </button>
  );
}

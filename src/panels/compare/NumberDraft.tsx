// A number field that keeps what the person typed (even when it is refused) while the column keeps
// its previous good value; the refusal message sits under the field and is tied to it for screen readers.
import { useEffect, useId, useState } from "react";

export interface NumberDraftProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number | "any";
  error?: string;
  /** Called on every change with the raw text; the owner validates it. */
  onEdit: (raw: string) => void;
}

export function NumberDraft({ label, value, min, max, step, error, onEdit }: NumberDraftProps) {
  const id = useId();
  const [draft, setDraft] = useState(String(value));
  // Follow outside changes (e.g. steps clamped to a smaller T) without undoing "0." while typing.
  useEffect(() => {
    setDraft((d) => (Number(d) === value && d.trim() !== "" ? d : String(value)));
  }, [value]);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        min={min}
        max={max}
        step={step}
        value={draft}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          onEdit(e.target.value);
        }}
      />
      {error ? (
        <span id={`${id}-err`} className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

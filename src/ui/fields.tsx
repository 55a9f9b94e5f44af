// The page's one set of labelled form controls, with in-place validation messages. Number fields
// keep the typed text while it is being edited and commit on blur/Enter (never per keystroke), so
// a half-typed "0." is neither an error nor a recomputation; a refused value stays visible with
// its message while the owner keeps the previous good value.
import { type ReactNode, useEffect, useId, useState } from "react";

interface FieldShell {
  label: string;
  help?: string;
  error?: string | null;
  children: (ids: { input: string; describedBy: string | undefined }) => ReactNode;
}

function Field({ label, help, error, children }: FieldShell) {
  const id = useId();
  const input = `${id}-input`;
  const helpId = help ? `${id}-help` : undefined;
  const errId = error ? `${id}-err` : undefined;
  const describedBy = [helpId, errId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={input}>{label}</label>
      {children({ input, describedBy })}
      {help ? (
        <span id={helpId} className="field-help">
          {help}
        </span>
      ) : null}
      {error ? (
        <span id={errId} className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

export interface NumberFieldProps {
  label: string;
  value: number;
  /** Called on Enter or blur with the typed text; returns an error message, or null when accepted. */
  onCommit: (text: string) => string | null | undefined;
  help?: string;
  /** Limits shown by the browser's spinner (the owner validates; infinite limits are left out). */
  min?: number;
  max?: number;
  /** Whole numbers only: the spinner steps by 1 (or `step`). */
  integer?: boolean;
  step?: number | "any";
  /** A message from the owner (e.g. a limit that depends on other fields), shown like a refusal. */
  error?: string | null;
  disabled?: boolean;
}

const finite = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v : undefined);

export function NumberField(props: NumberFieldProps) {
  const { label, value, onCommit, help, min, max, integer, disabled } = props;
  const step = props.step ?? (integer ? 1 : "any");
  const [text, setText] = useState(String(value));
  const [refused, setError] = useState<string | null>(null);
  const error = refused ?? props.error ?? null;
  // Follow outside changes (URL, file, reset) unless the user is mid-edit with an error.
  useEffect(() => {
    setText(String(value));
    setError(null);
  }, [value]);
  const commit = () => {
    if (text === String(value)) {
      setError(null);
      return;
    }
    setError(onCommit(text) ?? null);
  };
  return (
    <Field label={label} help={help} error={error}>
      {({ input, describedBy }) => (
        <input
          id={input}
          type="number"
          inputMode="decimal"
          value={text}
          min={finite(min)}
          max={finite(max)}
          step={step}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === "Enter") commit();
          }}
        />
      )}
    </Field>
  );
}

export interface SelectProps<T extends string> {
  label: string;
  value: T;
  options: readonly T[];
  /** Display text per option (defaults to the value). */
  optionLabels?: Partial<Record<T, string>>;
  onChange: (value: T) => string | null | undefined;
  help?: string;
  disabled?: boolean;
}

export function Select<T extends string>(props: SelectProps<T>) {
  const { label, value, options, optionLabels, onChange, help, disabled } = props;
  const [error, setError] = useState<string | null>(null);
  return (
    <Field label={label} help={help} error={error}>
      {({ input, describedBy }) => (
        <select
          id={input}
          value={value}
          disabled={disabled}
          aria-describedby={describedBy}
          onChange={(e) => setError(onChange(e.target.value as T) ?? null)}
        >
          {options.map((o) => (
            <option key={o} value={o}>
              {optionLabels?.[o] ?? o}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export interface SliderProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  onChange: (value: number) => void;
  /** Text shown next to the slider and read by screen readers, e.g. "t = 250". */
  valueText?: string;
  help?: string;
  disabled?: boolean;
}

export function Slider(props: SliderProps) {
  const { label, value, min, max, step = 1, onChange, valueText, help, disabled } = props;
  return (
    <Field label={label} help={help}>
      {({ input, describedBy }) => (
        <span className="slider-row">
          <input
            id={input}
            type="range"
            value={value}
            min={min}
            max={max}
            step={step}
            disabled={disabled}
            aria-valuetext={valueText}
            aria-describedby={describedBy}
            onChange={(e) => onChange(Number(e.target.value))}
          />
          <output htmlFor={input} className="slider-value">
            {valueText ?? value}
          </output>
        </span>
      )}
    </Field>
  );
}

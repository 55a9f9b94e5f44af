// The control of one settings-schema entry, presentational: its label, limits and help come from
// the entry, the value and what to do on a commit from the owner (src/panels/shared/Setting.tsx
// binds it to the store).
import { NumberField, Select } from "./fields";

/** What the control needs of a settings entry (an entry of state/settings.ts fits as it is). */
export type SettingSpec =
  | { kind: "choice"; label: string; help: string; options: readonly string[] }
  | { kind: "int" | "real"; label: string; help: string; step?: number };

export interface SettingFieldProps {
  prop: SettingSpec;
  value: number | string;
  /** Limits of a number entry (read from its schema by the owner). */
  limits?: { min: number; max: number };
  /** Text from the control; returns the error to show, or null. */
  onCommit: (value: string) => string | null;
  disabled?: boolean;
  /** Overrides the schema's label (e.g. a shorter one in a tight row). */
  label?: string;
  /** Display text of the options of a choice. */
  optionLabels?: Record<string, string>;
}

export function SettingField(props: SettingFieldProps) {
  const { prop, value, limits, onCommit, disabled, label, optionLabels } = props;
  if (prop.kind === "choice") {
    return (
      <Select
        label={label ?? prop.label}
        value={String(value)}
        options={prop.options}
        optionLabels={optionLabels}
        help={prop.help}
        disabled={disabled}
        onChange={(v) => onCommit(v)}
      />
    );
  }
  return (
    <NumberField
      label={label ?? prop.label}
      value={Number(value)}
      min={limits?.min}
      max={limits?.max}
      integer={prop.kind === "int"}
      step={prop.kind === "int" ? (prop.step ?? 1) : "any"}
      help={prop.help}
      disabled={disabled}
      onCommit={onCommit}
    />
  );
}

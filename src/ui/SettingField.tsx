// A control bound to one entry of the settings schema: its label, limits, help and validation
// all come from the schema, and a teacher's `hide=` link removes it.
import { PROPS_BY_KEY, type SettingKey } from "../state/settings";
import { setSetting, useApp } from "../state/store";
import { NumberField, Select } from "./fields";

export interface SettingFieldProps {
  name: SettingKey;
  disabled?: boolean;
  /** Overrides the schema's label (e.g. a shorter one in a tight row). */
  label?: string;
  /** Display text of the options of a choice. */
  optionLabels?: Record<string, string>;
  /** Upper limit that depends on other settings (e.g. S <= T). */
  max?: number;
}

export function SettingField({ name, disabled, label, optionLabels, max }: SettingFieldProps) {
  const prop = PROPS_BY_KEY[name];
  const value = useApp((s) => s.settings[name]);
  const hidden = useApp((s) => s.hidden.has(name));
  if (hidden) return null;
  if (prop.kind === "choice") {
    return (
      <Select
        label={label ?? prop.label}
        value={String(value)}
        options={prop.options}
        optionLabels={optionLabels}
        help={prop.help}
        disabled={disabled}
        onChange={(v) => setSetting(name, v)}
      />
    );
  }
  return (
    <NumberField
      label={label ?? prop.label}
      value={Number(value)}
      min={prop.min}
      max={max ?? prop.max}
      step={prop.kind === "int" ? (prop.step ?? 1) : "any"}
      help={prop.help}
      disabled={disabled}
      onCommit={(text) => setSetting(name, text)}
    />
  );
}

// A control bound to one entry of the settings schema and to the store: its value, whether a
// teacher's `hide=` link removes it, limits read from its zod schema, and setSetting on commit.
import { limitsOf, PROPS_BY_KEY, type SettingKey } from "../../state/settings";
import { setSetting, useApp } from "../../state/store";
import { SettingField } from "../../ui/SettingField";

export interface SettingProps {
  name: SettingKey;
  disabled?: boolean;
  label?: string;
  optionLabels?: Record<string, string>;
  /** Upper limit that depends on other settings (e.g. S <= T). */
  max?: number;
}

export function Setting({ name, disabled, label, optionLabels, max }: SettingProps) {
  const prop = PROPS_BY_KEY[name];
  const value = useApp((s) => s.settings[name]);
  const hidden = useApp((s) => s.hidden.has(name));
  if (hidden) return null;
  const limits = prop.kind === "choice" ? undefined : limitsOf(name);
  return (
    <SettingField
      prop={prop}
      value={value}
      limits={limits && max !== undefined ? { ...limits, max } : limits}
      onCommit={(text) => setSetting(name, text)}
      disabled={disabled}
      label={label}
      optionLabels={optionLabels}
    />
  );
}

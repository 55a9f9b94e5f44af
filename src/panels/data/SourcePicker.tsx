// Which data the lab uses: the course's mixture (default), a seeded preset with n and seed knobs,
// your drawing, or pasted/loaded CSV. Knobs are validated before anything changes.
import { useEffect, useState } from "react";
import {
  checkSource,
  PRESET_N_MAX,
  PRESET_N_MIN,
  PRESET_NAMES,
  PRESETS,
  type PresetName,
} from "../../core/datasets";
import { parseNumber } from "../../core/numbers";
import { chooseData, useData } from "../../state/data";
import { NumberField, Select } from "../../ui/fields";
import { CsvInput } from "./CsvInput";
import { DrawPad } from "./DrawPad";

export type SourceTab = "tutorial" | "preset" | "draw" | "csv";
const TABS: readonly SourceTab[] = ["tutorial", "preset", "draw", "csv"];
const TAB_LABELS: Record<SourceTab, string> = {
  tutorial: "Course's mixture",
  preset: "Preset",
  draw: "Draw",
  csv: "Paste / load CSV",
};

export function SourcePicker() {
  const source = useData((s) => s.source);
  const lab = useData((s) => s.lab);
  const error = useData((s) => s.error);
  const [tab, setTab] = useState<SourceTab>(source.kind === "custom" ? "csv" : source.kind);
  // Follow a change from outside (the link, a restored session): a preset or the course's set
  // selects its own tab; own points keep "draw" or "csv", whichever is open.
  useEffect(() => {
    if (source.kind !== "custom") setTab(source.kind);
    else setTab((t) => (t === "draw" || t === "csv" ? t : "csv"));
  }, [source]);
  const preset =
    source.kind === "preset"
      ? source
      : { kind: "preset" as const, name: "ring" as PresetName, n: 400, seed: 0 };

  /** Validates a knob now (the field shows the message) and applies it if good. */
  const knob = (change: Partial<{ name: PresetName; n: number; seed: number }>): string | null => {
    const next = { ...preset, ...change };
    const r = checkSource(next);
    if (!r.ok) return r.error;
    void chooseData(next);
    return null;
  };
  const number = (text: string): number => {
    return parseNumber(text) ?? Number.NaN;
  };

  const pick = (t: SourceTab) => {
    setTab(t);
    if (t === "tutorial") void chooseData({ kind: "tutorial" });
    if (t === "preset" && source.kind !== "preset") void chooseData(preset);
  };

  return (
    <div className="source-picker">
      <fieldset className="radio-row">
        <legend>Data set</legend>
        {TABS.map((t) => (
          <label key={t}>
            <input type="radio" name="data-source" checked={tab === t} onChange={() => pick(t)} />
            {TAB_LABELS[t]}
          </label>
        ))}
      </fieldset>
      {tab === "preset" ? (
        <div className="preset-knobs">
          <Select
            label="Preset"
            value={preset.name}
            options={PRESET_NAMES}
            optionLabels={Object.fromEntries(PRESET_NAMES.map((p) => [p, PRESETS[p].label]))}
            onChange={(name) => knob({ name, n: PRESETS[name].defaultN })}
            help={PRESETS[preset.name].lesson}
          />
          <NumberField
            label="Points (n)"
            value={preset.n}
            min={PRESET_N_MIN}
            max={PRESET_N_MAX}
            step={1}
            onCommit={(t) => knob({ n: number(t) })}
          />
          <NumberField
            label="Data seed"
            value={preset.seed}
            min={0}
            step={1}
            onCommit={(t) => knob({ seed: number(t) })}
          />
        </div>
      ) : null}
      {tab === "draw" ? <DrawPad initial={source.kind === "custom" ? lab.points : undefined} /> : null}
      {tab === "csv" ? <CsvInput /> : null}
      {error ? (
        <p className="field-error" role="alert">
          Not changed: {error}.
        </p>
      ) : null}
    </div>
  );
}

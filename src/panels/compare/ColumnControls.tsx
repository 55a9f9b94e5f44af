// The editable settings of one comparison column: sampler, steps S, eta (DDIM only), spacing,
// variance (DDPM only) and which noise predictor to use. Every edit goes through the column store's
// validation; a refused value shows why and the column keeps its previous good settings.
import { useId } from "react";
import { SAMPLER_KINDS, SPACINGS, VARIANCES } from "../../core/config";
import { SAMPLER_LABELS } from "../../core/samplers";
import { type ColumnField, type CompareColumn, MODEL_CHOICES, MODEL_LABELS } from "../../state/compare";
import { NumberDraft } from "./NumberDraft";

export interface ColumnControlsProps {
  column: CompareColumn;
  T: number;
  errors: Partial<Record<ColumnField, string>>;
  onEdit: (field: ColumnField, value: string) => string | null;
}

export function ColumnControls({ column, T, errors, onEdit }: ColumnControlsProps) {
  const { sampler, model } = column;
  return (
    <div className="column-controls">
      <Choice
        label="Sampler"
        value={sampler.sampler}
        options={SAMPLER_KINDS.map((k) => [k, SAMPLER_LABELS[k]])}
        error={errors.sampler}
        onChange={(v) => onEdit("sampler", v)}
      />
      <NumberDraft
        label="Steps S"
        value={sampler.steps}
        min={1}
        max={T}
        step={1}
        error={errors.steps}
        onEdit={(v) => onEdit("steps", v)}
      />
      {sampler.sampler === "ddim" ? (
        <NumberDraft
          label="eta"
          value={sampler.eta}
          min={0}
          max={1}
          step={0.1}
          error={errors.eta}
          onEdit={(v) => onEdit("eta", v)}
        />
      ) : null}
      <Choice
        label="Spacing"
        value={sampler.spacing}
        options={SPACINGS.map((s) => [s, s])}
        error={errors.spacing}
        onChange={(v) => onEdit("spacing", v)}
      />
      {sampler.sampler === "ddpm" ? (
        <Choice
          label="Variance"
          value={sampler.variance}
          options={VARIANCES.map((v) => [v, v === "small" ? "small (beta tilde)" : "large (beta)"])}
          error={errors.variance}
          onChange={(v) => onEdit("variance", v)}
        />
      ) : null}
      <Choice
        label="Model"
        value={model}
        options={MODEL_CHOICES.map((m) => [m, MODEL_LABELS[m]])}
        error={errors.model}
        onChange={(v) => onEdit("model", v)}
      />
    </div>
  );
}

interface ChoiceProps {
  label: string;
  value: string;
  options: [string, string][];
  error?: string;
  onChange: (v: string) => void;
}

function Choice({ label, value, options, error, onChange }: ChoiceProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
      >
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

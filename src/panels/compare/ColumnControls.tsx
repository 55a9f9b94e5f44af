// The editable settings of one comparison column: sampler, steps S, eta (DDIM only), spacing,
// variance (DDPM only) and which noise predictor to use. Number fields commit on Enter or when
// they lose focus (typing 9999 never runs S=99 on the way); a refused value says what is allowed
// and the column keeps its previous good settings.
import { SAMPLER_KINDS, SPACINGS, VARIANCES } from "../../core/config";
import { SAMPLERS } from "../../core/samplers/registry";
import type { ModelChoice } from "../../engine/api";
import { type ColumnField, type CompareColumn, MODEL_CHOICES } from "../../state/compare";
import { NumberField, Select } from "../../ui/fields";
import { useModelLabels } from "../data/useDataView";

const SAMPLER_LABELS = Object.fromEntries(SAMPLER_KINDS.map((k) => [k, SAMPLERS[k].label]));
export interface ColumnControlsProps {
  column: CompareColumn;
  T: number;
  onEdit: (field: ColumnField, value: string) => string | null;
}

const VARIANCE_LABELS = { small: "small (beta tilde)", large: "large (beta)" } as const;

export function ColumnControls({ column, T, onEdit }: ColumnControlsProps) {
  const { sampler, model } = column;
  const params = SAMPLERS[sampler.sampler].params;
  const modelLabels = useModelLabels();
  return (
    <div className="column-controls">
      <Select
        label="Sampler"
        value={sampler.sampler}
        options={SAMPLER_KINDS}
        optionLabels={SAMPLER_LABELS}
        onChange={(v) => onEdit("sampler", v)}
      />
      <NumberField
        label="Steps S"
        value={sampler.steps}
        min={1}
        max={T}
        step={1}
        onCommit={(v) => onEdit("steps", v)}
      />
      {params.eta ? (
        <NumberField
          label="eta"
          value={sampler.eta}
          min={0}
          max={1}
          step={0.1}
          onCommit={(v) => onEdit("eta", v)}
        />
      ) : null}
      {params.spacing ? (
        <Select
          label="Spacing"
          value={sampler.spacing}
          options={SPACINGS}
          onChange={(v) => onEdit("spacing", v)}
        />
      ) : null}
      {params.variance ? (
        <Select
          label="Variance"
          value={sampler.variance}
          options={VARIANCES}
          optionLabels={VARIANCE_LABELS}
          onChange={(v) => onEdit("variance", v)}
        />
      ) : null}
      <Select<ModelChoice>
        label="Model"
        value={model}
        options={MODEL_CHOICES}
        optionLabels={modelLabels}
        onChange={(v) => onEdit("model", v)}
      />
    </div>
  );
}

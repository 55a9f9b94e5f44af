// One column of the comparison grid: its settings, its samples over the true density, and its figures.
import { useId } from "react";
import type { Schedule } from "../../core/schedule";
import type { Mixture2D } from "../../core/types";
import type { ColumnField, ColumnRun, CompareColumn, RepeatCheck } from "../../state/compare";
import { SERIES_COLORS } from "../../ui/palette";
import type { Bounds } from "../../ui/plotGeometry";
import { ColumnControls } from "./ColumnControls";
import { columnTitle, diffText } from "./format";
import { ColumnPlot } from "./player/ColumnPlot";
import { StepReadout } from "./player/StepReadout";
import { QualityFigures } from "./QualityFigures";

export interface ColumnCardProps {
  index: number;
  column: CompareColumn;
  /** The latest result, or null while the first run is pending. */
  run: ColumnRun | null;
  /** True when run comes from older settings, seed or network (a new run is on its way). */
  stale: boolean;
  repeat: RepeatCheck | null;
  T: number;
  density: Mixture2D;
  /** Axes that fit the lab's data (default: the course's). */
  bounds?: Bounds;
  /** The noise schedule of the network's problem (for the player's t and abar readout). */
  schedule: Schedule | null;
  canRemove: boolean;
  onEdit: (field: ColumnField, value: string) => string | null;
  onRemove: () => void;
}

export function ColumnCard(props: ColumnCardProps) {
  const { index, column, run, stale, repeat, T, density, bounds, schedule, canRemove, onEdit, onRemove } =
    props;
  const titleId = useId();
  const title = columnTitle(column);
  const color = SERIES_COLORS[index % SERIES_COLORS.length];
  return (
    <article className="compare-column" aria-labelledby={titleId} aria-busy={stale}>
      <header className="compare-column-head">
        <h3 id={titleId}>
          Column {index + 1}: {title}
        </h3>
        <button
          type="button"
          className="icon-button"
          onClick={onRemove}
          disabled={!canRemove}
          aria-label={`Remove column ${index + 1}`}
          title="Remove this column"
        >
          ×
        </button>
      </header>
      <fieldset>
        <legend className="sr-only">Settings of column {index + 1}</legend>
        <ColumnControls column={column} T={T} onEdit={onEdit} />
      </fieldset>
      <div className={stale ? "compare-plot is-stale" : "compare-plot"}>
        <ColumnPlot run={run} color={color} title={title} density={density} bounds={bounds} />
        {run?.trajectory ? <StepReadout grid={run.result.grid} schedule={schedule} /> : null}
      </div>
      {run ? (
        <QualityFigures q={run.result.quality} nfe={run.result.nfe} ms={run.result.ms} />
      ) : (
        <p className="muted">Sampling {column.sampler.steps} steps...</p>
      )}
      {run?.result.warning ? (
        <p className="warning" role="alert">
          {run.result.warning}
        </p>
      ) : null}
      {repeat ? (
        <p className="repeat-diff">
          Same noise, run again: max |difference| = <output>{diffText(repeat.maxAbsDiff)}</output>
        </p>
      ) : null}
    </article>
  );
}

// Choose two training points as the ends of the highlighted path: click them on the small plot or
// type their numbers; "Invert and interpolate" maps them to noise with DDIM inversion.
import { useId, useMemo } from "react";
import { OKABE_ITO } from "../../ui/palette";
import { nearestPoint } from "../../ui/plotGeometry";
import { ScatterCanvas } from "../../ui/ScatterCanvas";

export interface PointPickerProps {
  training: Float32Array;
  pickA: number | null;
  pickB: number | null;
  rmse: number | null;
  busy: boolean;
  onPick: (index: number, which?: "a" | "b") => void;
  onInvert: () => void;
}

export function PointPicker({ training, pickA, pickB, rmse, busy, onPick, onInvert }: PointPickerProps) {
  const n = training.length / 2;
  const chosen = useMemo(() => {
    const pts: number[] = [];
    for (const i of [pickA, pickB]) if (i !== null) pts.push(training[2 * i], training[2 * i + 1]);
    return pts;
  }, [training, pickA, pickB]);
  const series = useMemo(
    () => [
      { points: training, color: "#6b6b6b", radius: 2, alpha: 0.8, label: "training points" },
      { points: chosen, color: OKABE_ITO.vermillion, radius: 5, alpha: 1, label: "chosen ends" },
    ],
    [training, chosen],
  );
  return (
    <div className="interp-picker">
      <ScatterCanvas
        series={series}
        label="Training points: click two to interpolate between them"
        onPick={(x, y) => onPick(nearestPoint(training, x, y) ?? 0)}
        aspect={1.4}
      />
      <div className="interp-picker-fields">
        <IndexField label="Data point A" value={pickA} max={n - 1} onChange={(i) => onPick(i, "a")} />
        <IndexField label="Data point B" value={pickB} max={n - 1} onChange={(i) => onPick(i, "b")} />
        <button
          type="button"
          disabled={busy || pickA === null || pickB === null || pickA === pickB}
          onClick={onInvert}
        >
          Invert and interpolate
        </button>
        {rmse !== null ? (
          <p className="muted">
            Inversion round trip error (invert then decode): {rmse.toFixed(3)} (raw units).
          </p>
        ) : null}
      </div>
    </div>
  );
}

function IndexField(props: {
  label: string;
  value: number | null;
  max: number;
  onChange: (i: number) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>
        {props.label} (0 to {props.max})
      </label>
      <input
        id={id}
        type="number"
        min={0}
        max={props.max}
        step={1}
        value={props.value ?? ""}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (e.target.value !== "" && Number.isInteger(v) && v >= 0 && v <= props.max) props.onChange(v);
        }}
      />
    </div>
  );
}

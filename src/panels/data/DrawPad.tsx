// Draw your own data: press or drag on the plot to spray points (or erase them), with brush size,
// undo and clear; "Use these points" makes the drawing the lab's data set (validated like a CSV).
import { type PointerEvent, useRef, useState } from "react";
import { chooseData } from "../../state/data";
import { OKABE_ITO } from "../../ui/palette";
import { type Bounds, fromPx, makeFrame } from "../../ui/plotGeometry";
import { ScatterCanvas } from "../../ui/ScatterCanvas";
import {
  BRUSH_SIZES,
  type BrushSize,
  beginStroke,
  clear,
  type Drawing,
  EMPTY_DRAWING,
  erase,
  spray,
  undo,
} from "./draw";

/** A square drawing area in raw units, wide enough for every preset. */
export const DRAW_BOUNDS: Bounds = { xMin: -10, xMax: 10, yMin: -10, yMax: 10 };

export function DrawPad({ initial }: { initial?: ArrayLike<number> }) {
  const [drawing, setDrawing] = useState<Drawing>(() =>
    initial ? { ...EMPTY_DRAWING, points: Array.from(initial) } : EMPTY_DRAWING,
  );
  const [size, setSize] = useState<BrushSize>("medium");
  const [mode, setMode] = useState<"spray" | "erase">("spray");
  const [message, setMessage] = useState<string | null>(null);
  const stroke = useRef(false);
  const brush = { radius: BRUSH_SIZES[size], perDab: size === "wide" ? 6 : 3 };

  /** The pointer in data units, from the canvas's own box (the plot's frame and bounds). */
  const at = (e: PointerEvent<HTMLDivElement>): [number, number] | null => {
    const canvas = e.currentTarget.querySelector("canvas");
    if (!canvas) return null;
    const r = canvas.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) return null;
    return fromPx(makeFrame(r.width, r.height), DRAW_BOUNDS, e.clientX - r.left, e.clientY - r.top);
  };
  const dab = (d: Drawing, p: [number, number]) =>
    mode === "spray" ? spray(d, p[0], p[1], brush) : erase(d, p[0], p[1], brush);

  const onDown = (e: PointerEvent<HTMLDivElement>) => {
    const p = at(e);
    if (!p) return;
    stroke.current = true;
    e.currentTarget.setPointerCapture?.(e.pointerId);
    setDrawing((d) => dab(beginStroke(d), p));
  };
  const onMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!stroke.current) return;
    const p = at(e);
    if (p) setDrawing((d) => dab(d, p));
  };
  const onUp = () => {
    stroke.current = false;
  };
  const use = async () => {
    const n = drawing.points.length / 2;
    const err = await chooseData({
      kind: "custom",
      points: Float32Array.from(drawing.points),
      label: `your drawing (${n} points)`,
    });
    setMessage(err ? `Not used: ${err}.` : `Your drawing (${n} points) is the data set now.`);
  };

  const n = drawing.points.length / 2;
  return (
    <div className="draw-pad">
      <div className="draw-tools" role="toolbar" aria-label="Drawing tools">
        <fieldset className="radio-row">
          <legend>Brush</legend>
          {(["spray", "erase"] as const).map((m) => (
            <label key={m}>
              <input type="radio" name="draw-mode" checked={mode === m} onChange={() => setMode(m)} />
              {m === "spray" ? "Spray points" : "Erase"}
            </label>
          ))}
        </fieldset>
        <fieldset className="radio-row">
          <legend>Brush size</legend>
          {(Object.keys(BRUSH_SIZES) as BrushSize[]).map((s) => (
            <label key={s}>
              <input type="radio" name="draw-size" checked={size === s} onChange={() => setSize(s)} />
              {s}
            </label>
          ))}
        </fieldset>
        <button type="button" onClick={() => setDrawing(undo)} disabled={drawing.undo.length === 0}>
          Undo
        </button>
        <button type="button" onClick={() => setDrawing(clear)} disabled={n === 0}>
          Clear
        </button>
        <button type="button" className="primary" onClick={() => void use()} disabled={n < 2}>
          Use these {n} points
        </button>
      </div>
      {/* The canvas is the drawing surface; the CSV box is the keyboard route to the same data. */}
      <div
        className="draw-surface"
        data-testid="draw-surface"
        // A finger drags to draw here, not to scroll the page.
        style={{ touchAction: "none", cursor: "crosshair" }}
        onPointerDown={onDown}
        onPointerMove={onMove}
        onPointerUp={onUp}
        onPointerCancel={onUp}
      >
        <ScatterCanvas
          label={`Drawing area: ${n} points drawn. Press or drag to ${mode === "spray" ? "add" : "erase"} points.`}
          series={[{ points: drawing.points, color: OKABE_ITO.blue, label: "drawn points", radius: 2.5 }]}
          bounds={DRAW_BOUNDS}
          aspect={1}
        />
      </div>
      <p className="readout" aria-live="polite">
        {n} points drawn (2 to 20000 can be used).{message ? ` ${message}` : ""}
      </p>
    </div>
  );
}

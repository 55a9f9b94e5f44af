// A point-cloud plot on canvas (thousands of points; SVG is too slow for that),
// HiDPI aware, with axes in the data's own units, optional true-density contours, polylines and
// a marker. It has an accessible name and a short text summary for screen readers.
import { type MouseEvent, useEffect, useMemo, useRef } from "react";
import type { Mixture2D } from "../core/types";
import { mixtureContours } from "./contours";
import {
  drawBackground,
  drawMarks,
  type ScatterLine,
  type ScatterMarker,
  type ScatterSeries,
} from "./drawScatter";
import { type Bounds, DATA_BOUNDS, fromPx, makeFrame } from "./plotGeometry";
import { useContainerWidth } from "./useContainerWidth";

// The mark types live with the drawing code (no import cycle); re-exported for the panels.
export type { ScatterLine, ScatterMarker, ScatterSeries } from "./drawScatter";

export interface ScatterCanvasProps {
  series: ScatterSeries[];
  /** Accessible name, e.g. "Samples of DDIM eta=0, S=50". */
  label: string;
  /** Short text alternative; a point count and range summary is generated when omitted. */
  summary?: string;
  bounds?: Bounds;
  /** Draw iso-density lines of this mixture (same units as the points). */
  density?: Mixture2D;
  lines?: ScatterLine[];
  marker?: ScatterMarker | null;
  /** CSS height in pixels; the width follows the container (aspect kept when `aspect` is set). */
  height?: number;
  /** width / height; default 1.25. */
  aspect?: number;
  /** Click in data coordinates (e.g. to pick a point). */
  onPick?: (x: number, y: number) => void;
  className?: string;
}

export function ScatterCanvas(props: ScatterCanvasProps) {
  const {
    series,
    label,
    summary,
    bounds = DATA_BOUNDS,
    density,
    lines,
    marker,
    aspect = 1.25,
    onPick,
  } = props;
  const [wrapRef, width] = useContainerWidth<HTMLElement>();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const height = props.height ?? Math.round(width / aspect);

  const contours = useMemo(() => (density ? mixtureContours(density, bounds) : null), [density, bounds]);

  // Axes and contours drawn once per size into an offscreen canvas: an animation frame then costs
  // one drawImage plus the marks, not the whole plot (a few ms for 3 columns of 1000 points).
  const background = useMemo(() => {
    if (typeof document === "undefined") return null;
    const dpr = typeof window !== "undefined" ? window.devicePixelRatio || 1 : 1;
    const bg = document.createElement("canvas");
    bg.width = Math.round(width * dpr);
    bg.height = Math.round(height * dpr);
    let ctx: CanvasRenderingContext2D | null = null;
    try {
      ctx = bg.getContext("2d");
    } catch {
      ctx = null; // no canvas (e.g. jsdom)
    }
    if (!ctx) return null;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawBackground(ctx, makeFrame(width, height), bounds, contours);
    return bg;
  }, [width, height, bounds, contours]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !background) return;
    // Resizing the backing store clears and reallocates it: only when the size really changed.
    if (canvas.width !== background.width) canvas.width = background.width;
    if (canvas.height !== background.height) canvas.height = background.height;
    const ctx = canvas.getContext("2d");
    if (!ctx) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(background, 0, 0);
    const dpr = background.width / width;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawMarks(ctx, makeFrame(width, height), bounds, { series, contours: null, lines, marker });
  }, [background, width, height, bounds, series, lines, marker]);

  const text = summary ?? describe(series);
  const onClick = onPick
    ? (e: MouseEvent<HTMLCanvasElement>) => {
        const r = e.currentTarget.getBoundingClientRect();
        const [x, y] = fromPx(makeFrame(width, height), bounds, e.clientX - r.left, e.clientY - r.top);
        onPick(x, y);
      }
    : undefined;

  return (
    <figure className={`scatter${props.className ? ` ${props.className}` : ""}`} ref={wrapRef}>
      <canvas
        ref={canvasRef}
        role="img"
        aria-label={label}
        style={{ width: `${width}px`, height: `${height}px`, cursor: onPick ? "crosshair" : undefined }}
        onClick={onClick}
      />
      {series.length > 1 ? (
        <figcaption className="scatter-legend">
          {series.map((s) => (
            <span key={s.label} className="legend-item">
              <span className="legend-dot" style={{ background: s.color }} aria-hidden="true" />
              {s.label}
            </span>
          ))}
        </figcaption>
      ) : null}
      <p className="sr-only">{text}</p>
    </figure>
  );
}

/** "300 points (training data), x from -6.1 to 8.9, y from -2.4 to 9.7." */
export function describe(series: ScatterSeries[]): string {
  return series
    .map((s) => {
      let n = 0;
      let xMin = Number.POSITIVE_INFINITY;
      let xMax = Number.NEGATIVE_INFINITY;
      let yMin = Number.POSITIVE_INFINITY;
      let yMax = Number.NEGATIVE_INFINITY;
      for (let i = 0; i + 1 < s.points.length; i += 2) {
        const x = s.points[i];
        const y = s.points[i + 1];
        if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
        n++;
        xMin = Math.min(xMin, x);
        xMax = Math.max(xMax, x);
        yMin = Math.min(yMin, y);
        yMax = Math.max(yMax, y);
      }
      if (n === 0) return `no points (${s.label}).`;
      const f = (v: number) => v.toFixed(1);
      return `${n} points (${s.label}), x from ${f(xMin)} to ${f(xMax)}, y from ${f(yMin)} to ${f(yMax)}.`;
    })
    .join(" ");
}

// The canvas drawing of ScatterCanvas: axes and ticks, contours, lines, points, marker. The
// background (axes and contours) and the marks are separate, so an animation can draw the
// background once into an offscreen canvas and only the marks on every frame.

import type { ContourSet } from "./contours";
import { type Bounds, type Frame, niceTicks, toPx } from "./plotGeometry";

export interface ScatterSeries {
  /** Interleaved [x0, y0, x1, y1, ...]; non-finite points are skipped. */
  points: ArrayLike<number>;
  color: string;
  /** Dot radius in CSS pixels (default 2). */
  radius?: number;
  alpha?: number;
  label: string;
}

export interface ScatterLine {
  points: ArrayLike<number>;
  color: string;
  width?: number;
  dash?: number[];
}

export interface ScatterMarker {
  x: number;
  y: number;
  color?: string;
  label?: string;
}

export interface ScatterContent {
  series: ScatterSeries[];
  contours: ContourSet | null;
  lines?: ScatterLine[];
  marker?: ScatterMarker | null;
}

const AXIS = "#555";
const LABEL = "#222";
const GRID = "#e6e6e6";
const CONTOUR = "#8a8a8a";

export function drawScatter(ctx: CanvasRenderingContext2D, f: Frame, b: Bounds, c: ScatterContent): void {
  drawBackground(ctx, f, b, c.contours);
  drawMarks(ctx, f, b, c);
}

/** Adds a contour level's segments (x1, y1, x2, y2, ... in data units) to the current path. */
export function traceSegments(
  ctx: CanvasRenderingContext2D,
  f: Frame,
  b: Bounds,
  segs: ArrayLike<number>,
): void {
  for (let i = 0; i + 3 < segs.length; i += 4) {
    const [x1, y1] = toPx(f, b, segs[i], segs[i + 1]);
    const [x2, y2] = toPx(f, b, segs[i + 2], segs[i + 3]);
    ctx.moveTo(x1, y1);
    ctx.lineTo(x2, y2);
  }
}

/** Restricts drawing to the plot area (inside the axes). */
export function clipToPlot(ctx: CanvasRenderingContext2D, f: Frame): void {
  ctx.beginPath();
  ctx.rect(f.left, f.top, f.width - f.left - f.right, f.height - f.top - f.bottom);
  ctx.clip();
}

/** White ground, axes with ticks, and the density contours. */
export function drawBackground(
  ctx: CanvasRenderingContext2D,
  f: Frame,
  b: Bounds,
  contours: ContourSet | null,
): void {
  ctx.clearRect(0, 0, f.width, f.height);
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, f.width, f.height);
  drawAxes(ctx, f, b);
  if (!contours) return;
  ctx.save();
  clipToPlot(ctx, f);
  ctx.strokeStyle = CONTOUR;
  contours.forEach((segs, level) => {
    ctx.globalAlpha = 0.35 + 0.15 * level;
    ctx.lineWidth = 1;
    ctx.beginPath();
    traceSegments(ctx, f, b, segs);
    ctx.stroke();
  });
  ctx.globalAlpha = 1;
  ctx.restore();
}

/** Lines, points and the marker, clipped to the plot area (over a background already drawn). */
export function drawMarks(ctx: CanvasRenderingContext2D, f: Frame, b: Bounds, c: ScatterContent): void {
  ctx.save();
  clipToPlot(ctx, f);
  for (const line of c.lines ?? []) {
    ctx.strokeStyle = line.color;
    ctx.lineWidth = line.width ?? 1.5;
    ctx.setLineDash(line.dash ?? []);
    ctx.beginPath();
    let started = false;
    for (let i = 0; i + 1 < line.points.length; i += 2) {
      const x = line.points[i];
      const y = line.points[i + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        started = false;
        continue;
      }
      const [px, py] = toPx(f, b, x, y);
      if (started) ctx.lineTo(px, py);
      else ctx.moveTo(px, py);
      started = true;
    }
    ctx.stroke();
    ctx.setLineDash([]);
  }

  for (const s of c.series) {
    const r = s.radius ?? 2;
    ctx.fillStyle = s.color;
    ctx.globalAlpha = s.alpha ?? 0.7;
    // One path per series: a single fill for thousands of dots keeps a redraw to a few ms.
    ctx.beginPath();
    for (let i = 0; i + 1 < s.points.length; i += 2) {
      const x = s.points[i];
      const y = s.points[i + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      const [px, py] = toPx(f, b, x, y);
      ctx.moveTo(px + r, py);
      ctx.arc(px, py, r, 0, 2 * Math.PI);
    }
    ctx.fill();
  }
  ctx.globalAlpha = 1;

  const m = c.marker;
  if (m && Number.isFinite(m.x) && Number.isFinite(m.y)) {
    const [px, py] = toPx(f, b, m.x, m.y);
    ctx.lineWidth = 2.5;
    ctx.strokeStyle = "#fff";
    ctx.fillStyle = m.color ?? "#000";
    ctx.beginPath();
    ctx.arc(px, py, 7, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }
  ctx.restore();
}

function drawAxes(ctx: CanvasRenderingContext2D, f: Frame, b: Bounds): void {
  const right = f.width - f.right;
  const bottom = f.height - f.bottom;
  ctx.font = "13px system-ui, sans-serif"; // readable on a projector
  ctx.lineWidth = 1;
  const xTicks = niceTicks(b.xMin, b.xMax, Math.max(3, Math.floor((f.width - f.left) / 60)));
  const yTicks = niceTicks(b.yMin, b.yMax, Math.max(3, Math.floor((f.height - f.bottom) / 40)));
  ctx.strokeStyle = GRID;
  ctx.beginPath();
  for (const v of xTicks) {
    const [px] = toPx(f, b, v, b.yMin);
    ctx.moveTo(px, f.top);
    ctx.lineTo(px, bottom);
  }
  for (const v of yTicks) {
    const [, py] = toPx(f, b, b.xMin, v);
    ctx.moveTo(f.left, py);
    ctx.lineTo(right, py);
  }
  ctx.stroke();
  ctx.strokeStyle = AXIS;
  ctx.strokeRect(f.left, f.top, right - f.left, bottom - f.top);
  ctx.fillStyle = LABEL;
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  for (const v of xTicks) ctx.fillText(String(v), toPx(f, b, v, b.yMin)[0], bottom + 4);
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  for (const v of yTicks) ctx.fillText(String(v), f.left - 4, toPx(f, b, b.xMin, v)[1]);
}

// Canvas drawing of the field view: arrows of a vector field, or a heat map of a scalar per cell,
// over the same axes and true-density contours as the scatter plots.
import type { ContourSet } from "../../ui/contours";
import { clipToPlot, drawScatter, traceSegments } from "../../ui/drawScatter";
import { type Bounds, type Frame, toPx } from "../../ui/plotGeometry";
import type { Lattice } from "./fieldMath";

export function drawArrows(
  ctx: CanvasRenderingContext2D,
  f: Frame,
  b: Bounds,
  contours: ContourSet | null,
  at: Lattice,
  vec: ArrayLike<number>,
  scale: number,
  color: string,
): void {
  drawScatter(ctx, f, b, { series: [], contours });
  const cellPx = Math.min((f.width - f.left - f.right) / at.cols, (f.height - f.top - f.bottom) / at.rows);
  const [ox, oy] = toPx(f, b, 0, 0);
  const [ux] = toPx(f, b, 1, 0);
  const [, uy] = toPx(f, b, 0, 1);
  const pxPerX = ux - ox;
  const pxPerY = uy - oy; // negative: y grows upwards
  ctx.save();
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = 1.3;
  ctx.beginPath();
  for (let i = 0; i < at.points.length / 2; i++) {
    const vx = vec[2 * i];
    const vy = vec[2 * i + 1];
    if (!Number.isFinite(vx) || !Number.isFinite(vy)) continue;
    const len = Math.hypot(vx, vy);
    if (len === 0) continue;
    // Length ~ |v| up to the scale, then capped: far from the data the field is large and dull.
    const shown = (0.9 * cellPx * Math.min(len, scale)) / scale;
    const dx = (vx / len) * shown * Math.sign(pxPerX);
    const dy = (vy / len) * shown * Math.sign(pxPerY);
    const [x0, y0] = toPx(f, b, at.points[2 * i], at.points[2 * i + 1]);
    const x1 = x0 + dx;
    const y1 = y0 + dy;
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y1);
    const head = Math.min(4, shown * 0.4);
    const a = Math.atan2(dy, dx);
    ctx.moveTo(x1, y1);
    ctx.lineTo(x1 - head * Math.cos(a - 0.5), y1 - head * Math.sin(a - 0.5));
    ctx.moveTo(x1, y1);
    ctx.lineTo(x1 - head * Math.cos(a + 0.5), y1 - head * Math.sin(a + 0.5));
  }
  ctx.stroke();
  ctx.restore();
}

/** White (0) to vermillion (max): where the network's eps is wrong, and by how much. */
export function heatColor(v: number, max: number): string {
  const u = Math.min(1, Math.max(0, max > 0 ? v / max : 0));
  const r = Math.round(255 - u * (255 - 213));
  const g = Math.round(255 - u * (255 - 94));
  const bl = Math.round(255 - u * 255);
  return `rgb(${r},${g},${bl})`;
}

/** RGB of heatColor, for pixel writes. */
function heatRgb(v: number, max: number): [number, number, number] {
  const u = Math.min(1, Math.max(0, max > 0 ? v / max : 0));
  return [Math.round(255 - u * 42), Math.round(255 - u * 161), Math.round(255 - u * 255)];
}

/**
 * The heat map as one small image (a pixel per lattice cell) scaled onto the plot: a few
 * thousand cells cost one drawImage instead of a fillRect (and a colour parse) each.
 */
export function drawHeat(
  ctx: CanvasRenderingContext2D,
  f: Frame,
  b: Bounds,
  contours: ContourSet | null,
  at: Lattice,
  value: ArrayLike<number>,
  max: number,
): void {
  drawScatter(ctx, f, b, { series: [], contours: null });
  const img = document.createElement("canvas");
  img.width = at.cols;
  img.height = at.rows;
  const ictx = img.getContext("2d");
  if (ictx) {
    const data = ictx.createImageData(at.cols, at.rows);
    for (let r = 0; r < at.rows; r++) {
      for (let c = 0; c < at.cols; c++) {
        const v = value[r * at.cols + c];
        // Lattice rows go up from yMin; image rows go down from the top.
        const k = 4 * ((at.rows - 1 - r) * at.cols + c);
        const [red, green, blue] = Number.isFinite(v) ? heatRgb(v, max) : [0, 0, 0];
        data.data[k] = red;
        data.data[k + 1] = green;
        data.data[k + 2] = blue;
        data.data[k + 3] = 255;
      }
    }
    ictx.putImageData(data, 0, 0);
    const [x0, y0] = toPx(f, b, b.xMin, b.yMax);
    const [x1, y1] = toPx(f, b, b.xMax, b.yMin);
    ctx.save();
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(img, x0, y0, x1 - x0, y1 - y0);
    ctx.restore();
  }
  // Contours on top, so the data's place stays visible through the colours.
  if (contours) {
    ctx.save();
    clipToPlot(ctx, f);
    ctx.strokeStyle = "#444";
    ctx.globalAlpha = 0.6;
    ctx.beginPath();
    for (const segs of contours) traceSegments(ctx, f, b, segs);
    ctx.stroke();
    ctx.restore();
  }
}

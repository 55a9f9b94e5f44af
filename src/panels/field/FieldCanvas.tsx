// A canvas that follows its container's width and calls `draw` whenever the drawing changes.
import { useEffect, useRef } from "react";
import { type Frame, makeFrame } from "../../ui/plotGeometry";
import { useContainerWidth } from "../../ui/useContainerWidth";

export interface FieldCanvasProps {
  label: string;
  aspect?: number;
  draw: ((ctx: CanvasRenderingContext2D, frame: Frame) => void) | null;
  /** Called after each draw with its duration in ms (the redraw measurement). */
  onDrawn?: (ms: number) => void;
}

export function FieldCanvas({ label, aspect = 1.2, draw, onDrawn }: FieldCanvasProps) {
  const [wrap, width] = useContainerWidth<HTMLDivElement>();
  const canvas = useRef<HTMLCanvasElement>(null);
  const height = Math.round(width / aspect);
  useEffect(() => {
    const c = canvas.current;
    if (!c || !draw) return;
    const t0 = performance.now();
    const dpr = window.devicePixelRatio || 1;
    c.width = Math.round(width * dpr);
    c.height = Math.round(height * dpr);
    let ctx: CanvasRenderingContext2D | null = null;
    try {
      ctx = c.getContext("2d");
    } catch {
      ctx = null; // no canvas (jsdom): the text next to the plot describes it
    }
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    draw(ctx, makeFrame(width, height));
    onDrawn?.(performance.now() - t0);
  }, [draw, width, height, onDrawn]);
  return (
    <div ref={wrap} className="field-canvas">
      <canvas
        ref={canvas}
        role="img"
        aria-label={label}
        style={{ width: `${width}px`, height: `${height}px` }}
      />
    </div>
  );
}

// Where a recharts plot goes. recharts is the largest library of the page (about 115 kB gzip), so
// the plots load after the first paint (docs/deploy.md, "Weight"): until their chunk is in, a box
// of exactly the plot's size holds the place, so nothing below it moves (ResponsiveContainer is a
// 100%-wide block of the given height, and so is this box). `hold` keeps the box (the chunk not
// even fetched) while the page has more urgent work, unless the box is in the viewport: a plot
// the reader can see is never held, and one scrolled into view is drawn at once. When the hold
// lifts, the held plots are drawn one per task (ui/drawTurns.ts).
import { type ReactNode, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { queueDrawTurn } from "./drawTurns";

export function ChartSlot({
  height,
  hold = false,
  children,
}: {
  height: number;
  hold?: boolean;
  children: ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [released, setReleased] = useState(() => !hold || typeof IntersectionObserver === "undefined");
  const endTurn = useRef<(() => void) | null>(null);
  const finishTurn = useCallback(() => {
    endTurn.current?.();
    endTurn.current = null;
  }, []);
  useEffect(() => {
    const el = box.current;
    if (released || !el) return;
    // In view: drawn now, not in its turn (a queued turn is dropped).
    const seen = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      finishTurn();
      setReleased(true);
    });
    seen.observe(el);
    return () => seen.disconnect();
  }, [released, finishTurn]);
  useEffect(() => {
    if (!released && !hold && endTurn.current === null)
      endTurn.current = queueDrawTurn(() => setReleased(true));
  }, [hold, released]);
  useEffect(() => finishTurn, [finishTurn]);
  const placeholder = <div ref={box} className="chart-placeholder" style={{ width: "100%", height }} />;
  if (!released) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <Drawn onDrawn={finishTurn}>{children}</Drawn>
    </Suspense>
  );
}

/** Commits only once the lazily loaded plot inside it has (Suspense holds both back till then). */
function Drawn({ onDrawn, children }: { onDrawn: () => void; children: ReactNode }) {
  useEffect(onDrawn, [onDrawn]);
  return children;
}

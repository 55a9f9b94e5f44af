// Where a recharts plot goes. recharts is the largest library of the page (about 115 kB gzip), so
// the plots load after the first paint (docs/deploy.md, "Weight"): until their chunk is in, a box
// of exactly the plot's size holds the place, so nothing below it moves (ResponsiveContainer is a
// 100%-wide block of the given height, and so is this box). `hold` keeps the box (the chunk not
// even fetched) while the page has more urgent work, unless the box comes within a screen's reach
// of the viewport: a plot the reader can see is never held.
import { type ReactNode, Suspense, useEffect, useRef, useState } from "react";

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
  const [near, setNear] = useState(() => typeof IntersectionObserver === "undefined");
  useEffect(() => {
    const el = box.current;
    if (!hold || near || !el) return;
    const seen = new IntersectionObserver(
      (entries) => entries.some((e) => e.isIntersecting) && setNear(true),
      {
        rootMargin: "100% 0px",
      },
    );
    seen.observe(el);
    return () => seen.disconnect();
  }, [hold, near]);
  const placeholder = <div ref={box} className="chart-placeholder" style={{ width: "100%", height }} />;
  if (hold && !near) return placeholder;
  return <Suspense fallback={placeholder}>{children}</Suspense>;
}

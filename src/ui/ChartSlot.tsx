// Where a recharts plot goes. recharts is the largest library of the page (about 115 kB gzip), so
// the plots load after the first paint (docs/deploy.md, "Weight"): until their chunk is in, a box
// of exactly the plot's size holds the place, so nothing below it moves (ResponsiveContainer is a
// 100%-wide block of the given height, and so is this box).
import { type ReactNode, Suspense } from "react";

export function ChartSlot({ height, children }: { height: number; children: ReactNode }) {
  return (
    <Suspense fallback={<div className="chart-placeholder" style={{ width: "100%", height }} />}>
      {children}
    </Suspense>
  );
}

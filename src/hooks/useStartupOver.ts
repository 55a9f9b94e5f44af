// Whether the page's start-up is over (state/startup.ts): offscreen plots that can wait (the loss
// chart's and the schedule plots' recharts renders, ~0.35 s of the page's thread) are held until
// then, and drawn one per task when it is (ui/drawTurns.ts).
import { useEffect, useState } from "react";
import { startupOver, whenStartupOver } from "../state/startup";

export function useStartupOver(): boolean {
  const [over, setOver] = useState(startupOver);
  useEffect(() => whenStartupOver(() => setOver(true)), []);
  return over;
}

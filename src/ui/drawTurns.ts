// Plots held at start-up (ui/ChartSlot.tsx) are drawn one at a time, each in a task of its own,
// once the hold lifts: a recharts chart's first render is ~40-80 ms of the page's thread (and
// recharts' own store updates render synchronously, outside any transition), so four released
// together made one ~200 ms long task just as the grid painted (docs/bench.md, "Page timings").

interface Turn {
  draw: () => void;
}

const waiting: Turn[] = [];
let active: Turn | null = null;
/** Between two turns: the next one starts in a later task. */
let pausing = false;

function startNext(): void {
  pausing = false;
  active = waiting.shift() ?? null;
  active?.draw();
}

/**
 * Queues `draw` (at once when nothing is drawing). Returns the end of the turn: call it once the
 * plot has committed, or when it will never draw (unmounted); a queued turn is then dropped.
 */
export function queueDrawTurn(draw: () => void): () => void {
  const turn: Turn = { draw };
  if (active === null && !pausing) {
    active = turn;
    draw();
  } else waiting.push(turn);
  return () => {
    if (active === turn) {
      active = null;
      pausing = true;
      setTimeout(startNext, 0);
    } else {
      const i = waiting.indexOf(turn);
      if (i >= 0) waiting.splice(i, 1);
    }
  };
}

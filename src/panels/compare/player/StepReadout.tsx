// "step i of S, t, abar" under a column's plot, at the player's current progress.
import { abarAt, type Schedule } from "../../../core/schedule";
import { frameAt } from "./frames";
import { usePlayer } from "./playerStore";

export function StepReadout({ grid, schedule }: { grid: readonly number[]; schedule: Schedule | null }) {
  const progress = usePlayer((s) => s.progress);
  const S = grid.length;
  const f = frameAt(progress, S);
  if (f === S)
    return (
      <p className="player-readout">
        x_0: the samples (after step {S} of {S})
      </p>
    );
  const t = grid[f];
  const abar = schedule ? abarAt(schedule, t).toFixed(4) : "?";
  return (
    <p className="player-readout">
      {f === 0 ? "x_T" : `after step ${f} of ${S}`}: t = {t}, abar_t = {abar}
    </p>
  );
}

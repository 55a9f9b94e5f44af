// One column's plot, driven by the player's clock: the samples when the player is at the end, or
// the frame of the reverse process at the shared progress (x_t, or the network's current guess
// x0_hat), with thin trails for a highlighted subset of particles and the followed particle marked.
// Clicking a point follows that particle (same x_T index) through every column.
import { useMemo } from "react";
import type { Mixture2D } from "../../../core/types";
import type { ColumnRun } from "../../../state/compare";
import { type Bounds, nearestPoint } from "../../../ui/plotGeometry";
import { ScatterCanvas, type ScatterLine, type ScatterSeries } from "../../../ui/ScatterCanvas";
import { frameAt, frameOf, highlighted, trail } from "./frames";
import { usePlayer } from "./playerStore";

export interface ColumnPlotProps {
  run: ColumnRun | null;
  color: string;
  title: string;
  density: Mixture2D;
  /** Axes that fit the lab's data (default: the course's). */
  bounds?: Bounds;
}

const TRAIL_COLOR = "rgba(40, 40, 40, 0.55)";
const FOLLOW_COLOR = "#000";

export function ColumnPlot({ run, color, title, density, bounds }: ColumnPlotProps) {
  const progress = usePlayer((s) => s.progress);
  const view = usePlayer((s) => s.view);
  const follow = usePlayer((s) => s.follow);
  const traj = run?.trajectory ?? null;
  const S = traj ? traj.frames - 1 : 0;
  const f = traj ? frameAt(progress, S) : 0;
  const atEnd = !traj || f === S;
  const field = view === "x0Hat" && !atEnd ? "x0Hat" : "x";
  const points = useMemo(() => {
    if (!run) return null;
    if (!traj || atEnd) return run.result.samples;
    return frameOf(field === "x" ? traj.x : traj.x0Hat, traj.n, f);
  }, [run, traj, atEnd, field, f]);
  const picks = useMemo(() => (traj ? highlighted(traj.n) : []), [traj]);

  const series = useMemo<ScatterSeries[]>(
    () => (points ? [{ points, color, radius: 1.6, alpha: 0.55, label: "samples" }] : []),
    [points, color],
  );
  const lines = useMemo<ScatterLine[]>(() => {
    if (!traj || progress >= 1) return [];
    // A trail of a quarter of the run: long enough to show a path's shape (smooth for eta=0,
    // jittery for eta=1), short enough not to cover the cloud.
    const length = Math.max(4, Math.round(0.25 * S));
    const out: ScatterLine[] = picks.map((p) => ({
      points: trail(traj, field, p, f, length),
      color: TRAIL_COLOR,
      width: 1,
    }));
    if (follow !== null && follow < traj.n)
      out.push({ points: trail(traj, field, follow, f, S), color: FOLLOW_COLOR, width: 2 });
    return out;
  }, [traj, progress, S, picks, field, f, follow]);
  const marker = useMemo(() => {
    if (follow === null || !points || follow >= points.length / 2) return null;
    return {
      x: points[2 * follow],
      y: points[2 * follow + 1],
      color: FOLLOW_COLOR,
      label: `particle ${follow}`,
    };
  }, [follow, points]);

  const what = atEnd ? "Samples" : field === "x" ? `x_t at step ${f} of ${S}` : `x0_hat at step ${f} of ${S}`;
  return (
    <ScatterCanvas
      series={series}
      density={density}
      bounds={bounds}
      lines={lines}
      marker={marker}
      label={`${what} of ${title} over the true density`}
      summary={points ? undefined : "Sampling..."}
      aspect={1.2}
      onPick={
        points
          ? (x, y) => {
              const i = nearestPoint(points, x, y);
              if (i !== null) usePlayer.getState().setFollow(i);
            }
          : undefined
      }
    />
  );
}

// The controls of the reverse-process player, shared by every column: play/pause, one step, speed,
// x_t vs x0_hat, and a scrubber over normalised progress (0 = x_T, 1 = x_0). The clock runs on
// requestAnimationFrame and only while playing; nothing plays by itself (a person presses Play,
// which also respects prefers-reduced-motion: no autoplay).
import { useEffect, useId } from "react";
import { nextStepProgress } from "./frames";
import { advance, type PlayerView, SPEEDS, usePlayer } from "./playerStore";

export interface PlayerBarProps {
  /** Steps S of every column that has a recorded run (the step button moves the coarsest one). */
  steps: number[];
}

const SCRUB_MAX = 1000;

export function PlayerBar({ steps }: PlayerBarProps) {
  const p = usePlayer();
  const id = useId();
  const ready = steps.length > 0;
  const coarsest = ready ? Math.min(...steps) : 1;

  useEffect(() => {
    if (!p.playing || typeof requestAnimationFrame === "undefined") return;
    // The first frame only sets the time origin: the clock moves by real frame-to-frame time.
    let last: number | null = null;
    let handle = requestAnimationFrame(function tick(now) {
      if (last !== null) advance(now - last);
      last = now;
      if (usePlayer.getState().playing) handle = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(handle);
  }, [p.playing]);

  const step = () => {
    p.pause();
    const from = p.progress >= 1 ? 0 : p.progress;
    p.setProgress(p.progress >= 1 ? 0 : nextStepProgress(from, coarsest));
  };

  return (
    <section className="player-bar" aria-label="Reverse process player">
      <button type="button" disabled={!ready} onClick={p.playing ? p.pause : p.play}>
        {p.playing ? "Pause" : "Play"}
      </button>
      <button
        type="button"
        disabled={!ready}
        onClick={step}
        title={`One step of the column with the fewest steps (S=${coarsest}); the others move by the same share of their run`}
      >
        Step
      </button>
      <label className="player-scrub" htmlFor={`${id}-scrub`}>
        <span>Progress</span>
        <input
          id={`${id}-scrub`}
          type="range"
          min={0}
          max={SCRUB_MAX}
          step={1}
          disabled={!ready}
          value={Math.round(p.progress * SCRUB_MAX)}
          aria-valuetext={`${Math.round(p.progress * 100)}% of the way from x_T to x_0`}
          onChange={(e) => {
            p.pause();
            p.setProgress(Number(e.target.value) / SCRUB_MAX);
          }}
        />
      </label>
      <label htmlFor={`${id}-speed`}>
        Speed{" "}
        <select id={`${id}-speed`} value={p.speed} onChange={(e) => p.setSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}x
            </option>
          ))}
        </select>
      </label>
      <fieldset className="player-view">
        <legend>Show</legend>
        {(
          [
            ["x", "x_t (where the points are)"],
            ["x0Hat", "x0_hat (the network's guess of x_0)"],
          ] as [PlayerView, string][]
        ).map(([v, text]) => (
          <label key={v}>
            <input type="radio" name={`${id}-view`} checked={p.view === v} onChange={() => p.setView(v)} />{" "}
            {text}
          </label>
        ))}
      </fieldset>
      {p.follow !== null ? (
        <button type="button" className="link-button" onClick={() => p.setFollow(null)}>
          Stop following particle {p.follow}
        </button>
      ) : (
        <span className="muted">Click a point to follow that particle through every column.</span>
      )}
    </section>
  );
}

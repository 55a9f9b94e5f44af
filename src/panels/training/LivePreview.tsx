// A small scatter of DDIM samples from the network being trained: refreshed about once a second
// while it trains, so the class sees the samples sharpen as the loss falls; while paused (or
// after the run) the picture says which step it shows and refreshes on request.
import { useCallback, useEffect, useRef, useState } from "react";
import { useRunFlags } from "../../hooks/useRunFlags";
import { messageOf } from "../../state/messages";
import { type PreviewShot, previewDue, previewRequest } from "../../state/preview";
import { useApp } from "../../state/store";
import { OKABE_ITO } from "../../ui/palette";
import { ScatterCanvas } from "../../ui/ScatterCanvas";

export function LivePreview() {
  const engine = useApp((s) => s.engine);
  const step = useApp((s) => s.step);
  const hasNetwork = useApp((s) => s.network !== null);
  const { workerBusy, chunking: training } = useRunFlags();
  const [shot, setShot] = useState<PreviewShot | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A teacher can turn it off (a slow machine); the run is then not interrupted at all.
  const [live, setLive] = useState(true);
  const busy = useRef(false);
  const lastAt = useRef(Number.NEGATIVE_INFINITY);
  const costMs = useRef(0);

  const draw = useCallback(async () => {
    if (!engine || busy.current) return;
    busy.current = true;
    lastAt.current = Date.now();
    const at = useApp.getState().step;
    try {
      const r = await engine.sample(previewRequest());
      // What the run lost: the round trip, except time queued behind other work (the grid), which
      // the worker's own sampling time bounds (the quality figures cost up to ~4x the sampling).
      const trip = Date.now() - lastAt.current;
      costMs.current = Number.isFinite(r.ms) ? Math.min(trip, 5 * r.ms + 20) : trip;
      setShot({ samples: r.samples, step: at });
      setError(null);
    } catch (e) {
      setError(`The preview could not be drawn: ${messageOf(e)}`);
    } finally {
      busy.current = false;
    }
  }, [engine]);

  // Each training chunk changes `step`: sample again when a second has passed since the last one.
  useEffect(() => {
    if (
      live &&
      previewDue({
        training,
        step,
        busy: busy.current,
        lastAt: lastAt.current,
        costMs: costMs.current,
        now: Date.now(),
      })
    )
      void draw();
  }, [step, training, draw, live]);

  if (!hasNetwork) return null;
  const stale = shot !== null && shot.step !== step;
  const caption = shot
    ? `DDIM eta=0, 20 steps, 300 points, from step ${shot.step}${training ? "" : stale ? " (the network has changed since)" : ""}`
    : "No preview yet: press Train, or draw one from the current network.";
  return (
    <figure className="train-preview" aria-label="Samples from the network being trained">
      {shot ? (
        <ScatterCanvas
          series={[{ points: shot.samples, color: OKABE_ITO.blue, radius: 1.6, label: "samples" }]}
          label={`Preview samples from step ${shot.step}`}
          height={200}
        />
      ) : null}
      <figcaption>
        {caption}{" "}
        {!training ? (
          <button type="button" className="link-button" onClick={() => void draw()} disabled={workerBusy}>
            {shot ? "Refresh the preview" : "Draw a preview"}
          </button>
        ) : null}
        {error ? <span className="field-error">{error}</span> : null}
        <label className="preview-toggle">
          <input type="checkbox" checked={live} onChange={(e) => setLive(e.target.checked)} /> Live preview
          while training
        </label>
      </figcaption>
    </figure>
  );
}

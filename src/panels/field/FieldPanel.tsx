// The field the network learned: at a chosen t, the direction -eps_hat/sqrt(1-abar_t) that
// sampling follows, drawn as arrows over the plane for the trained network and, beside it, for the
// perfect network (exact for this mixture), with a heat map of |eps_net - eps_exact|: where training
// is still wrong (far from the data, at small t). docs/math.md, "The perfect network".
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { makeProblem, oraclePredictor } from "../../core/experiment";
import { abarAt } from "../../core/schedule";
import { useApp, useEngine } from "../../state/store";
import { mixtureContours } from "../../ui/contours";
import { Slider } from "../../ui/fields";
import { Panel } from "../../ui/Panel";
import { OKABE_ITO } from "../../ui/palette";
import { useDataView } from "../data/useDataView";
import { drawArrows, drawHeat, heatColor } from "./drawField";
import { FieldCanvas } from "./FieldCanvas";
import { differences, directions, lattice, lengthScale } from "./fieldMath";
import "./field.css";
import FORMULA from "./score.tex?katex";

interface FieldData {
  t: number;
  abar: number;
  net: Float32Array;
  exact: Float32Array;
  scale: number;
  diff: Float32Array;
  diffMax: number;
  meanDiff: number;
}

export function FieldPanel() {
  const engine = useEngine();
  const network = useApp((s) => s.network);
  const networkVersion = useApp((s) => s.networkVersion);
  const training = useApp((s) => s.training);
  // The lab's data: its perfect network (exact mixture or empirical), contours and axes.
  const view = useDataView();
  const { ARROWS, HEAT, CONTOURS, BOUNDS } = useMemo(
    () => ({
      ARROWS: lattice(view.bounds, 24, 19),
      HEAT: lattice(view.bounds, 60, 48),
      CONTOURS: mixtureContours(view.density, view.bounds),
      BOUNDS: view.bounds,
    }),
    [view],
  );
  const problem = useMemo(
    () => (network ? makeProblem(view.lab, network.problem) : null),
    [network, view.lab],
  );
  const T = problem?.config.T ?? 500;
  const [t, setT] = useState(Math.round(T / 10));
  const [data, setData] = useState<FieldData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [redrawMs, setRedrawMs] = useState<number | null>(null);
  const asked = useRef(0); // when the wanted t was asked for (for the redraw measurement)
  const busy = useRef(false);
  const wanted = useRef<number | null>(null);

  const tShown = Math.min(t, T - 1);
  // One request at a time; a slider moved meanwhile asks again for its latest t only.
  const fetchField = useCallback(
    async (tt: number) => {
      if (!engine?.predictEps || !problem) return;
      if (busy.current) {
        wanted.current = tt;
        return;
      }
      busy.current = true;
      try {
        const both = new Float32Array(ARROWS.points.length + HEAT.points.length);
        both.set(ARROWS.points, 0);
        both.set(HEAT.points, ARROWS.points.length);
        const { eps } = await engine.predictEps({ points: both.slice(), t: tt, model: "network" });
        const oracle = oraclePredictor(problem, "oracle");
        const model = new Float64Array(both.length);
        for (let i = 0; i < both.length; i++)
          model[i] = (both[i] - problem.standardizer.mean[i & 1]) / problem.standardizer.std[i & 1];
        const exactEps = oracle(model, tt);
        const abar = abarAt(problem.schedule, tt);
        const k = ARROWS.points.length;
        const net = directions(eps.subarray(0, k), abar, problem.standardizer);
        const exact = directions(exactEps.subarray(0, k), abar, problem.standardizer);
        const diff = differences(eps.subarray(k), exactEps.subarray(k));
        let diffMax = 0;
        let sum = 0;
        for (const d of diff) {
          if (Number.isFinite(d)) {
            diffMax = Math.max(diffMax, d);
            sum += d;
          }
        }
        setData({
          t: tt,
          abar,
          net,
          exact,
          scale: lengthScale(exact),
          diff,
          diffMax,
          meanDiff: sum / diff.length,
        });
        setError(null);
      } catch (err) {
        setError(`The field could not be computed: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        busy.current = false;
        const next = wanted.current;
        wanted.current = null;
        if (next !== null && next !== tt) void fetchField(next);
      }
    },
    [engine, problem, ARROWS, HEAT],
  );

  useEffect(() => {
    // The network changes while training: refresh when a run ends (not on every chunk).
    if (training === "running" || networkVersion < 0) return;
    void fetchField(tShown);
  }, [fetchField, tShown, training, networkVersion]);

  const drawNet = useMemo(
    () =>
      data
        ? (ctx: CanvasRenderingContext2D, f: Parameters<typeof drawArrows>[1]) =>
            drawArrows(ctx, f, BOUNDS, CONTOURS, ARROWS, data.net, data.scale, OKABE_ITO.blue)
        : null,
    [data, BOUNDS, CONTOURS, ARROWS],
  );
  const drawExact = useMemo(
    () =>
      data
        ? (ctx: CanvasRenderingContext2D, f: Parameters<typeof drawArrows>[1]) =>
            drawArrows(ctx, f, BOUNDS, CONTOURS, ARROWS, data.exact, data.scale, OKABE_ITO.green)
        : null,
    [data, BOUNDS, CONTOURS, ARROWS],
  );
  const drawDiff = useMemo(
    () =>
      data
        ? (ctx: CanvasRenderingContext2D, f: Parameters<typeof drawArrows>[1]) =>
            drawHeat(ctx, f, BOUNDS, CONTOURS, HEAT, data.diff, Math.max(data.diffMax, 1e-6))
        : null,
    [data, BOUNDS, CONTOURS, HEAT],
  );
  // The last of the three plots drawn after a new t: time from the slider step to pixels.
  const onDrawn = useCallback(() => {
    if (asked.current > 0) setRedrawMs(performance.now() - asked.current);
    asked.current = 0;
  }, []);

  const abarText = problem ? abarAt(problem.schedule, tShown).toFixed(4) : "?";
  return (
    <Panel
      id="field"
      title="The field the network learned"
      explanation="At noise level t, sampling moves each point along -eps_hat/sqrt(1-abar_t) (the score of the noised data). Left: the trained network; middle: the perfect network (exact for a known mixture, the memorising optimum otherwise); right: how far apart their eps are."
      formula={FORMULA}
      busy={!engine || !network}
      busyText="Loading the network..."
      error={error}
      onDismissError={() => setError(null)}
    >
      <Slider
        label="Timestep t"
        value={tShown}
        min={0}
        max={T - 1}
        onChange={(v) => {
          asked.current = performance.now();
          setT(v);
        }}
        valueText={`t = ${tShown}, abar_t = ${abarText}`}
        help="Small t: almost clean data, where the field is sharp and the network has least to go on far from the data."
      />
      <div className="field-grid">
        <figure>
          <figcaption>Trained network</figcaption>
          <FieldCanvas label={`Sampling direction of the trained network at t = ${tShown}`} draw={drawNet} />
        </figure>
        <figure>
          <figcaption>Perfect network (exact)</figcaption>
          <FieldCanvas label={`Exact sampling direction at t = ${tShown}`} draw={drawExact} />
        </figure>
        <figure>
          <figcaption>
            |eps_net - eps_exact|, 0{" "}
            <span className="heat-scale" aria-hidden="true">
              <span
                style={{ background: `linear-gradient(to right, ${heatColor(0, 1)}, ${heatColor(1, 1)})` }}
              />
            </span>{" "}
            {data ? data.diffMax.toFixed(2) : "?"}
          </figcaption>
          <FieldCanvas
            label={`Error of the trained network's eps at t = ${tShown}`}
            draw={drawDiff}
            onDrawn={onDrawn}
          />
        </figure>
      </div>
      <p className="muted" aria-live="polite">
        {data
          ? `t = ${data.t}: mean |eps_net - eps_exact| over the plane ${data.meanDiff.toFixed(3)}, largest ${data.diffMax.toFixed(3)}.`
          : "Computing the field..."}
        {redrawMs !== null ? ` Redrawn ${Math.round(redrawMs)} ms after the slider moved.` : ""}
      </p>
    </Panel>
  );
}

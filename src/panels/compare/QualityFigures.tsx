// The quality figures of one sample set (docs/math.md, "Quality figures"), each with a one-line
// explanation as a tooltip (title) and, for touch screens and screen readers, in the glossary
// under the grid. The energy distance carries +-2 standard errors for the n in use.
import type { Quality } from "../../core/metrics";
import { energyText, fixed, percent } from "./format";

export const FIGURE_HELP = {
  energy:
    "Energy distance to 5000 exact samples of the true mixture, raw units. 0 is perfect. The ± is 2 standard errors of the estimate (its noise floor for this many points included), so differences smaller than that mean nothing; an estimate below 0 by less than 2 standard errors reads 0 (within noise).",
  energyData:
    "Energy distance to the training points themselves (no true density is known for this data), raw units. The reference's own noise shifts every column alike: compare columns with each other and with the perfect network, not with 0.",
  modes:
    "Share of samples belonging (most probably) to each cluster: (0, 0) / (6, 6) / (-4, 5). Ideal: 33.3% each.",
  off: "Share of samples far from every cluster (squared Mahalanobis distance > 13.82, i.e. outside 99.9%).",
  nll: "Mean negative log-likelihood under the true mixture, in nats. Exact samples score about 4.06 (the entropy).",
  memo: "Share of samples within 0.05 of a training point: copying the training set instead of generalising.",
  nfe: "Number of network calls (function evaluations): the real cost, not just S.",
  ms: "Wall time of the sampler in the compute worker (the quality figures are not included).",
} as const;

export function QualityFigures({ q, nfe, ms }: { q: Quality; nfe: number; ms: number }) {
  return (
    <dl className="figures">
      <Fig name="NFE" help={FIGURE_HELP.nfe} value={String(nfe)} />
      <Fig name="Worker time" help={FIGURE_HELP.ms} value={`${Math.round(ms)} ms`} />
      <Fig
        name="Energy distance"
        help={q.noDensity ? FIGURE_HELP.energyData : FIGURE_HELP.energy}
        value={energyText(q.energyDistance, q.energySE)}
      />
      {q.noDensity ? (
        // No true density for this data: say why these figures are not shown instead of a NaN.
        <Fig
          name="Mode fractions, off-manifold, NLL"
          help={q.noDensity}
          value={`not defined: ${q.noDensity}`}
        />
      ) : (
        <>
          <Fig
            name="Mode fractions"
            help={FIGURE_HELP.modes}
            value={q.modeFractions.map(percent).join(" / ")}
          />
          <Fig name="Off-manifold" help={FIGURE_HELP.off} value={percent(q.offManifold)} secondary />
          <Fig name="NLL" help={FIGURE_HELP.nll} value={`${fixed(q.nll, 2)} nats`} secondary />
        </>
      )}
      <Fig name="Memorised" help={FIGURE_HELP.memo} value={percent(q.memorized)} secondary />
    </dl>
  );
}

/** secondary: left out of the presentation view, where the plots need the height (layout.css). */
function Fig({
  name,
  help,
  value,
  secondary,
}: {
  name: string;
  help: string;
  value: string;
  secondary?: boolean;
}) {
  return (
    <div className={secondary ? "figure secondary" : "figure"} title={help}>
      <dt>{name}</dt>
      <dd>{value}</dd>
    </div>
  );
}

export function FigureGlossary() {
  const rows: [string, string][] = [
    ["NFE", FIGURE_HELP.nfe],
    ["Energy distance", FIGURE_HELP.energy],
    ["Mode fractions", FIGURE_HELP.modes],
    ["Off-manifold", FIGURE_HELP.off],
    ["NLL", FIGURE_HELP.nll],
    ["Memorised", FIGURE_HELP.memo],
  ];
  return (
    <details className="glossary">
      <summary>What do these figures mean?</summary>
      <dl>
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

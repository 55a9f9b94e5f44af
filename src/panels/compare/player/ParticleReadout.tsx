// The followed particle's numbers at the player's current step, in every column: t, abar_t, x_t,
// eps_hat, x0_hat, sigma_t and the DDIM update with its coefficients filled in, so the formula on
// the panel is seen with numbers in it (docs/math.md, "Samplers"). Model coordinates: what the
// network sees and the update works in.
import type { Problem } from "../../../core/experiment";
import { SAMPLERS } from "../../../core/samplers/registry";
import type { ColumnRun, CompareColumn } from "../../../state/compare";
import { Formula } from "../../../ui/Formula";
import { columnTitle } from "../format";
import { frameAt, type Pair, type StepNumbers, stepNumbers } from "./frames";
import { usePlayer } from "./playerStore";

export interface ParticleReadoutProps {
  columns: CompareColumn[];
  runs: Record<string, ColumnRun>;
  problem: Problem | null;
}

const n3 = (v: number) => (Math.abs(v) < 5e-4 ? "0.000" : v.toFixed(3));
const pair = ([a, b]: Pair) => `(${n3(a)}, ${n3(b)})`;

export function ParticleReadout({ columns, runs, problem }: ParticleReadoutProps) {
  const follow = usePlayer((s) => s.follow);
  const progress = usePlayer((s) => s.progress);
  if (follow === null || !problem) return null;
  return (
    <section className="particle-readout" aria-label={`Particle ${follow}`}>
      <h3>Particle {follow} (the same x_T in every column), model coordinates</h3>
      <div className="particle-columns">
        {columns.map((c, i) => {
          const run = runs[c.id];
          const traj = run?.trajectory;
          if (!run || !traj) return null;
          const S = traj.frames - 1;
          const f = frameAt(progress, S);
          const title = `Column ${i + 1}: ${columnTitle(run.spec)}`;
          const info = SAMPLERS[run.spec.sampler.sampler];
          const eta = info.params.eta ? run.spec.sampler.eta : 0;
          const nums = stepNumbers(
            traj,
            run.result.grid,
            problem.schedule,
            problem.standardizer,
            eta,
            follow,
            f,
          );
          return (
            <section key={c.id} className="particle-column" aria-label={title}>
              <h4>{title}</h4>
              {nums ? (
                <StepTable nums={nums} S={S} ddim={info.params.eta} />
              ) : (
                <p>
                  Done: x_0 = {pair(finalPoint(run, follow))} (raw units, after step {S} of {S})
                </p>
              )}
            </section>
          );
        })}
      </div>
    </section>
  );
}

function finalPoint(run: ColumnRun, p: number): Pair {
  return [run.result.samples[2 * p], run.result.samples[2 * p + 1]];
}

function StepTable({ nums, S, ddim }: { nums: StepNumbers; S: number; ddim: boolean }) {
  const rows: [string, string][] = [
    ["step", `${nums.step} of ${S}: t = ${nums.t} to t' = ${nums.tNext}`],
    ["abar_t", nums.abar.toFixed(4)],
    ["abar_t'", nums.abarNext.toFixed(4)],
    ["x_t", pair(nums.x)],
    ["eps_hat", pair(nums.epsHat)],
    ["x0_hat", pair(nums.x0Hat)],
  ];
  if (ddim) {
    rows.push(
      ["sigma_t", n3(nums.sigma)],
      ["sqrt(abar_t')", n3(nums.cX0)],
      ["sqrt(1 - abar_t' - sigma_t^2)", n3(nums.cEps)],
    );
    if (nums.z) rows.push(["z drawn", pair(nums.z)]);
  }
  rows.push(["x_t'", pair(nums.xNext)]);
  const noise = nums.sigma > 0 ? ` + ${n3(nums.sigma)}\\,z` : "";
  const tex = String.raw`x_{t'} = ${n3(nums.cX0)}\,\hat x_0 + ${n3(nums.cEps)}\,\hat\epsilon${noise}`;
  return (
    <>
      <dl className="particle-numbers">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {ddim ? (
        <Formula tex={tex} />
      ) : (
        <p className="muted">This sampler's update is not DDIM's; its x_t, eps_hat and x0_hat are shown.</p>
      )}
    </>
  );
}

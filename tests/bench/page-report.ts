// The in-page paint watcher and the printed report of tests/bench/page-timings.ts.

/** When things were painted, ms on the page's clock (performance.now(): from navigation start). */
export interface PaintTimes {
  /** Per column (page order): its first result in the DOM. */
  cols: (number | null)[];
  /** The header names the pretrained network. */
  network: number | null;
  /** Every column settled in the DOM, and then the frame after it was produced. */
  gridDom: number | null;
  grid: number | null;
  interpDom: number | null;
  interp: number | null;
}

export interface Round {
  label: string;
  grid: number | null;
  interp: number | null;
  cols: (number | null)[];
  network: number | null;
  longTasks: number[];
  longTaskStarts: number[];
  frames: LongFrame[];
  runAgain: number | null;
  edit: number[];
  returningGrid: number | null;
  returningInterp: number | null;
  /** Milestones on the page's clock: the app's marks and resource timings (page and workers). */
  marks: Record<string, number>;
  errors: string[];
}

/**
 * Added with addInitScript: checks the DOM once per animation frame (cheap, unlike a mutation
 * observer on the whole document, which ran at every chart update) and records, on the page's own
 * clock, when the grid and the interpolation reach the state tests/e2e/dashboard.ts waits for
 * (waitGridSettled, waitInterpolationSettled): the frame that first shows it, then the task after
 * that frame (the frame with the result has been produced).
 */
export const PAINT_WATCHER = `(() => {
  const pt = { cols: [], network: null, gridDom: null, grid: null, interpDom: null, interp: null };
  window.__pt = pt;
  const afterFrame = (k) => setTimeout(() => { if (pt[k] == null) pt[k] = performance.now(); }, 0);
  const points = (a) => /^\\d+ points/.test(a.querySelector("figure .sr-only")?.textContent ?? "");
  const check = () => {
    const now = performance.now();
    if (pt.network == null && /pretrained network \\(/.test(document.querySelector(".network-status strong")?.textContent ?? "")) pt.network = now;
    const arts = [...document.querySelectorAll("#compare article")];
    arts.forEach((a, i) => {
      if (pt.cols[i] == null && a.getAttribute("aria-busy") === "false" && points(a)) pt.cols[i] = now;
    });
    if (pt.gridDom == null && document.querySelector("#compare")?.getAttribute("aria-busy") === "false" &&
        arts.length > 0 && arts.every((a) => a.getAttribute("aria-busy") === "false" && points(a))) {
      pt.gridDom = now;
      afterFrame("grid");
    }
    if (pt.interpDom == null && document.querySelector("#interpolate")?.getAttribute("aria-busy") === "false" &&
        document.querySelector("#interpolate .is-stale") === null &&
        /marker at/.test(document.querySelector(".interp-readout")?.textContent ?? "")) {
      pt.interpDom = now;
      afterFrame("interp");
    }
    if (pt.gridDom == null || pt.interpDom == null) requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

/**
 * Added with addInitScript: long animation frames (over 100 ms) with what ran in them, so the
 * report can say what a long task was (script by function and file, then style and layout).
 */
export const FRAME_RECORDER = `(() => {
  window.__loaf = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.duration < 100) continue;
        const scripts = (e.scripts || []).map((s) => ({
          ms: Math.round(s.duration),
          what: (s.sourceFunctionName || s.invoker || "?") + " " + (s.sourceURL || "").split("/").pop().replace(/-[A-Za-z0-9_-]{8}[.]js$/, ".js"),
          invoker: s.invokerType,
        }));
        const layout = e.renderStart ? Math.round(e.startTime + e.duration - e.renderStart) : 0;
        window.__loaf.push({ start: Math.round(e.startTime), ms: Math.round(e.duration), layout, scripts });
      }
    }).observe({ type: "long-animation-frame", buffered: true });
  } catch {}
})();`;

export interface LongFrame {
  start: number;
  ms: number;
  /** From the frame's rendering start to its end: style, layout, paint. */
  layout: number;
  scripts: { ms: number; what: string; invoker: string }[];
}

/** One line per long frame: its time, length, rendering part and the scripts that ran longest. */
export function frameLines(frames: LongFrame[], until: number): string[] {
  return frames
    .filter((f) => f.start <= until)
    .map((f) => {
      const top = [...f.scripts]
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 3)
        .map((s) => `${s.what} (${s.invoker}) ${s.ms} ms`)
        .join("; ");
      return `      frame at ${f.start}: ${f.ms} ms, rendering ${f.layout} ms; scripts: ${top || "-"}`;
    });
}

export function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const num = (v: (number | null | undefined)[]) =>
  v.filter((x): x is number => x != null && Number.isFinite(x));

function row(name: string, values: number[], goal: string, met: ((m: number) => boolean) | null): string {
  if (values.length === 0) return `  ${name.padEnd(44)} -`;
  const m = median(values);
  const verdict = met === null ? "" : met(m) ? "  met" : "  NOT met";
  const cells = `${Math.round(m)} ms (${Math.round(Math.min(...values))}-${Math.round(Math.max(...values))})`;
  return `  ${name.padEnd(44)} ${cells.padEnd(26)} goal ${goal}${verdict}`;
}

/** Medians, min-max and the goal of every figure. */
export function summarise(rounds: Round[], returning: boolean): string {
  const longest = rounds.map((r) => Math.max(0, ...r.longTasks));
  const lines = [
    `  figure (median, min-max of ${rounds.length} rounds)`,
    row("grid painted after navigation", num(rounds.map((r) => r.grid)), "<= 2000 ms", (m) => m <= 2000),
    row("  DDIM-50 column in the DOM", num(rounds.map((r) => r.cols[0])), "-", null),
    row("  DDIM eta=1 S=500 column in the DOM", num(rounds.map((r) => r.cols[1])), "-", null),
    row("  DDIM eta=0 S=500 column in the DOM", num(rounds.map((r) => r.cols[2])), "-", null),
    row("  header names the pretrained network", num(rounds.map((r) => r.network)), "-", null),
    row(
      "interpolation painted after navigation",
      num(rounds.map((r) => r.interp)),
      "<= 3000 ms",
      (m) => m <= 3000,
    ),
    row("longest start-up long task", longest, "<= 200 ms", (m) => m <= 200),
    row("run again, 3 columns repainted", num(rounds.map((r) => r.runAgain)), "<= 1500 ms", (m) => m <= 1500),
    row(
      "edit DDIM-50 S (Enter) -> repainted",
      rounds.flatMap((r) => r.edit),
      "<= 150 ms",
      (m) => m <= 150,
    ),
  ];
  if (returning) {
    lines.push(row("returning visit: grid painted", num(rounds.map((r) => r.returningGrid)), "-", null));
    lines.push(row("returning visit: interpolation", num(rounds.map((r) => r.returningInterp)), "-", null));
  }
  // Sampling units and whole-call runs the workers started before the grid and interpolation
  // painted: the same count in every round means nothing was sampled twice.
  const calls = rounds.map((r) => {
    const started = (m: string) =>
      Object.keys(r.marks).filter((k) => new RegExp(`${m}#\\d+:start$`).test(k)).length;
    return `${started("sampleUnit")} units, ${started("interpolate")} interpolate, ${started("qualityOf")} figures`;
  });
  lines.push(`  worker calls at start-up per round: ${calls.join("; ")}`);
  const counts = rounds.map((r) => `${r.longTasks.length} [${r.longTasks.join(", ")}]`);
  lines.push(`  start-up long tasks per round (ms): ${counts.join("; ")}`);
  return lines.join("\n");
}

/** A build's hashed file name without its hash, so milestones of two builds line up. */
const unhashed = (name: string) => name.replace(/-[A-Za-z0-9_-]{8}\.(js|wasm|css)/, ".$1");

/** The start-up timeline: every milestone seen in most rounds, by median time. */
export function startupRows(rounds: Round[]): string {
  const byName = new Map<string, number[]>();
  for (const r of rounds)
    for (const [k, v] of Object.entries(r.marks)) {
      const name = unhashed(k);
      if (
        /fetch (index|worker|kernel|tfjs-backend-wasm-simd|network)/.test(name) ||
        !name.includes(" fetch ")
      ) {
        const list = byName.get(name) ?? [];
        list.push(v);
        byName.set(name, list);
      }
    }
  const need = Math.ceil(rounds.length / 2);
  const rows = [...byName.entries()]
    .filter(([, v]) => v.length >= need)
    .map(([k, v]) => ({ k, m: median(v), lo: Math.min(...v), hi: Math.max(...v) }))
    .sort((a, b) => a.m - b.m);
  return [
    "  start-up timeline (ms since navigation, median and min-max):",
    ...rows.map(
      (r) => `    ${String(Math.round(r.m)).padStart(6)}  (${Math.round(r.lo)}-${Math.round(r.hi)})  ${r.k}`,
    ),
  ].join("\n");
}

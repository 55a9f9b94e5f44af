// Where start-up's CPU goes, per thread and per function: one first visit of the production build
// traced by Chromium (its sampling JavaScript profiler and the renderer's own trace events) from
// navigation until the comparison grid is painted, then summed. For each thread of the page (its
// main thread, the engine workers) it prints the JavaScript functions with the most self time and
// the browser's own work (layout, style, paint, canvas, compiling) with the most self time. It
// found what docs/bench.md, "Page timings", lists (recharts measuring tick labels, the skipped
// noise draws, KaTeX). A diagnostic that prints figures, not a test; one round is one trace, so
// read it for where the time goes, and measure a change with page-timings.ts.
//   npx tsx tests/bench/page-profile.ts [--dist DIR] [--after MS] [--from MS] [--top N] [--trace FILE]
//   DIR: a build (default: build this tree); --after: keep tracing this long after the grid
//   (default 0); --from: count only samples from this time on (ms since navigation); --trace:
//   also write the raw trace (it opens in Chromium's performance panel).
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, serveDir } from "../browser/static";
import { waitGridSettled } from "../e2e/dashboard";
import { benchBuild } from "../e2e/site";

const { values: args } = parseArgs({
  options: {
    dist: { type: "string" },
    after: { type: "string" },
    from: { type: "string" },
    top: { type: "string" },
    trace: { type: "string" },
  },
});
function wholeNumber(name: string, text: string | undefined, fallback: number, max: number): number {
  const v = Number(text ?? fallback);
  if (Number.isInteger(v) && v >= 0 && v <= max) return v;
  console.error(`--${name} must be a whole number from 0 to ${max}, got ${text}`);
  process.exit(2);
}
const AFTER = wholeNumber("after", args.after, 0, 60_000);
const FROM = wholeNumber("from", args.from, 0, 600_000);
const TOP = wholeNumber("top", args.top, 15, 200);

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  id?: string;
  args?: {
    name?: string;
    data?: {
      startTime?: number;
      cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
      timeDeltas?: number[];
    };
  };
}
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url?: string; lineNumber?: number };
}

const CATEGORIES = [
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "disabled-by-default-v8.cpu_profiler",
  "v8.execute",
  "blink.user_timing",
  "blink",
  "loading",
];

/** ms of self time per key, most first. */
function top(m: Map<string, number>, n: number): string[] {
  return [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `    ${v.toFixed(1).padStart(8)}  ${k}`);
}

function add(m: Map<string, number>, k: string, v: number): void {
  m.set(k, (m.get(k) ?? 0) + v);
}

/** JavaScript self time per function (the sampling profiler), per thread. */
function jsSelfTime(events: TraceEvent[], threadName: Map<string, string>, nav: number) {
  const profiles = new Map<
    string,
    { thread: string; t: number; nodes: Map<number, ProfileNode>; ms: Map<string, number> }
  >();
  for (const e of events) {
    if (e.name === "Profile" && e.id !== undefined)
      profiles.set(`${e.pid}:${e.id}`, {
        thread: threadName.get(`${e.pid}:${e.tid}`) ?? `thread ${e.tid}`,
        t: e.args?.data?.startTime ?? 0,
        nodes: new Map(),
        ms: new Map(),
      });
  }
  for (const e of events) {
    const p = e.name === "ProfileChunk" ? profiles.get(`${e.pid}:${e.id}`) : undefined;
    if (!p) continue;
    for (const node of e.args?.data?.cpuProfile?.nodes ?? []) p.nodes.set(node.id, node);
    const samples = e.args?.data?.cpuProfile?.samples ?? [];
    const deltas = e.args?.data?.timeDeltas ?? [];
    samples.forEach((id, i) => {
      p.t += deltas[i] ?? 0;
      const node = p.nodes.get(id);
      if (!node || (p.t - nav) / 1000 < FROM) return;
      const f = node.callFrame;
      if (f.functionName === "(idle)") return;
      const file = f.url ? ` ${f.url.split("/").pop()}:${f.lineNumber}` : "";
      add(p.ms, `${f.functionName || "(anonymous)"}${file}`, (deltas[i] ?? 0) / 1000);
    });
  }
  return [...profiles.values()];
}

/** The browser's own work: self time of its complete ("X") trace events, per thread. */
function eventSelfTime(events: TraceEvent[], threadName: Map<string, string>, nav: number) {
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== "X" || e.dur === undefined || (e.ts - nav) / 1000 < FROM) continue;
    const k = `${e.pid}:${e.tid}`;
    if (!threadName.has(k)) continue;
    const list = byThread.get(k) ?? [];
    list.push(e);
    byThread.set(k, list);
  }
  const out = new Map<string, Map<string, number>>();
  for (const [k, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const ms = new Map<string, number>();
    const stack: TraceEvent[] = [];
    for (const e of list) {
      while (stack.length && stack[stack.length - 1].ts + (stack[stack.length - 1].dur ?? 0) <= e.ts)
        stack.pop();
      const parent = stack[stack.length - 1];
      if (parent) add(ms, parent.name, -(e.dur ?? 0) / 1000);
      add(ms, e.name, (e.dur ?? 0) / 1000);
      stack.push(e);
    }
    out.set(threadName.get(k) ?? k, ms);
  }
  return out;
}

async function main(): Promise<void> {
  const build = await benchBuild(args.dist);
  const dir = build.dir;
  const server = await serveDir(dir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    // One visit first, so the disk cache and the browser's own start do not land in the trace.
    for (const traced of [false, true]) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      if (traced) await browser.startTracing(page, { categories: CATEGORIES });
      await page.goto(server.origin);
      await waitGridSettled(page);
      const grid = await page.evaluate(() => performance.now());
      if (!traced) {
        await context.close();
        continue;
      }
      await page.waitForTimeout(AFTER);
      const raw = await browser.stopTracing();
      await context.close();
      if (args.trace) writeFileSync(args.trace, raw);
      const parsed = JSON.parse(raw.toString()) as { traceEvents: TraceEvent[] } | TraceEvent[];
      const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
      const starts = events.filter((e) => e.name === "navigationStart").map((e) => e.ts);
      if (starts.length === 0) throw new Error("the trace has no navigationStart event (blink.user_timing)");
      const nav = Math.min(...starts);
      const threadName = new Map<string, string>();
      for (const e of events)
        if (e.ph === "M" && e.name === "thread_name" && e.args?.name)
          threadName.set(`${e.pid}:${e.tid}`, `${e.args.name} (${e.tid})`);
      const pageThreads = new Map(
        [...threadName].filter(([, n]) => /CrRendererMain|DedicatedWorker/.test(n)),
      );
      console.log(
        `grid painted ${Math.round(grid)} ms after navigation (traced, so slower than page-timings.ts); samples from ${FROM} ms to ${Math.round(grid + AFTER)} ms`,
      );
      const js = jsSelfTime(events, pageThreads, nav).filter((p) => p.ms.size > 0);
      const native = eventSelfTime(events, pageThreads, nav);
      for (const p of js) {
        const total = [...p.ms.values()].reduce((s, v) => s + v, 0);
        console.log(
          `\n${p.thread}: ${total.toFixed(0)} ms sampled busy; JavaScript and wasm, self time (ms):`,
        );
        console.log(top(p.ms, TOP).join("\n"));
        const own = native.get(p.thread);
        if (own) {
          console.log("  the browser's own work on this thread, self time (ms):");
          console.log(top(own, TOP).join("\n"));
        }
      }
    }
  } finally {
    await browser.close();
    server.close();
    build.remove();
  }
}

void main();

// @vitest-environment jsdom
// The lesson file: versioned and validated as a whole before anything is loaded; a good one
// restores network, settings, loss history, comparison columns and the x_T seed.
import { act, cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { App } from "../../src/App";
import { DEFAULT_SAMPLER } from "../../src/core/config";
import { useCompare } from "../../src/state/compare";
import {
  LESSON_FORMAT,
  type Lesson,
  makeLesson,
  openLabFile,
  parseLesson,
  parseLessonText,
} from "../../src/state/lesson";
import { makeSession } from "../../src/state/persist";
import { DEFAULT_SETTINGS } from "../../src/state/settings";
import { useApp } from "../../src/state/store";
import { STAND_IN_NETWORK as FAKE_NETWORK, setUpApp } from "../components/appSetup";

afterEach(cleanup);

const network = () => ({ ...structuredClone(FAKE_NETWORK), trainSteps: 700 });
const columns = [
  { id: "a", sampler: { ...DEFAULT_SAMPLER, eta: 0, steps: 20 }, model: "network" as const },
  { id: "b", sampler: { ...DEFAULT_SAMPLER, sampler: "heun" as const, steps: 10 }, model: "oracle" as const },
];
function lesson(): Lesson {
  const session = makeSession(network(), DEFAULT_SETTINGS, [
    { step: 350, loss: 0.6 },
    { step: 700, loss: 0.4 },
  ]);
  return makeLesson(session, columns, 4242, "Week 3: DDIM vs DDPM");
}
/** The lesson as a plain JSON value with one field changed. */
// biome-ignore lint/suspicious/noExplicitAny: free-form edits of a parsed JSON copy
function edited(edit: (v: Record<string, any>) => void): unknown {
  const v = JSON.parse(JSON.stringify(lesson()));
  edit(v);
  return v;
}

describe("lesson file: parse", () => {
  it("round-trips through JSON with every part", () => {
    const r = parseLessonText(JSON.stringify(lesson()));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.lesson.format).toBe(LESSON_FORMAT);
    expect(r.lesson.title).toBe("Week 3: DDIM vs DDPM");
    expect(r.lesson.seed).toBe(4242);
    expect(r.lesson.columns).toEqual(columns.map(({ sampler, model }) => ({ sampler, model })));
    expect(r.lesson.session.loss).toHaveLength(2);
    expect((r.lesson.session.network as { trainSteps: number }).trainSteps).toBe(700);
  });

  it.each([
    ["not JSON", "{", /not valid JSON/],
    ["another kind of file", JSON.stringify({ format: "something" }), /not a DDIM Lab lesson file/],
    ["an array", "[1, 2]", /not a DDIM Lab lesson file/],
    [
      "version 2",
      JSON.stringify(edited((v) => (v.version = 2))),
      /version 2; this DDIM Lab reads lesson files of version 1/,
    ],
    [
      'version "1" (a string)',
      JSON.stringify(edited((v) => (v.version = "1"))),
      /version "1"; .*version 1 \(a number\)/,
    ],
    [
      "seven columns",
      JSON.stringify(edited((v) => (v.columns = Array(7).fill(v.columns[0])))),
      /at most 6 comparison columns/,
    ],
    ["no columns", JSON.stringify(edited((v) => (v.columns = []))), /at least one comparison column/],
    [
      "eta = 5 in a column",
      JSON.stringify(edited((v) => (v.columns[0].sampler.eta = 5))),
      /columns\.0\.sampler\.eta/,
    ],
    [
      "an unknown model",
      JSON.stringify(edited((v) => (v.columns[1].model = "evil"))),
      /model must be one of network, oracle, empirical/,
    ],
    [
      "a column key named constructor",
      JSON.stringify(edited((v) => (v.columns[0].constructor = 1))),
      /damaged/,
    ],
    ["seed -1", JSON.stringify(edited((v) => (v.seed = -1))), /seed must be from 0 to 2147483647/],
    ["seed 1.5", JSON.stringify(edited((v) => (v.seed = 1.5))), /seed must be a whole number/],
    [
      "a 300-character title",
      JSON.stringify(edited((v) => (v.title = "x".repeat(300)))),
      /title must be at most 200/,
    ],
    [
      "steps above the network's T",
      JSON.stringify(edited((v) => (v.columns[0].sampler.steps = 600))),
      /column 1 uses 600 steps but the lesson's network has T = 500/,
    ],
    [
      "a damaged network part",
      JSON.stringify(edited((v) => (v.session.loss = "lots"))),
      /the lesson's network part: the file is damaged/,
    ],
    [
      "a session of another version",
      JSON.stringify(edited((v) => (v.session.version = 9))),
      /network part: the file is version 9/,
    ],
  ])("refuses %s with a message saying what is wrong", (_name, text, message) => {
    const r = parseLessonText(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it("never throws on odd values", () => {
    for (const v of [
      null,
      0,
      "x",
      [],
      { format: LESSON_FORMAT },
      { format: LESSON_FORMAT, version: 1 },
      Object.create(null),
    ]) {
      expect(parseLesson(v).ok).toBe(false);
    }
  });
});

async function renderApp() {
  const t = setUpApp();
  await act(async () => {
    render(<App />);
  });
  await waitFor(() => expect(useApp.getState().network).not.toBeNull());
  return t;
}

const file = (v: unknown) => new Blob([typeof v === "string" ? v : JSON.stringify(v)]);

describe("lesson file: open", () => {
  it("a good lesson restores network, loss history, columns and seed, and says so", async () => {
    await renderApp();
    let ok = false;
    await act(async () => {
      ok = await openLabFile(file(lesson()));
    });
    expect(ok).toBe(true);
    expect(useApp.getState().network?.trainSteps).toBe(700);
    expect(useApp.getState().loss).toHaveLength(2);
    const grid = useCompare.getState();
    expect(grid.seed).toBe(4242);
    expect(grid.columns.map((c) => [c.sampler.sampler, c.sampler.steps, c.model])).toEqual([
      ["ddim", 20, "network"],
      ["heun", 10, "oracle"],
    ]);
    expect(useApp.getState().status).toMatch(/Opened the lesson "Week 3: DDIM vs DDPM"/);
    expect(screen.getByText(/Opened the lesson "Week 3: DDIM vs DDPM"/)).toBeTruthy();
  });

  it("a bad lesson changes nothing: network, loss history, columns and seed stay", async () => {
    await renderApp();
    const before = {
      network: useApp.getState().network,
      loss: useApp.getState().loss,
      columns: useCompare.getState().columns,
      seed: useCompare.getState().seed,
    };
    for (const bad of [
      edited((v) => (v.columns[0].sampler.eta = 5)),
      edited((v) => (v.seed = "abc")),
      edited((v) => (v.session.network = { format: "ddim-lab-network", version: 1, nonsense: true })),
    ]) {
      let ok = true;
      await act(async () => {
        ok = await openLabFile(file(bad));
      });
      expect(ok).toBe(false);
      expect(useApp.getState().network).toEqual(before.network);
      expect(useApp.getState().loss).toEqual(before.loss);
      expect(useCompare.getState().columns).toEqual(before.columns);
      expect(useCompare.getState().seed).toBe(before.seed);
    }
  });

  it("a plain network file dropped on the page goes to the network loader", async () => {
    await renderApp();
    let ok = false;
    await act(async () => {
      ok = await openLabFile(file(makeSession(network(), DEFAULT_SETTINGS, [])));
    });
    expect(ok).toBe(true);
    expect(useApp.getState().network?.trainSteps).toBe(700);
  });
});

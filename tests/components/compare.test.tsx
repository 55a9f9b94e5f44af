// @vitest-environment jsdom
// The sampler comparison grid as a person uses it, on the real engine with the perfect network
// standing in for the trained one: three headline columns, each its own engine call (cheapest
// first, painted as soon as it is done, stale answers ignored), number fields that commit on
// Enter, adding / editing / removing columns, and the determinism lesson of "run again".
import { act, cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ComparePanel } from "../../src/panels/compare/ComparePanel";
import { MAX_COLUMNS, useCompare } from "../../src/state/compare";
import { useApp } from "../../src/state/store";
import { FAKE_NETWORK, type FakeEngine, fakeEngine } from "./compareFakeEngine";

let engine: FakeEngine;

beforeEach(() => {
  // jsdom has no canvas: the plots fall back to their text summaries.
  HTMLCanvasElement.prototype.getContext = () => null;
  engine = fakeEngine();
  useCompare.setState(useCompare.getInitialState(), true);
  useApp.setState({ engine, network: FAKE_NETWORK, networkVersion: 1, training: "idle" });
});
afterEach(() => {
  cleanup();
  window.history.replaceState(null, "", "/"); // the grid writes its columns to the link
});

const columns = () => screen.getAllByRole("article", { name: /^Column/ });
const column = (i: number) => columns()[i];
/** The value next to a figure's name, e.g. figure(col, "NFE") -> "50". */
const figure = (col: HTMLElement, name: string) =>
  within(col).queryByText(name)?.nextElementSibling?.textContent;
const heading = (i: number) => within(column(i)).getByRole("heading", { level: 3 }).textContent;

async function renderWithResults() {
  render(<ComparePanel />);
  await waitFor(() => expect(figure(column(2), "NFE")).toBe("500"), { timeout: 20_000 });
}

/** Holds every sample call with more than `steps` steps until release() is called. */
function holdAbove(steps: number) {
  let release = () => {};
  const held = new Promise<void>((r) => {
    release = r;
  });
  engine.gate = (req) => (req.sampler.steps > steps ? held : Promise.resolve());
  return () => release();
}

describe("sampler comparison grid", () => {
  it("opens with the three headline runs from one x_T, each with NFE and quality figures", async () => {
    await renderWithResults();
    expect(columns().map((_, i) => heading(i))).toEqual([
      "Column 1: DDIM eta=0, S=50",
      "Column 2: DDIM eta=1, S=500 (DDPM-equivalent)",
      "Column 3: DDIM eta=0, S=500",
    ]);
    expect(columns().map((c) => figure(c, "NFE"))).toEqual(["50", "500", "500"]);
    for (const c of columns()) {
      expect(figure(c, "Worker time")).toMatch(/^\d+ ms$/);
      expect(figure(c, "Energy distance")).toMatch(/\d\.\d{3}|within noise/);
      expect(figure(c, "Mode fractions")).toMatch(/%.*%.*%/);
      expect(figure(c, "NLL")).toMatch(/nats$/);
    }
    // One engine call per column, the 50-step one first, every column from the same 1000-point x_T.
    expect(engine.calls.sample).toBe(3);
    expect(engine.calls.sampleMany).toBe(0);
    expect(engine.requests.map((r) => r.sampler.steps)).toEqual([50, 500, 500]);
    // Each column on its own lane of the worker pool (a newer request cancels its column's older one).
    const lanes = engine.requests.map((r) => r.lane);
    expect(new Set(lanes).size).toBe(3);
    expect(lanes.every((l) => typeof l === "string")).toBe(true);
    expect(engine.requests.every((r) => r.xT?.length === 2000)).toBe(true);
    expect(Array.from(engine.requests[1].xT ?? [])).toEqual(Array.from(engine.requests[0].xT ?? []));
  });

  it("paints the 50-step column while the 500-step ones are still running", async () => {
    const release = holdAbove(50);
    render(<ComparePanel />);
    await waitFor(() => expect(figure(column(0), "NFE")).toBe("50"), { timeout: 20_000 });
    expect(figure(column(1), "NFE")).toBeUndefined();
    expect(within(column(1)).getByText("Sampling 500 steps...")).toBeTruthy();
    expect(screen.getByText(/Sampling 2 of 3 columns/)).toBeTruthy();
    release();
    await waitFor(() => expect(figure(column(2), "NFE")).toBe("500"), { timeout: 20_000 });
  });

  it("ignores the answer of a column that was edited while it ran", async () => {
    const user = userEvent.setup();
    const release = holdAbove(100);
    render(<ComparePanel />);
    await waitFor(() => expect(figure(column(0), "NFE")).toBe("50"), { timeout: 20_000 });
    const steps = within(column(2)).getByLabelText("Steps S");
    await user.clear(steps);
    await user.type(steps, "40{Enter}"); // column 3's S=500 run is still held
    await waitFor(() => expect(figure(column(2), "NFE")).toBe("40"), { timeout: 20_000 });
    release();
    await waitFor(() => expect(figure(column(1), "NFE")).toBe("500"), { timeout: 20_000 });
    await act(() => new Promise((r) => setTimeout(r, 0))); // let the stale S=500 answer arrive
    expect(figure(column(2), "NFE")).toBe("40");
    expect(heading(2)).toBe("Column 3: DDIM eta=0, S=40");
  });

  it("number fields act on Enter only: 9999 never runs S=99, 2.5 never runs S=2", async () => {
    const user = userEvent.setup();
    await renderWithResults();
    const before = engine.calls.sample;
    const steps = within(column(0)).getByLabelText("Steps S");
    await user.clear(steps);
    await user.type(steps, "9999");
    expect(engine.calls.sample).toBe(before); // nothing ran while typing
    expect(heading(0)).toBe("Column 1: DDIM eta=0, S=50");
    await user.keyboard("{Enter}");
    expect(within(column(0)).getByRole("alert").textContent).toBe(
      "steps must be a whole number from 1 to T=500",
    );
    await user.clear(steps);
    await user.type(steps, "2.5{Enter}");
    expect(within(column(0)).getByRole("alert").textContent).toMatch(/whole number/);
    expect(engine.calls.sample).toBe(before);
    expect(heading(0)).toBe("Column 1: DDIM eta=0, S=50");

    const eta = within(column(0)).getByLabelText("eta");
    await user.clear(eta);
    await user.type(eta, "2");
    await user.tab(); // leaving the field commits too
    expect(
      within(column(0))
        .getAllByRole("alert")
        .map((a) => a.textContent),
    ).toContain("eta must be from 0 to 1");

    await user.clear(steps);
    await user.type(steps, "20{Enter}");
    await user.clear(eta);
    await user.type(eta, "0.5{Enter}");
    expect(within(column(0)).queryAllByRole("alert")).toHaveLength(0);
    expect(heading(0)).toBe("Column 1: DDIM eta=0.5, S=20");
    await waitFor(() => expect(figure(column(0), "NFE")).toBe("20"), { timeout: 20_000 });
    const ran = engine.requests.slice(3).map((r) => [r.sampler.steps, r.sampler.eta]);
    expect(ran.every(([s]) => s === 20)).toBe(true); // no S=2, S=99, S=999 on the way
  });

  it("adds columns that are not copies, says why it stops at the limit, edits and removes", async () => {
    const user = userEvent.setup();
    await renderWithResults();
    const add = screen.getByRole("button", { name: "Add column" });
    for (let i = 3; i < MAX_COLUMNS; i++) await user.click(add);
    expect(columns()).toHaveLength(MAX_COLUMNS);
    const titles = columns().map((_, i) => heading(i)?.replace(/^Column \d+: /, ""));
    const models = columns().map((c) => (within(c).getByLabelText("Model") as HTMLSelectElement).value);
    const specs = titles.map((t, i) => `${t}|${models[i]}`);
    expect(new Set(specs).size).toBe(MAX_COLUMNS); // every added column is new
    await user.click(add);
    expect(columns()).toHaveLength(MAX_COLUMNS);
    expect(
      screen.getByText(`The grid holds at most ${MAX_COLUMNS} columns: remove one to add another.`),
    ).toBeTruthy();
    expect(add.getAttribute("aria-disabled")).toBe("true");

    await user.selectOptions(within(column(3)).getByLabelText("Sampler"), "heun");
    expect(within(column(3)).queryByLabelText("eta")).toBeNull(); // eta is a DDIM setting only
    const steps = within(column(3)).getByLabelText("Steps S");
    await user.clear(steps);
    await user.type(steps, "20{Enter}");
    await waitFor(() => expect(figure(column(3), "NFE")).toBe("39"), { timeout: 20_000 }); // Heun: 2 calls per step but the last

    await user.click(screen.getByRole("button", { name: "Remove column 2" }));
    expect(columns()).toHaveLength(MAX_COLUMNS - 1);
    expect(screen.queryByText(/at most/)).toBeNull();
    expect(heading(1)).toBe("Column 2: DDIM eta=0, S=500");
    expect(heading(2)).toBe("Column 3: Heun (PF-ODE), S=20");
  });

  it("run again with the same noise (key d): exactly 0 difference for eta=0, more than 0 for eta=1", async () => {
    const user = userEvent.setup();
    await renderWithResults();
    await user.keyboard("d"); // the shortcut of "Run again with the same noise"
    await waitFor(() => expect(within(column(1)).queryByText(/run again/)).not.toBeNull(), {
      timeout: 20_000,
    });
    const diff = (i: number) =>
      within(column(i))
        .getByText(/run again/)
        .querySelector("output")?.textContent;
    await waitFor(() => expect(diff(2)).toBe("0 (bit-identical)"), { timeout: 20_000 });
    expect(diff(0)).toBe("0 (bit-identical)");
    expect(Number(diff(1))).toBeGreaterThan(0.1);
    expect(screen.getByText(/every step adds fresh noise z/)).toBeTruthy();
    // The re-run kept x_T and changed only the z seed.
    const first = engine.requests.find((r) => r.sampler.eta === 1);
    const again = engine.requests.slice(3).find((r) => r.sampler.eta === 1);
    expect(Array.from(again?.xT ?? [])).toEqual(Array.from(first?.xT ?? []));
    expect(again?.seed).not.toBe(first?.seed);
  });

  it("shows a worker failure in place, keeps the panel, and tries again when the message is dismissed", async () => {
    const user = userEvent.setup();
    let failures = 1;
    engine.gate = async () => {
      if (failures-- > 0) throw new Error("the compute worker stopped");
    };
    render(<ComparePanel />);
    const alert = await screen.findByText(/Sampling failed: the compute worker stopped/, undefined, {
      timeout: 20_000,
    });
    expect(columns()).toHaveLength(3);
    await user.click(
      within(alert.closest("[role=alert]") as HTMLElement).getByRole("button", { name: "Dismiss" }),
    );
    await waitFor(() => expect(figure(column(0), "NFE")).toBe("50"), { timeout: 20_000 });
    expect(screen.queryByText(/Sampling failed/)).toBeNull();
  });

  it("re-samples the trained-network columns when the network changes, but not while training runs", async () => {
    const user = userEvent.setup();
    await renderWithResults();
    await user.selectOptions(within(column(0)).getByLabelText("Model"), "oracle");
    await waitFor(() => expect(engine.calls.sample).toBe(4), { timeout: 20_000 });

    act(() => useApp.setState({ training: "running", networkVersion: 2 })); // a new training run started
    // Effects have run inside act(): a request would already be counted (counted when made).
    expect(screen.getByText("Waiting for training to finish...")).toBeTruthy();
    expect(engine.calls.sample).toBe(4);

    act(() => useApp.setState({ training: "idle", networkVersion: 3 })); // it finished
    expect(engine.calls.sample).toBe(6);
    // Only the two trained-network columns; the perfect-network column stays valid.
    expect(engine.requests.slice(4).map((r) => r.model)).toEqual(["network", "network"]);
  });
});

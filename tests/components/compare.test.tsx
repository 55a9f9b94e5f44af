// @vitest-environment jsdom
// The sampler comparison grid as a person uses it: three headline columns with their figures,
// adding / editing / removing columns (a refused value says why and keeps the column), and the
// determinism lesson of "run again with the same noise".
import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ComparePanel } from "../../src/panels/compare/ComparePanel";
import { useCompare } from "../../src/state/compare";
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

const columns = () => screen.getAllByRole("article");
const column = (i: number) => columns()[i];
/** The value next to a figure's name, e.g. figure(col, "NFE") -> "50". */
const figure = (col: HTMLElement, name: string) =>
  within(col).getByText(name).nextElementSibling?.textContent;

async function renderWithResults() {
  render(<ComparePanel />);
  await waitFor(() => expect(within(column(2)).queryByText("NFE")).not.toBeNull(), { timeout: 20_000 });
}

describe("sampler comparison grid", () => {
  it("opens with the three headline runs from one x_T, each with NFE and quality figures", async () => {
    await renderWithResults();
    expect(columns()).toHaveLength(3);
    const titles = columns().map((c) => within(c).getByRole("heading").textContent);
    expect(titles).toEqual([
      "Column 1: DDIM eta=0, S=50",
      "Column 2: DDIM eta=1, S=500 (DDPM-equivalent)",
      "Column 3: DDIM eta=0, S=500",
    ]);
    expect(columns().map((c) => figure(c, "NFE"))).toEqual(["50", "500", "500"]);
    for (const c of columns()) {
      expect(figure(c, "Worker time")).toMatch(/^\d+ ms$/);
      expect(figure(c, "Energy distance")).toMatch(/^-?\d+\.\d{3}$/);
      expect(figure(c, "Mode fractions")).toMatch(/%.*%.*%/);
      expect(figure(c, "NLL")).toMatch(/nats$/);
      expect(within(c).getByText("Off-manifold")).toBeTruthy();
      expect(within(c).getByText("Memorised")).toBeTruthy();
    }
    // One sampleMany call for all columns, every column from the same 1000-point x_T.
    expect(engine.calls.sampleMany).toBe(1);
    const batch = engine.batches[0];
    expect(batch).toHaveLength(3);
    expect(batch.every((r) => r.xT?.length === 2000)).toBe(true);
    expect(Array.from(batch[1].xT ?? [])).toEqual(Array.from(batch[0].xT ?? []));
  });

  it("adds, edits and removes columns; a bad value names the setting and the column keeps its last good settings", async () => {
    const user = userEvent.setup();
    await renderWithResults();
    await user.click(screen.getByRole("button", { name: "Add column" }));
    expect(columns()).toHaveLength(4);
    const fourth = column(3);
    const steps = within(fourth).getByLabelText("Steps S");

    await user.clear(steps);
    await user.type(steps, "0");
    expect(within(fourth).getByRole("alert").textContent).toBe(
      "steps must be a whole number from 1 to T=500",
    );
    expect(within(fourth).getByRole("heading").textContent).toBe("Column 4: DDIM eta=0, S=500");

    const eta = within(fourth).getByLabelText("eta");
    await user.clear(eta);
    await user.type(eta, "2");
    expect(
      within(fourth)
        .getAllByRole("alert")
        .map((a) => a.textContent),
    ).toContain("eta must be from 0 to 1");

    await user.clear(steps);
    await user.type(steps, "20");
    await user.clear(eta);
    await user.type(eta, "0.5");
    expect(within(fourth).queryAllByRole("alert")).toHaveLength(0);
    expect(within(fourth).getByRole("heading").textContent).toBe("Column 4: DDIM eta=0.5, S=20");
    await waitFor(() => expect(figure(column(3), "NFE")).toBe("20"), { timeout: 20_000 });

    await user.selectOptions(within(column(3)).getByLabelText("Sampler"), "heun");
    expect(within(column(3)).queryByLabelText("eta")).toBeNull(); // eta is a DDIM setting only
    await user.selectOptions(within(column(3)).getByLabelText("Model"), "oracle");
    await waitFor(() => expect(figure(column(3), "NFE")).toBe("39"), { timeout: 20_000 }); // Heun: 2 calls per step but the last

    await user.click(screen.getByRole("button", { name: "Remove column 2" }));
    expect(columns()).toHaveLength(3);
    expect(columns().map((c) => within(c).getByRole("heading").textContent)).toEqual([
      "Column 1: DDIM eta=0, S=50",
      "Column 2: DDIM eta=0, S=500",
      "Column 3: Heun (PF-ODE), S=20",
    ]);
  });

  it("run again with the same noise (key d): exactly 0 difference for eta=0, more than 0 for eta=1", async () => {
    const user = userEvent.setup();
    await renderWithResults();
    await user.keyboard("d"); // the shortcut of "Run again with the same noise"
    await waitFor(() => expect(within(column(0)).queryByText(/run again/)).not.toBeNull(), {
      timeout: 20_000,
    });
    const diff = (i: number) =>
      within(column(i))
        .getByText(/run again/)
        .querySelector("output")?.textContent;
    expect(diff(0)).toBe("0 (bit-identical)");
    expect(diff(2)).toBe("0 (bit-identical)");
    expect(Number(diff(1))).toBeGreaterThan(0.1);
    expect(screen.getByText(/every step adds fresh noise z/)).toBeTruthy();
    // The re-run kept x_T and changed only the z seed.
    const [first, again] = engine.batches;
    expect(Array.from(again[1].xT ?? [])).toEqual(Array.from(first[1].xT ?? []));
    expect(again[1].seed).not.toBe(first[1].seed);
  });

  it("shows a worker failure in place, keeps the panel, and tries again when the message is dismissed", async () => {
    const user = userEvent.setup();
    const working = engine.sampleMany;
    engine.sampleMany = async () => {
      engine.sampleMany = working;
      throw new Error("the compute worker stopped");
    };
    render(<ComparePanel />);
    const alert = await screen.findByText(/Sampling failed: the compute worker stopped/, undefined, {
      timeout: 20_000,
    });
    expect(columns()).toHaveLength(3);
    await user.click(
      within(alert.closest("[role=alert]") as HTMLElement).getByRole("button", { name: "Dismiss" }),
    );
    await waitFor(() => expect(figure(column(2), "NFE")).toBe("500"), { timeout: 20_000 });
    expect(screen.queryByText(/Sampling failed/)).toBeNull();
  });

  it("re-samples the trained-network columns when the network changes, but not while training runs", async () => {
    const user = userEvent.setup();
    await renderWithResults();
    await user.selectOptions(within(column(0)).getByLabelText("Model"), "oracle");
    await waitFor(() => expect(engine.calls.sampleMany).toBe(2), { timeout: 20_000 });

    useApp.setState({ training: "running", networkVersion: 2 }); // a new training run started
    await new Promise((r) => setTimeout(r, 600));
    expect(engine.calls.sampleMany).toBe(2);
    expect(screen.getByText("Waiting for training to finish...")).toBeTruthy();

    useApp.setState({ training: "idle", networkVersion: 3 }); // it finished
    await waitFor(() => expect(engine.calls.sampleMany).toBe(3), { timeout: 20_000 });
    // Only the two trained-network columns; the perfect-network column stays valid.
    expect(engine.batches[2].map((r) => r.model)).toEqual(["network", "network"]);
  });
});

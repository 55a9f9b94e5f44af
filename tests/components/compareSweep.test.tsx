// @vitest-environment jsdom
// The quality-vs-steps chart: computed on demand, one sampleMany call per curve (model x eta) with
// fewer points, a visible progress state, then a one-line reading and the numbers in a table.
import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ComparePanel } from "../../src/panels/compare/ComparePanel";
import { useCompare } from "../../src/state/compare";
import { useApp } from "../../src/state/store";
import { FAKE_NETWORK, type FakeEngine, fakeEngine } from "./compareFakeEngine";

let engine: FakeEngine;

beforeEach(() => {
  HTMLCanvasElement.prototype.getContext = () => null;
  engine = fakeEngine();
  useCompare.setState(useCompare.getInitialState(), true);
  // T = 100 keeps the sweep short (S = 5, 10, 20, 50, 100); the grid's S=500 columns clamp to 100.
  const network = { ...FAKE_NETWORK, problem: { ...FAKE_NETWORK.problem, T: 100 } };
  useApp.setState({ engine, network, networkVersion: 1, training: "idle" });
});
afterEach(() => {
  cleanup();
  window.history.replaceState(null, "", "/"); // the grid writes its columns to the link
});

describe("quality against steps", () => {
  it("runs one call per curve with 500 points, shows progress, then a reading and the numbers", async () => {
    const user = userEvent.setup();
    render(<ComparePanel />);
    await waitFor(() => expect(engine.calls.sampleMany).toBe(1), { timeout: 20_000 });
    await waitFor(() =>
      expect(screen.getByRole("button", { name: "Compute quality vs steps" })).toHaveProperty(
        "disabled",
        false,
      ),
    );
    const gridCalls = engine.calls.sampleMany;

    await user.click(screen.getByRole("button", { name: "Compute quality vs steps" }));
    expect(await screen.findByText(/Computing curve \d of 6/)).toBeTruthy();
    const reading = await screen.findByText(/^At S=5 with the perfect network/, undefined, {
      timeout: 30_000,
    });
    expect(reading.textContent).toMatch(/eta=0 \(deterministic DDIM\) beats eta=1/);

    const sweepBatches = engine.batches.slice(gridCalls);
    expect(sweepBatches).toHaveLength(6);
    for (const batch of sweepBatches) {
      expect(batch.map((r) => r.sampler.steps)).toEqual([5, 10, 20, 50, 100]);
      expect(batch.every((r) => r.n === 500 && r.sampler.sampler === "ddim")).toBe(true);
    }
    const table = screen.getByRole("table", { name: /Energy distance by steps/ });
    expect(within(table).getAllByRole("row")).toHaveLength(6); // header + 5 step counts
  });
});

// @vitest-environment jsdom
// The quality-vs-steps chart: computed on demand with as many points as the grid, one sampleMany
// call per curve (model x eta) and seed (stochastic curves averaged over several seeds), a
// "Computing..." button and progress while it runs, then a one-line reading and the numbers.
import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ComparePanel } from "../../src/panels/compare/ComparePanel";
import { DEFAULT_N, useCompare } from "../../src/state/compare";
import { SWEEP_N, SWEEP_SEEDS } from "../../src/state/compareSweep";
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
  it("uses the grid's n, averages eta>0 over seeds, says Computing... while it runs, then a reading and the numbers", async () => {
    expect(SWEEP_N).toBe(DEFAULT_N);
    const user = userEvent.setup();
    render(<ComparePanel />);
    await waitFor(() => expect(engine.calls.sample).toBe(3), { timeout: 20_000 });
    const start = screen.getByRole("button", { name: "Compute quality vs steps" });
    await waitFor(() => expect(start).toHaveProperty("disabled", false), { timeout: 20_000 });

    await user.click(start);
    expect(await screen.findByRole("button", { name: "Computing..." })).toHaveProperty("disabled", true);
    const total = 2 * (1 + 2 * SWEEP_SEEDS); // 2 models x (eta 0 once, eta 0.5 and 1 per seed)
    expect(await screen.findByText(new RegExp(`Computing run \\d+ of ${total}`))).toBeTruthy();
    const reading = await screen.findByText(/^At S=5 with the perfect network/, undefined, {
      timeout: 60_000,
    });
    expect(reading.textContent).toMatch(/eta=0 \(deterministic DDIM\) beats eta=1/);
    expect(screen.getByRole("button", { name: "Compute again" })).toBeTruthy();
    expect(screen.getByText(/own noise for 1000 points is ±0\.0\d{3} \(2 x its noise floor\)/)).toBeTruthy();

    expect(engine.batches).toHaveLength(total);
    for (const batch of engine.batches) {
      expect(batch.map((r) => r.sampler.steps)).toEqual([5, 10, 20, 50, 100]);
      expect(batch.every((r) => r.n === SWEEP_N && r.sampler.sampler === "ddim")).toBe(true);
    }
    // The seeds of one stochastic curve differ in z only (same x_T).
    const eta1 = engine.batches.filter((b) => b[0].sampler.eta === 1 && b[0].model === "oracle");
    expect(new Set(eta1.map((b) => b[0].seed)).size).toBe(SWEEP_SEEDS);
    expect(Array.from(eta1[1][0].xT ?? [])).toEqual(Array.from(eta1[0][0].xT ?? []));
    const table = screen.getByRole("table", { name: /Energy distance by steps/ });
    expect(within(table).getAllByRole("row")).toHaveLength(6); // header + 5 step counts
    // Every estimate carries its +-2 standard errors (or reads 0 (within noise)).
    const cells = within(table)
      .getAllByRole("cell")
      .map((c) => c.textContent ?? "");
    expect(cells).toHaveLength(5 * 6);
    expect(cells.every((c) => /^\d\.\d{4} ± \d\.\d{4}$|^0 \(within noise\)$/.test(c))).toBe(true);
  });
});

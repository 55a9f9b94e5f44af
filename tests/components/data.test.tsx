// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { tutorialDataset } from "../../src/core/data";
import { makeProblem } from "../../src/core/experiment";
import { DataPanel } from "../../src/panels/data/DataPanel";
import { forwardNoise, noisedPoints } from "../../src/panels/data/forwardProcess";
import { useApp } from "../../src/state/store";
import { setUpApp } from "./appSetup";

afterEach(cleanup);

describe("data and forward process panel", () => {
  it("shows the 300 training points and x_t side by side at t = 0, 50, 100, 250 and T-1", () => {
    setUpApp();
    render(<DataPanel />);
    expect(
      screen.getByRole("img", {
        name: "Training data: 300 points over the density contours of the true mixture",
      }),
    ).toBeTruthy();
    for (const t of [0, 50, 100, 250, 499]) {
      expect(screen.getByRole("img", { name: `Noised data at t = ${t}` })).toBeTruthy();
    }
    expect(screen.getByText(/^300 points \(training points\), x from -/)).toBeTruthy();
  });

  it("the t slider moves the noised plot and its readout", () => {
    setUpApp();
    render(<DataPanel />);
    const slider = screen.getByRole("slider", { name: /Timestep t/ });
    fireEvent.change(slider, { target: { value: "499" } });
    expect(useApp.getState().settings.t).toBe(499);
    expect(screen.getByRole("img", { name: "Noised data x_t at t = 499" })).toBeTruthy();
    expect(screen.getByText(/t = 499: ᾱ/).textContent).toContain("signal √ᾱt = 0.080");
  });

  it("at t = 0 the noised points are still the data; near T-1 they are standard normal in model units", () => {
    const problem = makeProblem(tutorialDataset(), { T: 500, schedule: "linear", units: "standardized" });
    const eps = forwardNoise(300, 0);
    const x0 = noisedPoints(problem, eps, 0);
    const pts = tutorialDataset().points;
    let maxDiff = 0;
    for (let i = 0; i < pts.length; i++) maxDiff = Math.max(maxDiff, Math.abs(x0[i] - pts[i]));
    // sqrt(1 - abar_0) = 0.01 of model-unit noise, times std up to 4.23 in raw units
    expect(maxDiff).toBeLessThan(0.2);
    expect(maxDiff).toBeGreaterThan(0);
    const xT = noisedPoints(problem, eps, 499);
    // back to model units: (x - mean) / std; its spread is about 1
    const s = problem.standardizer;
    let v = 0;
    for (let i = 0; i < xT.length; i++) v += ((xT[i] - s.mean[i & 1]) / s.std[i & 1]) ** 2;
    expect(Math.sqrt(v / xT.length)).toBeGreaterThan(0.85);
    expect(Math.sqrt(v / xT.length)).toBeLessThan(1.15);
  });
});

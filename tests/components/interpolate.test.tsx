// @vitest-environment jsdom
// The interpolation scrubber as a person uses it: one decode call, then the slider moves the marker
// through the decoded frames without asking the engine again; slerp/lerp; two picked data points.
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ComparePanel } from "../../src/panels/compare/ComparePanel";
import { InterpolatePanel } from "../../src/panels/interpolate/InterpolatePanel";
import { useCompare } from "../../src/state/compare";
import { useInterpolate } from "../../src/state/interpolate";
import { useApp } from "../../src/state/store";
import { FAKE_NETWORK, type FakeEngine, fakeEngine } from "./compareFakeEngine";

let engine: FakeEngine;

beforeEach(() => {
  HTMLCanvasElement.prototype.getContext = () => null;
  engine = fakeEngine();
  useInterpolate.setState(useInterpolate.getInitialState(), true);
  useCompare.setState(useCompare.getInitialState(), true);
  useApp.setState({ engine, network: FAKE_NETWORK, networkVersion: 1, training: "idle" });
});
afterEach(() => {
  cleanup();
  window.history.replaceState(null, "", "/"); // the grid writes its columns to the link
});

const readout = () => screen.getByText(/^u = /).textContent ?? "";
/** The data-space marker coordinates in the live readout. */
const marker = () => {
  const m = /marker at \((-?[\d.]+), (-?[\d.]+)\)/.exec(readout());
  if (!m) throw new Error(`no marker in "${readout()}"`);
  return [Number(m[1]), Number(m[2])];
};

async function renderDecoded() {
  render(<InterpolatePanel />);
  await waitFor(() => expect(readout()).toMatch(/frame 21 of 41/), { timeout: 20_000 });
}

describe("interpolation scrubber", () => {
  it("decodes every frame in one call; the slider moves the marker without calling the engine again", async () => {
    await renderDecoded();
    expect(engine.calls.interpolate).toBe(1);
    const slider = screen.getByLabelText("Position u along the path");
    const middle = marker();

    fireEvent.change(slider, { target: { value: "0" } });
    expect(readout()).toMatch(/^u = 0\.000 \(frame 1 of 41\)/);
    const start = marker();
    fireEvent.change(slider, { target: { value: "1" } });
    expect(readout()).toMatch(/^u = 1\.000 \(frame 41 of 41\)/);
    const end = marker();
    fireEvent.change(slider, { target: { value: "0.25" } });
    expect(readout()).toMatch(/^u = 0\.250 \(frame 11 of 41\)/);

    // Keyboard: "." and "," step one frame.
    await userEvent.keyboard(".");
    expect(readout()).toMatch(/^u = 0\.275 \(frame 12 of 41\)/);
    await userEvent.keyboard(",,");
    expect(readout()).toMatch(/^u = 0\.225 \(frame 10 of 41\)/);

    expect(start).not.toEqual(end);
    expect(middle).not.toEqual(start);
    expect(engine.calls.interpolate).toBe(1);
  });

  it("switching to lerp decodes once more and the norm chart explains the dip", async () => {
    const user = userEvent.setup();
    await renderDecoded();
    expect(screen.getByText(/Lerp dips to 7\d% of its end value/)).toBeTruthy();
    await user.click(screen.getByRole("radio", { name: "lerp" }));
    await waitFor(() => expect(engine.calls.interpolate).toBe(2), { timeout: 20_000 });
    expect(screen.getByRole("radio", { name: "lerp" })).toHaveProperty("checked", true);
  });

  it("two chosen data points are inverted once and become the ends of the highlighted path", async () => {
    const user = userEvent.setup();
    await renderDecoded();
    await user.click(screen.getByText("Interpolate between two training points instead"));
    await user.type(screen.getByLabelText(/Data point A/), "0");
    await user.type(screen.getByLabelText(/Data point B/), "150");
    await user.click(screen.getByRole("button", { name: "Invert and interpolate" }));
    await waitFor(() => expect(screen.getByText(/data points 0 and 150 \(inverted\)/)).toBeTruthy(), {
      timeout: 20_000,
    });
    await waitFor(() => expect(engine.calls.interpolate).toBe(2), { timeout: 20_000 });
    expect(engine.calls.invert).toBe(1);
    fireEvent.change(screen.getByLabelText("Position u along the path"), { target: { value: "0" } });
    // Training point 0 is (-0.361, -0.499); invert + decode with the perfect network lands close to it.
    const [x, y] = marker();
    expect(Math.hypot(x + 0.361, y + 0.499)).toBeLessThan(0.5);
    expect(screen.getByText(/Inversion round trip error/)).toBeTruthy();
  });

  it("on a page with the comparison grid, lets the grid's first run reach the worker first", async () => {
    render(
      <>
        <ComparePanel />
        <InterpolatePanel />
      </>,
    );
    await waitFor(() => expect(engine.calls.interpolate).toBe(1), { timeout: 30_000 });
    // The grid asks for its columns one call each; the interpolation comes after the first of them.
    expect(engine.log[0]).toBe("sample");
    expect(engine.log.indexOf("interpolate")).toBeGreaterThan(0);
  });

  it("clicking two training points on the small plot chooses them as A and B", async () => {
    const user = userEvent.setup();
    await renderDecoded();
    await user.click(screen.getByText("Interpolate between two training points instead"));
    const plot = screen.getByRole("img", { name: /Training points: click two/ });
    // jsdom has no layout: the plot is 320 px wide and its box starts at (0, 0).
    fireEvent.click(plot, { clientX: 150, clientY: 160 }); // near the cluster at (0, 0)
    fireEvent.click(plot, { clientX: 260, clientY: 80 }); // near the cluster at (6, 6)
    const a = Number((screen.getByLabelText(/Data point A/) as HTMLInputElement).value);
    const b = Number((screen.getByLabelText(/Data point B/) as HTMLInputElement).value);
    expect(a).toBeLessThan(100); // the first 100 points are the (0, 0) cluster (docs/math.md, "Data and standardisation")
    expect(b).toBeGreaterThanOrEqual(100);
    expect(b).toBeLessThan(200); // the next 100 are the (6, 6) cluster
    expect(screen.getByRole("button", { name: "Invert and interpolate" })).toHaveProperty("disabled", false);
  });
});

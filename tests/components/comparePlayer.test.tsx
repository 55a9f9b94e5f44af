// @vitest-environment jsdom
// The reverse-process player on the real engine (perfect network standing in for the trained
// one): the scrubber moves every column on one normalised time axis, play/pause and step drive a
// shared clock, and a followed particle's numbers are the engine's own for that particle and step.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_PROBLEM } from "../../src/core/config";
import { tutorialDataset } from "../../src/core/data";
import { makeProblem } from "../../src/core/experiment";
import { abarAt } from "../../src/core/schedule";
import { ComparePanel } from "../../src/panels/compare/ComparePanel";
import { advance, RUN_SECONDS, usePlayer } from "../../src/panels/compare/player/playerStore";
import { useCompare } from "../../src/state/compare";
import { useApp } from "../../src/state/store";
import { DATA_BOUNDS, makeFrame, toPx } from "../../src/ui/plotGeometry";
import { FAKE_NETWORK, type FakeEngine, fakeEngine } from "./compareFakeEngine";

let engine: FakeEngine;
/** Animation frames are run by hand (tick), so the clock moves only when the test says so. */
let frames = new Map<number, FrameRequestCallback>();
let frameId = 0;
function tick(now: number) {
  const run = [...frames.values()];
  frames = new Map();
  act(() => {
    for (const cb of run) cb(now);
  });
}
const problem = makeProblem(tutorialDataset(), DEFAULT_PROBLEM);

beforeEach(() => {
  HTMLCanvasElement.prototype.getContext = () => null;
  frames = new Map();
  vi.stubGlobal("requestAnimationFrame", (cb: FrameRequestCallback) => {
    frames.set(++frameId, cb);
    return frameId;
  });
  vi.stubGlobal("cancelAnimationFrame", (id: number) => frames.delete(id));
  engine = fakeEngine();
  useCompare.setState(useCompare.getInitialState(), true);
  usePlayer.setState(usePlayer.getInitialState(), true);
  useApp.setState({ engine, network: FAKE_NETWORK, networkVersion: 1, training: "idle" });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, "", "/");
});

const columns = () => screen.getAllByRole("article", { name: /^Column/ });
const readout = (i: number) => within(columns()[i]).getByText(/t = |x_0: the samples/).textContent;

async function renderReady() {
  render(<ComparePanel />);
  await waitFor(() => expect(readout(2)).toMatch(/x_0: the samples/), { timeout: 20_000 });
}

describe("reverse-process player", () => {
  it("the scrubber puts every column at the same share of its run (S=50 and S=500 side by side)", async () => {
    await renderReady();
    const scrub = screen.getByRole("slider", { name: "Progress" });
    fireEvent.change(scrub, { target: { value: "500" } });
    const grid50 = useCompare.getState().runs[useCompare.getState().columns[0].id].result.grid;
    const grid500 = useCompare.getState().runs[useCompare.getState().columns[2].id].result.grid;
    expect(readout(0)).toBe(
      `after step 25 of 50: t = ${grid50[25]}, abar_t = ${abarAt(problem.schedule, grid50[25]).toFixed(4)}`,
    );
    expect(readout(2)).toBe(
      `after step 250 of 500: t = ${grid500[250]}, abar_t = ${abarAt(problem.schedule, grid500[250]).toFixed(4)}`,
    );
    fireEvent.change(scrub, { target: { value: "0" } });
    expect(readout(0)).toMatch(/^x_T: t = 499/);
    // The plot shows x_T then: its accessible name says so.
    expect(within(columns()[0]).getByRole("img").getAttribute("aria-label")).toMatch(/^x_t at step 0 of 50/);
  });

  it("play runs the shared clock to the end and stops; pause holds it; step moves one step of the coarsest column", async () => {
    const user = userEvent.setup();
    await renderReady();
    await user.click(screen.getByRole("button", { name: "Play" }));
    expect(usePlayer.getState().progress).toBe(0); // from the end, play starts over at x_T
    tick(1000); // the first frame sets the time origin
    tick(1000 + RUN_SECONDS * 500); // half of the run's wall time at speed 1
    expect(usePlayer.getState().progress).toBeCloseTo(0.5, 6);
    expect(readout(0)).toMatch(/^after step 25 of 50/);
    await user.click(screen.getByRole("button", { name: "Pause" }));
    expect(frames.size).toBe(0); // paused: no frame is requested
    act(() => {
      advance(RUN_SECONDS * 1000);
    });
    expect(usePlayer.getState().progress).toBeCloseTo(0.5, 6); // paused: the clock holds
    await user.click(screen.getByRole("button", { name: "Step" }));
    expect(readout(0)).toMatch(/^after step 26 of 50/);
    expect(readout(1)).toMatch(/^after step 260 of 500/);
    await user.click(screen.getByRole("button", { name: "Play" }));
    tick(50_000);
    tick(50_000 + RUN_SECONDS * 1000);
    expect(usePlayer.getState().playing).toBe(false);
    expect(frames.size).toBe(0); // at the end the loop stops asking for frames
    expect(readout(2)).toMatch(/x_0: the samples/);
    expect(screen.getByRole("button", { name: "Play" })).toBeTruthy();
  });

  it("x0_hat view shows the network's guess; a followed particle's numbers are the engine's for that step", async () => {
    const user = userEvent.setup();
    await renderReady();
    fireEvent.change(screen.getByRole("slider", { name: "Progress" }), { target: { value: "400" } });
    await user.click(screen.getByLabelText(/x0_hat \(the network's guess/));
    expect(within(columns()[0]).getByRole("img").getAttribute("aria-label")).toMatch(
      /^x0_hat at step 20 of 50/,
    );

    // Clicking a point of column 3 follows the particle nearest to the click (in that frame).
    const run3 = useCompare.getState().runs[useCompare.getState().columns[2].id];
    const tr3 = run3.trajectory;
    if (!tr3) throw new Error("no trajectory");
    const frame3 = tr3.x0Hat.subarray(2 * tr3.n * 200, 2 * tr3.n * 201);
    const [px, py] = toPx(
      makeFrame(320, Math.round(320 / 1.2)),
      DATA_BOUNDS,
      frame3[2 * 123],
      frame3[2 * 123 + 1],
    );
    fireEvent.click(within(columns()[2]).getByRole("img"), { clientX: px, clientY: py });
    const picked = usePlayer.getState().follow;
    expect(picked).not.toBeNull();
    const d = (i: number) => Math.hypot(frame3[2 * i] - frame3[246], frame3[2 * i + 1] - frame3[247]);
    expect(d(picked ?? -1)).toBeLessThan(0.05); // particle 123 or one drawn on top of it
    const p = 123;
    act(() => usePlayer.getState().setFollow(p));
    const box = screen.getByRole("region", { name: `Particle ${p}` });
    // The engine's own recording of this run (same request as column 2: DDIM eta=1, S=500).
    const req = engine.requests.find((r) => r.sampler.eta === 1);
    if (!req) throw new Error("no eta=1 request");
    const ref = await engine.real.sample({ ...req, xT: req.xT?.slice(), trajectory: true });
    const tr = ref.trajectory;
    if (!tr) throw new Error("no trajectory");
    const f = 200; // 0.4 of 500
    const std = problem.standardizer;
    const at = (a: Float32Array, g: number, k: number) =>
      (a[2 * (g * tr.n + p) + k] - std.mean[k]) / std.std[k];
    const x0 = [at(tr.x0Hat, f, 0), at(tr.x0Hat, f, 1)];
    const x = [at(tr.x, f, 0), at(tr.x, f, 1)];
    const t = ref.grid[f];
    const a = abarAt(problem.schedule, t);
    const ap = abarAt(problem.schedule, ref.grid[f + 1]);
    const eps = [0, 1].map((k) => (x[k] - Math.sqrt(a) * x0[k]) / Math.sqrt(1 - a));
    const sigma = Math.sqrt((1 - ap) / (1 - a)) * Math.sqrt(1 - a / ap);
    const col = within(box).getByRole("region", { name: /Column 2: DDIM eta=1, S=500/ });
    const value = (name: string) =>
      within(col).getByText(name, { exact: true }).nextElementSibling?.textContent;
    const pair = (v: number[]) => `(${v.map((u) => u.toFixed(3)).join(", ")})`;
    expect(value("step")).toBe(`201 of 500: t = ${t} to t' = ${ref.grid[f + 1]}`);
    expect(value("abar_t")).toBe(a.toFixed(4));
    expect(value("x0_hat")).toBe(pair(x0));
    expect(value("eps_hat")).toBe(pair(eps));
    expect(value("x_t")).toBe(pair(x));
    expect(value("sigma_t")).toBe(sigma.toFixed(3));
    expect(Number(value("sigma_t"))).toBeGreaterThan(0); // eta=1: the step draws noise
    expect(value("sqrt(abar_t')")).toBe(Math.sqrt(ap).toFixed(3));
    expect(value("sqrt(1 - abar_t' - sigma_t^2)")).toBe(Math.sqrt(1 - ap - sigma * sigma).toFixed(3));
    expect(within(col).getByText("z drawn")).toBeTruthy();
    // eta=0: no noise, no z.
    const col1 = within(box).getByRole("region", { name: /Column 1: DDIM eta=0, S=50/ });
    expect(within(col1).getByText("sigma_t").nextElementSibling?.textContent).toBe("0.000");
    expect(within(col1).queryByText("z drawn")).toBeNull();

    await user.click(screen.getByRole("button", { name: `Stop following particle ${p}` }));
    expect(screen.queryByRole("region", { name: `Particle ${p}` })).toBeNull();
  });
});

// @vitest-environment jsdom
// The data panel: drawing turns pointer events into points (spray, erase, undo, clear, use), a bad
// CSV keeps the current data (and never reaches the engine), presets are validated, and a network
// trained on other data is flagged with an offer to train.
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_SAMPLER } from "../../src/core/config";
import { resolveData } from "../../src/core/datasets";
import type { DataInput } from "../../src/engine/api";
import { ColumnControls } from "../../src/panels/compare/ColumnControls";
import { DataPanel } from "../../src/panels/data/DataPanel";
import { DRAW_BOUNDS } from "../../src/panels/data/DrawPad";
import { chooseData, useData } from "../../src/state/data";
import { useApp } from "../../src/state/store";
import { fromPx, makeFrame } from "../../src/ui/plotGeometry";
import { setUpApp } from "../components/appSetup";

const sent: DataInput[] = [];

beforeEach(async () => {
  const { engine } = setUpApp();
  sent.length = 0;
  // Record what reaches the engine, and pass it on to the real one.
  const real = engine.setData.bind(engine);
  engine.setData = async (d: DataInput) => {
    sent.push(d);
    return real(d);
  };
  useApp.setState({ engine });
  await chooseData({ kind: "tutorial" });
  sent.length = 0;
});
afterEach(cleanup);

/** jsdom has no layout: give the drawing canvas a 500 x 500 box at the origin. */
function surface(): HTMLElement {
  const el = screen.getByTestId("draw-surface");
  const canvas = el.querySelector("canvas") as HTMLCanvasElement;
  canvas.getBoundingClientRect = () => ({
    left: 0,
    top: 0,
    width: 500,
    height: 500,
    right: 500,
    bottom: 500,
    x: 0,
    y: 0,
    toJSON: () => ({}),
  });
  return el;
}
const pointer = (type: string, el: HTMLElement, clientX: number, clientY: number) =>
  act(() => {
    const e = new MouseEvent(type, { bubbles: true, clientX, clientY });
    Object.defineProperty(e, "pointerId", { value: 1 });
    el.dispatchEvent(e);
  });
const drawnCount = () =>
  Number(/(\d+) points drawn/.exec(screen.getByText(/points drawn/).textContent ?? "")?.[1]);

describe("drawing a data set", () => {
  it("press and drag spray points under the pointer; release ends the stroke; undo, erase and clear work", async () => {
    render(<DataPanel />);
    fireEvent.click(screen.getByRole("radio", { name: "Draw" }));
    const el = surface();
    expect(drawnCount()).toBe(0);
    await pointer("pointerdown", el, 250, 250);
    const afterDown = drawnCount();
    expect(afterDown).toBe(3); // one dab of the medium brush
    await pointer("pointermove", el, 300, 250);
    await pointer("pointermove", el, 350, 250);
    expect(drawnCount()).toBe(9);
    await pointer("pointerup", el, 350, 250);
    await pointer("pointermove", el, 400, 400); // not pressed: nothing
    expect(drawnCount()).toBe(9);

    // The points lie around the pointer's data coordinates (brush radius 0.6, spray sd 0.3).
    const [cx, cy] = fromPx(makeFrame(500, 500), DRAW_BOUNDS, 250, 250);
    fireEvent.click(screen.getByRole("button", { name: /Use these 9 points/ }));
    await act(async () => {});
    const lab = useData.getState().lab;
    expect(lab.source.kind).toBe("custom");
    expect(lab.points.length).toBe(18);
    expect(Math.abs(lab.points[0] - cx)).toBeLessThan(1.5);
    expect(Math.abs(lab.points[1] - cy)).toBeLessThan(1.5);
    expect(sent).toHaveLength(1);
    expect(Array.from(sent[0].points)).toEqual(Array.from(lab.points));
    expect(sent[0].mixture).toBeNull();

    // A second stroke, then undo takes exactly that stroke back.
    await pointer("pointerdown", el, 100, 100);
    await pointer("pointerup", el, 100, 100);
    expect(drawnCount()).toBe(12);
    fireEvent.click(screen.getByRole("button", { name: "Undo" }));
    expect(drawnCount()).toBe(9);

    // Erase at the first dab removes the points within the brush there, and only those.
    fireEvent.click(screen.getByRole("radio", { name: "Erase" }));
    fireEvent.click(screen.getByRole("radio", { name: "wide" }));
    await pointer("pointerdown", el, 250, 250);
    await pointer("pointerup", el, 250, 250);
    const left = drawnCount();
    expect(left).toBeLessThan(9);
    expect(left).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole("button", { name: "Clear" }));
    expect(drawnCount()).toBe(0);
    fireEvent.click(screen.getByRole("button", { name: "Undo" }));
    expect(drawnCount()).toBe(left);
  });
});

describe("pasted CSV", () => {
  it("a bad CSV names the line, keeps the current data and never reaches the engine; a good one is used", async () => {
    await chooseData({ kind: "preset", name: "ring", n: 300, seed: 0 });
    const ringFp = useData.getState().lab.fingerprint;
    sent.length = 0;
    render(<DataPanel />);
    fireEvent.click(screen.getByRole("radio", { name: "Paste / load CSV" }));
    const box = screen.getByLabelText(/Points as CSV/);
    fireEvent.change(box, { target: { value: "x,y\n1,2\n3,abc\n" } });
    fireEvent.click(screen.getByRole("button", { name: "Use pasted points" }));
    await act(async () => {});
    expect(screen.getByRole("alert").textContent).toMatch(
      /line 3 .*"abc" is not a decimal number.*unchanged/,
    );
    expect(useData.getState().lab.fingerprint).toBe(ringFp);
    expect(sent).toHaveLength(0);

    const big = `${Array.from({ length: 20001 }, (_, i) => `${i % 97},${i % 89}`).join("\n")}\n`;
    fireEvent.change(box, { target: { value: big } });
    fireEvent.click(screen.getByRole("button", { name: "Use pasted points" }));
    await act(async () => {});
    expect(screen.getByRole("alert").textContent).toMatch(/more than 20000 points/);
    expect(useData.getState().lab.fingerprint).toBe(ringFp);

    fireEvent.change(box, { target: { value: "x,y\n1,2\n3,4\n-1,0.5\n" } });
    fireEvent.click(screen.getByRole("button", { name: "Use pasted points" }));
    await act(async () => {});
    expect(useData.getState().lab.points).toEqual(Float32Array.from([1, 2, 3, 4, -1, 0.5]));
    expect(sent).toHaveLength(1);
    expect(screen.getByText(/3 points are the data set now/)).toBeTruthy();
  });
});

describe("presets and the network's data", () => {
  it("a preset knob out of range is refused in place; a network trained on other data is flagged with Train", async () => {
    render(<DataPanel />);
    fireEvent.click(screen.getByRole("radio", { name: "Preset" }));
    await act(async () => {});
    expect(useData.getState().lab.source).toEqual({ kind: "preset", name: "ring", n: 400, seed: 0 });
    const n = screen.getByLabelText("Points (n)");
    fireEvent.change(n, { target: { value: "7" } });
    fireEvent.blur(n);
    expect(screen.getByText(/whole number from 50 to 5000/)).toBeTruthy();
    expect(useData.getState().lab.points.length).toBe(800);
    expect(screen.getByText(/contours: kernel density estimate/i)).toBeTruthy();

    // A network with the course's fingerprint (none: the pretrained one) on the ring data.
    act(() => useApp.setState({ network: { ...fakeInfo(), dataFingerprint: undefined } }));
    expect(screen.getByText(/trained on a different data set/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Train on this data" })).toBeTruthy();
    await act(async () => {
      await chooseData({ kind: "tutorial" });
    });
    expect(screen.queryByText(/trained on a different data set/)).toBeNull();
    expect(resolveData({ kind: "tutorial" }).fingerprint).toBe(useData.getState().lab.fingerprint);
  });
});

function fakeInfo() {
  return {
    config: { width: 32, depth: 2, activation: "silu" as const, embedDim: 16 },
    problem: { T: 500, schedule: "linear" as const, units: "standardized" as const },
    trainSteps: 10,
    origin: "user" as const,
    backend: "fake",
    lossHistory: new Float32Array(0),
  };
}

describe("model labels follow the data", () => {
  it("without a known density the perfect network is labelled as the memorising optimum", async () => {
    const column = { id: "c1", sampler: { ...DEFAULT_SAMPLER }, model: "oracle" as const };
    const { unmount } = render(<ColumnControls column={column} T={500} onEdit={() => null} />);
    expect(screen.getByRole("option", { name: "perfect network (oracle)" })).toBeTruthy();
    unmount();
    await chooseData({ kind: "preset", name: "spiral", n: 200, seed: 1 });
    render(<ColumnControls column={column} T={500} onEdit={() => null} />);
    expect(screen.getByRole("option", { name: /memorising: no true density/ })).toBeTruthy();
  });
});

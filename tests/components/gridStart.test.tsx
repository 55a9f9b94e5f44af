// @vitest-environment jsdom
// The grid's first request leaves with the network, not with the panel's effect: start() alone (no
// render yet) sends the headline columns, the panel mounted afterwards sends nothing twice, and a
// grid that will not be on the page (hidden, or another slide of the presentation view) is not
// sampled at start-up.
import { act, cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ComparePanel } from "../../src/panels/compare/ComparePanel";
import { start } from "../../src/state/actions";
import { useCompare } from "../../src/state/compare";
import { useApp } from "../../src/state/store";
import { useView } from "../../src/state/view";
import { setUpApp, type TestApp } from "./appSetup";

let t: TestApp;
const samples = () => t.engine.calls.filter((c) => c === "sample").length;

beforeEach(() => {
  t = setUpApp();
  useCompare.setState(useCompare.getInitialState(), true);
  useCompare.setState({ n: 100 }); // small columns: the test is about when they are sent
  useView.setState({ mode: "normal", panel: null });
});
afterEach(async () => {
  await waitFor(() => expect(useCompare.getState().busy).toBe(false), { timeout: 20_000 });
  cleanup();
  window.history.replaceState(null, "", "/");
});

describe("the grid at start-up", () => {
  it("is requested as soon as the network is loaded, before any panel renders", async () => {
    await start();
    expect(t.engine.calls.filter((c) => c.startsWith("loadNetwork"))).toEqual(["loadNetwork:pretrained"]);
    expect(samples()).toBe(3);
    // Each column is on its way or already done (the in-process engine may finish small ones at once).
    const { pending, runs, columns } = useCompare.getState();
    for (const c of columns) expect(c.id in pending || c.id in runs).toBe(true);
  });

  it("is not sent again when the panel mounts, and its results are shown", async () => {
    await start();
    render(<ComparePanel />);
    await waitFor(() => expect(Object.keys(useCompare.getState().runs)).toHaveLength(3), { timeout: 20_000 });
    expect(samples()).toBe(3);
    expect(screen.getAllByRole("article", { name: /^Column/ })).toHaveLength(3);
  });

  it("is not sampled at start-up when the link hides it", async () => {
    useApp.setState({ hidden: new Set(["compare"]) });
    await start();
    expect(samples()).toBe(0);
  });

  it("is not sampled at start-up when the presentation view shows another panel", async () => {
    useView.setState({ mode: "present", panel: "training" });
    await start();
    expect(samples()).toBe(0);
    // The presentation view opens on the grid when no other slide was chosen.
    useView.setState({ mode: "present", panel: null });
    await act(() => start());
    expect(samples()).toBe(0); // start() runs once per page: the panel's effect samples then
    render(<ComparePanel />);
    await waitFor(() => expect(samples()).toBe(3));
  });
});

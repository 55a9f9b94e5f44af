// @vitest-environment jsdom
// The presentation view inside the real App: the link opens it on a panel, the arrow keys and p
// move through it, and the address bar (one writer) follows; the interpolation's state round-trips.
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { App } from "../../src/App";
import { useCompare } from "../../src/state/compare";
import { useInterpolate } from "../../src/state/interpolate";
import { useApp } from "../../src/state/store";
import { useView } from "../../src/state/view";
import { setUpApp } from "./appSetup";

afterEach(() => {
  cleanup();
  window.history.replaceState(null, "", "/");
});

async function renderApp(search: string) {
  setUpApp();
  useView.setState(useView.getInitialState(), true);
  useCompare.setState(useCompare.getInitialState(), true);
  useInterpolate.setState(useInterpolate.getInitialState(), true);
  window.history.replaceState(null, "", `/${search}`);
  await act(async () => {
    render(<App />);
  });
  await waitFor(() => expect(useApp.getState().network).not.toBeNull());
}

const panelHeadings = () => screen.getAllByRole("heading", { level: 2 }).map((h) => h.textContent);

describe("presentation view", () => {
  it("view=present&panel=schedule shows that panel alone; arrows move; p returns to the whole page", async () => {
    await renderApp("?view=present&panel=schedule");
    expect(panelHeadings()).toEqual(["Noise schedule and timestep grid"]);
    expect(screen.getByText("3 / 6: Schedule")).toBeTruthy();
    fireEvent.keyDown(document.body, { key: "ArrowRight" });
    await waitFor(() => expect(panelHeadings()).toEqual(["Training"]));
    await waitFor(() => expect(window.location.search).toBe("?view=present&panel=training"));
    fireEvent.keyDown(document.body, { key: "PageUp" }); // a presenter's clicker
    await waitFor(() => expect(panelHeadings()).toEqual(["Noise schedule and timestep grid"]));
    fireEvent.keyDown(document.body, { key: "p" });
    await waitFor(() => expect(panelHeadings()).toHaveLength(6));
    expect(screen.getByRole("navigation", { name: "Panels" })).toBeTruthy();
    await waitFor(() => expect(window.location.search).toBe(""));
  });

  it("the arrow keys do nothing on the whole page, and nothing while typing in a field", async () => {
    await renderApp("");
    fireEvent.keyDown(document.body, { key: "ArrowRight" });
    expect(useView.getState().panel).toBeNull();
    fireEvent.keyDown(document.body, { key: "p" });
    await waitFor(() => expect(panelHeadings()).toEqual(["Sampler comparison"]));
    fireEvent.keyDown(screen.getAllByRole("spinbutton")[0], { key: "ArrowRight" });
    expect(panelHeadings()).toEqual(["Sampler comparison"]);
  });

  it("?T=100 leaves the headline columns alone and says the network keeps its own T", async () => {
    await renderApp("?T=100");
    expect(useApp.getState().settings.T).toBe(100);
    const steps = useCompare.getState().columns.map((c) => c.sampler.steps);
    expect(steps).toEqual([50, 500, 500]);
    expect(window.location.search).toBe("?T=100&t=99"); // t follows T; the columns do not
    expect(screen.getByText(/^The loaded network was trained with T=500/)).toBeTruthy();
    expect(screen.getByRole("button", { name: /^Train a new network with these settings/ })).toBeTruthy();
  });
});

describe("the interpolation in the link", () => {
  it("seed, path, model and u from the link reach the panel, and edits go back to the address bar", async () => {
    await renderApp("?iseed=7&ipath=lerp&u=0.25");
    expect(useInterpolate.getState()).toMatchObject({ seed: 7, path: "lerp", u: 0.25 });
    expect(screen.getByText("Endpoints: seed 7")).toBeTruthy();
    act(() => useInterpolate.getState().setU(0.75));
    await waitFor(() => expect(window.location.search).toBe("?iseed=7&ipath=lerp&u=0.75"), { timeout: 5000 });
  });

  it("ipick=a,b inverts those two training points once the engine is ready", async () => {
    await renderApp("?ipick=281,148&hide=compare");
    await waitFor(() => expect(screen.getByText(/data points 281 and 148 \(inverted\)/)).toBeTruthy(), {
      timeout: 20_000,
    });
    await waitFor(() => expect(window.location.search).toBe("?hide=compare&ipick=281,148"), {
      timeout: 5000,
    });
  });
});

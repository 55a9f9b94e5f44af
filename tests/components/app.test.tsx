// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { App } from "../../src/App";
import { makeSession } from "../../src/state/persist";
import { DEFAULT_SETTINGS } from "../../src/state/settings";
import { useApp } from "../../src/state/store";
import { STAND_IN_NETWORK, setUpApp } from "./appSetup";

afterEach(cleanup);

async function renderApp(search = "", saved?: Parameters<typeof setUpApp>[0]) {
  const t = setUpApp(saved);
  window.history.replaceState(null, "", `/${search}`);
  await act(async () => {
    render(<App />);
  });
  await waitFor(() => expect(useApp.getState().network).not.toBeNull());
  return t;
}

describe("app shell", () => {
  it("shows the title, the pitch, the pretrained network and every panel", async () => {
    await renderApp();
    expect(screen.getByRole("heading", { level: 1, name: "DDIM Lab" })).toBeTruthy();
    expect(screen.getByText(/Train a tiny diffusion model in your browser/)).toBeTruthy();
    expect(screen.getByText("pretrained network (2000 steps)")).toBeTruthy();
    for (const name of [
      "Data and forward process",
      "Noise schedule and timestep grid",
      "Training",
      "Sampler comparison",
    ]) {
      expect(screen.getByRole("heading", { level: 2, name })).toBeTruthy();
    }
  });

  it("a bad link field is ignored with one visible message; hide= removes a panel and a control", async () => {
    await renderApp("?eta=5&T=1000&hide=training,spacing");
    // No control reads a page-wide eta (each column has its own): the link refuses it and says where it goes.
    expect(screen.getByText(/^Ignored eta=5 from the link: eta belongs to each sampler column/)).toBeTruthy();
    expect(window.location.search).toBe("?T=1000&hide=training,spacing");
    expect(useApp.getState().settings.T).toBe(1000);
    expect(useApp.getState().settings.eta).toBe(DEFAULT_SETTINGS.eta);
    expect(screen.queryByRole("heading", { level: 2, name: "Training" })).toBeNull();
    expect(screen.queryByLabelText("Grid spacing")).toBeNull();
    expect(screen.getByLabelText("Noise schedule")).toBeTruthy();
    await userEvent.setup().click(screen.getByRole("button", { name: "Dismiss" }));
    expect(screen.queryByText(/Ignored eta=5/)).toBeNull();
  });

  it("changing a control updates the link (replaceState), keeping hide flags", async () => {
    await renderApp("?hide=lr");
    await userEvent.setup().selectOptions(screen.getByLabelText("Noise schedule"), "cosine");
    await waitFor(() => expect(window.location.search).toBe("?schedule=cosine&hide=lr"));
  });

  it("space starts and pauses training, but not while typing in a field; ? shows the keyboard help", async () => {
    const { engine } = await renderApp();
    // A long run, so the second Space lands while it trains.
    useApp.setState((s) => ({ settings: { ...s.settings, trainSteps: 200_000 } }));
    const field = screen.getByLabelText("Training steps");
    fireEvent.keyDown(field, { key: " " });
    expect(engine.calls).not.toContain("train");
    fireEvent.keyDown(document.body, { key: " " });
    await waitFor(() => expect(useApp.getState().training).toBe("running"));
    fireEvent.keyDown(document.body, { key: " " });
    await waitFor(() => expect(useApp.getState().training).toBe("paused"));
    expect(useApp.getState().step).toBeLessThan(200_000);
    fireEvent.keyDown(document.body, { key: "?" });
    expect(screen.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeTruthy();
    expect(screen.getByText(/Start training, or pause/)).toBeTruthy();
    expect(screen.getByText(/run again with the same noise \(the determinism check\)/)).toBeTruthy();
    fireEvent.keyDown(document.body, { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
    await act(() => engine.stop());
  });

  it("a network saved in this browser is restored in preference to the pretrained one", async () => {
    const saved = makeSession({ ...STAND_IN_NETWORK, trainSteps: 1234 }, { ...DEFAULT_SETTINGS, seed: 7 }, [
      { step: 1234, loss: 0.5 },
    ]);
    const { engine } = await renderApp("", saved);
    expect(screen.getByText("your network (1234 steps)")).toBeTruthy();
    expect(screen.getByText(/Restored your network and loss history/)).toBeTruthy();
    expect(engine.calls).not.toContain("loadNetwork:pretrained");
    expect(useApp.getState().settings.seed).toBe(7);
    expect(useApp.getState().loss).toEqual([{ step: 1234, loss: 0.5 }]);
  });

  it("a damaged saved session is reported and the pretrained network loads instead", async () => {
    const bad = { format: "ddim-lab-session", version: 1, network: 5, settings: "x", loss: [] };
    await renderApp("", bad as never);
    expect(screen.getByText(/Your saved network could not be restored: the file is damaged/)).toBeTruthy();
    expect(screen.getByText("pretrained network (2000 steps)")).toBeTruthy();
  });
});

describe("worker failures", () => {
  it("shows the client's restart message and the network the new worker reloaded", async () => {
    const { engine } = await renderApp();
    await act(async () => {
      await engine.loadNetwork({ ...STAND_IN_NETWORK, trainSteps: 900 }, "user");
      engine.emit({
        kind: "restarted",
        message:
          "The compute worker stopped (it crashed); restarted it and reloaded your last saved network.",
      });
    });
    expect(screen.getByText(/The compute worker stopped \(it crashed\); restarted it/)).toBeTruthy();
    await waitFor(() => expect(screen.getByText("your network (900 steps)")).toBeTruthy());
  });

  it("a backend fallback is recorded in the settings and stays on screen after the network loads", async () => {
    const { engine } = await renderApp();
    expect(useApp.getState().settings.backend).toBe("wasm");
    act(() =>
      engine.emit({
        kind: "fallback",
        backend: "cpu",
        message: "The wasm backend could not start (timed out); using cpu.",
      }),
    );
    expect(useApp.getState().settings.backend).toBe("cpu");
    // A network loading afterwards clears only its own "Loading..." status, not the notice.
    await act(async () => {
      await engine.loadNetwork({ ...STAND_IN_NETWORK, trainSteps: 900 }, "user");
    });
    const notice = screen.getByText(/The wasm backend could not start \(timed out\); using cpu/);
    expect(notice.closest("[role=alert]")).not.toBeNull();
  });

  it("an unrecoverable worker error is shown as an error", async () => {
    const { engine } = await renderApp();
    act(() =>
      engine.emit({ kind: "error", message: "The compute worker stopped and could not be restarted: x" }),
    );
    expect(screen.getByText(/could not be restarted: x/).closest("[role=alert]")).not.toBeNull();
  });
});

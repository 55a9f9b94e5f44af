// @vitest-environment jsdom
// The run's controls beyond Train/Pause/Resume: the locked architecture while a run is open (paused
// after diverging included), End run, Step, the live preview, and truthful readouts.
import { act, cleanup, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { setSetting, useApp } from "../../src/state/store";
import { enter, renderTrainingPanel } from "./trainingSetup";

afterEach(cleanup);

const disabled = (label: string) => (screen.getByLabelText(label) as HTMLInputElement).disabled;

describe("the run's network is locked while the run is open", () => {
  it("paused after diverging: width, depth, seed and backend are locked with the reason; End run unlocks them", async () => {
    const { engine } = await renderTrainingPanel();
    const user = userEvent.setup();
    await enter(user, "Learning rate", "5"); // the stand-in model diverges after one good chunk
    await user.click(screen.getByRole("button", { name: "Train" }));
    await screen.findByText("Training: paused after diverging");
    for (const label of ["Hidden width", "Hidden layers", "Seed", "Backend", "Training steps"])
      expect(disabled(label)).toBe(true);
    // The optimiser's knobs stay editable: Resume uses them.
    expect(disabled("Learning rate")).toBe(false);
    expect(screen.getByText(/Resume continues the same network/)).toBeTruthy();
    // Not through any other path either (a shortcut, a link): the store refuses it with a reason.
    expect(setSetting("width", 64)).toMatch(/belongs to the current run's network/);
    expect(useApp.getState().settings.width).toBe(128);

    await user.click(screen.getByRole("button", { name: "End run" }));
    await waitFor(() => expect(screen.getByText("Training: idle")).toBeTruthy());
    expect(disabled("Hidden width")).toBe(false);
    expect(screen.getByText("your network (50 steps)")).toBeTruthy();
    await enter(user, "Hidden width", "64");
    await enter(user, "Learning rate", "0.001");
    expect(useApp.getState().settings.width).toBe(64);
    await user.click(screen.getByRole("button", { name: "Train" }));
    await waitFor(() => expect(screen.getByText("Training: idle")).toBeTruthy(), { timeout: 10000 });
    // The new run really has the new width.
    expect(useApp.getState().network?.config.width).toBe(64);
    expect(engine.calls.filter((c) => c === "init")).toHaveLength(2);
  });
});

describe("Step", () => {
  it("from idle trains one chunk and pauses; from paused one more chunk", async () => {
    const { model } = await renderTrainingPanel();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Step" }));
    await screen.findByText("Training: paused");
    expect(useApp.getState().step).toBe(50);
    expect(model.chunks).toBe(1);
    await user.click(screen.getByRole("button", { name: "Step" }));
    await waitFor(() => expect(useApp.getState().step).toBe(100));
    await screen.findByText("Training: paused");
    expect(model.chunks).toBe(2);
    expect(screen.getByText("your network, paused (100 steps so far)")).toBeTruthy();
  });
});

describe("live preview", () => {
  it("draws samples while training and marks them with their step when paused; refresh on request", async () => {
    const { engine } = await renderTrainingPanel();
    const user = userEvent.setup();
    await enter(user, "Training steps", "200000");
    await user.click(screen.getByRole("button", { name: "Train" }));
    await waitFor(() => expect(engine.calls).toContain("sample"), { timeout: 5000 });
    await user.click(screen.getByRole("button", { name: "Pause" }));
    await screen.findByText("Training: paused");
    const caption = await screen.findByText(/DDIM eta=0, 20 steps, 300 points, from step \d+/);
    const shown = Number(/from step (\d+)/.exec(caption.textContent ?? "")?.[1]);
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(useApp.getState().step);
    const before = engine.calls.filter((c) => c === "sample").length;
    await user.click(screen.getByRole("button", { name: "Refresh the preview" }));
    await waitFor(() =>
      expect(screen.getByText(new RegExp(`from step ${useApp.getState().step}$`))).toBeTruthy(),
    );
    expect(engine.calls.filter((c) => c === "sample").length).toBe(before + 1);
  });
});

describe("readouts", () => {
  it("after a run and after Reset the readout is the network's step count, not the old run's 'N / N'", async () => {
    await renderTrainingPanel();
    const user = userEvent.setup();
    await enter(user, "Training steps", "300");
    await user.click(screen.getByRole("button", { name: "Train" }));
    await waitFor(() => expect(screen.getByText("Training: idle")).toBeTruthy(), { timeout: 5000 });
    const readout = () => screen.getByText("step").nextElementSibling?.textContent;
    await waitFor(() => expect(readout()).toBe("300"));
    await user.click(screen.getByRole("button", { name: "Reset" }));
    await user.click(screen.getByRole("button", { name: "Delete and reset" }));
    await screen.findByText("pretrained network (2000 steps)");
    await waitFor(() => expect(readout()).toBe("2000"));
    expect(screen.queryByRole("progressbar")).toBeNull();
  });

  it("a worker restart ends the run: the readout shows the network the new worker has", async () => {
    const { engine } = await renderTrainingPanel();
    const user = userEvent.setup();
    await enter(user, "Training steps", "200000");
    await user.click(screen.getByRole("button", { name: "Train" }));
    await waitFor(() => expect(useApp.getState().step).toBeGreaterThan(0));
    await act(async () => {
      await engine.stop();
      await engine.loadNetwork({ ...((await engine.saveNetwork()) as object), trainSteps: 0 }, "user");
      engine.emit({ kind: "restarted", message: "The compute worker stopped (it crashed); restarted it." });
    });
    await screen.findByText("Training: idle");
    const readout = () => screen.getByText("step").nextElementSibling?.textContent;
    await waitFor(() => expect(readout()).toBe("0"));
  });
});

// @vitest-environment jsdom
// A run's late reports belong to that run only. End run on a paused run, then Train at once: the
// worker may answer the stop only after a sampling call it was busy with (the grid re-samples on
// pause), so the ended run's "stopped" report and its settling arrive after the new run has
// started. They must not end the new run: before this was guarded, the page went "idle" while the
// worker kept training, and the live preview (which samples only while the run trains) drew nothing
// for the rest of the run (the production e2e saw one preview caption in 90 s).
import { act, cleanup, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { useApp } from "../../src/state/store";
import { enter, renderTrainingPanel } from "./trainingSetup";

afterEach(cleanup);

describe("End run, then Train before the worker answered the stop", () => {
  it("the new run keeps training, its readouts are its own, and the live preview follows it", async () => {
    const { engine } = await renderTrainingPanel();
    const user = userEvent.setup();
    await enter(user, "Training steps", "200000");
    await user.click(screen.getByRole("button", { name: "Train" }));
    await waitFor(() => expect(useApp.getState().step).toBeGreaterThan(0));
    await user.click(screen.getByRole("button", { name: "Pause" }));
    await screen.findByText("Training: paused");

    // The worker is busy (a grid column): the stop runs only when the test says so, and the calls
    // after it wait for it, as in a worker, which runs its calls in the order they came.
    let release = () => {};
    const busy = new Promise<void>((r) => {
      release = r;
    });
    let stopped: Promise<void> = Promise.resolve();
    const realStop = engine.stop;
    const realInit = engine.init;
    engine.stop = () => {
      stopped = busy.then(() => realStop());
      return stopped;
    };
    engine.init = async (settings) => {
      await stopped;
      return realInit(settings);
    };
    await user.click(screen.getByRole("button", { name: "End run" }));
    await screen.findByText("Training: idle");
    const samplesBefore = engine.calls.filter((c) => c === "sample").length;
    await user.click(screen.getByRole("button", { name: "Train" }));
    await screen.findByText("Training: training...");
    await act(async () => release());

    // The new run trains on: the page says so while its steps go up.
    await waitFor(() => expect(useApp.getState().step).toBeGreaterThan(500), { timeout: 10_000 });
    expect(useApp.getState().training).toBe("running");
    expect(screen.getByText("Training: training...")).toBeTruthy();
    expect(screen.getByText(/training your network \(\d+ steps so far\)/)).toBeTruthy();
    // And the preview samples it during the run (about once a second).
    await waitFor(
      () => expect(engine.calls.filter((c) => c === "sample").length).toBeGreaterThan(samplesBefore + 1),
      { timeout: 10_000 },
    );
    expect(useApp.getState().training).toBe("running");

    await user.click(screen.getByRole("button", { name: "Pause" }));
    await screen.findByText("Training: paused");
    await user.click(screen.getByRole("button", { name: "End run" }));
    await screen.findByText("Training: idle");
  }, 30_000);
});

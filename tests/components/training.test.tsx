// @vitest-environment jsdom
import { act, cleanup, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { useApp } from "../../src/state/store";
import { STAND_IN_NETWORK } from "./appSetup";
import { enter, renderTrainingPanel } from "./trainingSetup";

afterEach(cleanup);

/** A long run (4000 chunks) so that Pause lands while it trains. */
async function startLongRun(user: ReturnType<typeof userEvent.setup>) {
  await enter(user, "Training steps", "200000");
  await user.click(screen.getByRole("button", { name: "Train" }));
  await waitFor(() => expect(useApp.getState().step).toBeGreaterThan(0));
}

describe("training panel", () => {
  it("shows the pretrained network until the user trains; Train runs, the loss curve grows and the run is saved", async () => {
    const { engine, sessions } = await renderTrainingPanel();
    expect(screen.getByText("pretrained network (2000 steps)")).toBeTruthy();
    const user = userEvent.setup();
    await enter(user, "Training steps", "300");
    await user.click(screen.getByRole("button", { name: "Train" }));
    await waitFor(() => expect(screen.getByText("Training: idle")).toBeTruthy(), { timeout: 5000 });
    expect(engine.calls).toContain("init");
    expect(useApp.getState().loss.length).toBe(6); // 300 steps in chunks of 50
    expect(screen.getByText("your network (300 steps)")).toBeTruthy();
    expect(sessions.value?.loss.length).toBe(6);
    expect((sessions.value?.network as { trainSteps: number } | undefined)?.trainSteps).toBe(300);
  });

  it("Pause stops the run where it is (and saves), Resume continues it", async () => {
    const { model, sessions } = await renderTrainingPanel();
    const user = userEvent.setup();
    await startLongRun(user);
    await user.click(screen.getByRole("button", { name: "Pause" }));
    await waitFor(() => expect(screen.getByText("Training: paused")).toBeTruthy());
    await waitFor(() => expect(sessions.value).toBeDefined());
    const at = useApp.getState().step;
    const chunks = model.chunks;
    // Paused: the engine's loop is parked. Ask it something (a sample is answered between chunks)
    // and check no chunk ran meanwhile, instead of sleeping a fixed time.
    await act(() => useApp.getState().engine?.info());
    expect(model.chunks).toBe(chunks);
    expect(useApp.getState().step).toBe(at);
    expect((sessions.value?.network as { trainSteps?: number } | undefined)?.trainSteps).toBe(at);
    await user.click(screen.getByRole("button", { name: "Resume" }));
    await waitFor(() => expect(useApp.getState().step).toBeGreaterThan(at));
    await user.click(screen.getByRole("button", { name: "Pause" }));
    await waitFor(() => expect(screen.getByText("Training: paused")).toBeTruthy());
  });

  it("a learning rate changed while paused is used when the run resumes", async () => {
    await renderTrainingPanel();
    const user = userEvent.setup();
    await startLongRun(user);
    await user.click(screen.getByRole("button", { name: "Pause" }));
    await waitFor(() => expect(screen.getByText("Training: paused")).toBeTruthy());
    await enter(user, "Learning rate", "5"); // the stand-in model diverges at lr >= 1
    await user.click(screen.getByRole("button", { name: "Resume" }));
    await screen.findByText(/Training diverged/);
    expect(screen.getByText("Training: paused after diverging")).toBeTruthy();
  });

  it("a diverging learning rate ends paused at the checkpoint with a message; Resume with a lower one goes on", async () => {
    await renderTrainingPanel();
    const user = userEvent.setup();
    await enter(user, "Learning rate", "5");
    await user.click(screen.getByRole("button", { name: "Train" }));
    // The engine's own message is shown as it reported it.
    await screen.findByText(/^Training diverged/);
    expect(screen.getByText("Training: paused after diverging")).toBeTruthy();
    // The curve is the kept network's history: the good chunk, not the diverged one's NaN.
    const { loss, step } = useApp.getState();
    expect(step).toBe(50);
    expect(loss.length).toBeGreaterThan(0);
    expect(loss.every((p) => Number.isFinite(p.loss))).toBe(true);
    expect(loss.at(-1)?.step).toBe(step);

    // Lower the learning rate and Resume: the run goes on from the checkpoint to its target.
    await enter(user, "Learning rate", "0.001");
    await user.click(screen.getByRole("button", { name: "Resume" }));
    await waitFor(() => expect(screen.getByText("Training: idle")).toBeTruthy(), { timeout: 10000 });
    expect(screen.queryByText(/Training diverged/)).toBeNull();
    const done = useApp.getState();
    expect(done.step).toBe(2000);
    expect(done.network?.trainSteps).toBe(2000);
    expect(done.loss[0]).toEqual(loss[0]); // the history before the divergence is kept
  });

  it("a run that diverges before its first good chunk brings the previous network back", async () => {
    await renderTrainingPanel();
    const before = useApp.getState();
    expect(before.network?.origin).toBe("pretrained");
    const user = userEvent.setup();
    await enter(user, "Learning rate", "10");
    await user.click(screen.getByRole("button", { name: "Train" }));
    const alert = await screen.findByText(
      /Training diverged at step 1 \(within its first 25 steps\): nothing was learnt, so your previous network is back/,
    );
    expect(alert.textContent).toContain("Try a lower learning rate.");
    await waitFor(() => expect(useApp.getState().network?.origin).toBe("pretrained"));
    const after = useApp.getState();
    expect(after.network?.trainSteps).toBe(before.network?.trainSteps);
    expect(after.step).toBe(before.step);
    expect(after.loss).toEqual(before.loss);
    expect(after.settings.lr).toBe(10); // the knob stays as the user set it, to be lowered
    // No run is going on: the (throttled) readout settles on the kept network's step count, not a
    // finished "N / N" progress bar.
    const readout = () => screen.getByText("step").nextElementSibling?.textContent;
    await waitFor(() => expect(readout()).toBe(String(before.step)), { timeout: 3000 });
    expect(screen.queryByRole("progressbar")).toBeNull();
  });

  it("a bad knob value gets a message naming the setting and keeps the last good value", async () => {
    await renderTrainingPanel();
    const user = userEvent.setup();
    await enter(user, "Batch size", "0");
    expect(screen.getByRole("alert").textContent).toBe("batch size must be from 1 to 4096");
    expect(useApp.getState().settings.batch).toBe(256);
  });

  it("Reset asks in the page first; Cancel keeps the network, confirming brings back the pretrained one", async () => {
    const { sessions } = await renderTrainingPanel();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Train" }));
    await waitFor(() => expect(screen.getByText("Training: idle")).toBeTruthy(), { timeout: 10000 });
    expect(sessions.value).toBeDefined();
    await user.click(screen.getByRole("button", { name: "Reset" }));
    const dialog = screen.getByRole("alertdialog", { name: "Reset the network?" });
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(sessions.value).toBeDefined();
    await user.click(screen.getByRole("button", { name: "Reset" }));
    await user.click(screen.getByRole("button", { name: "Delete and reset" }));
    await waitFor(() => expect(screen.getByText("pretrained network (2000 steps)")).toBeTruthy());
    expect(sessions.value).toBeUndefined();
  });

  it("a file that is not ours is rejected with a clear message and the current network stays", async () => {
    const { engine } = await renderTrainingPanel();
    const user = userEvent.setup();
    const input = screen.getByLabelText("Network file to load");
    await user.upload(input, new File(["{not json"], "x.json", { type: "application/json" }));
    expect((await screen.findByRole("alert")).textContent).toContain(
      "Could not load the file: the file is not valid JSON",
    );
    await user.upload(
      input,
      new File([JSON.stringify({ format: "ddim-lab-session", version: 99 })], "y.json"),
    );
    await waitFor(() =>
      expect(screen.getByRole("alert").textContent).toContain("this DDIM Lab reads version 1"),
    );
    expect(engine.calls.filter((c) => c.startsWith("loadNetwork"))).toEqual(["loadNetwork:pretrained"]);
    expect(screen.getByText("pretrained network (2000 steps)")).toBeTruthy();
  });

  it("a saved file loads back as the current network", async () => {
    await renderTrainingPanel();
    const user = userEvent.setup();
    const file = { ...STAND_IN_NETWORK, trainSteps: 777 };
    await user.upload(
      screen.getByLabelText("Network file to load"),
      new File([JSON.stringify(file)], "n.json"),
    );
    await waitFor(() => expect(screen.getByText("network from a file (777 steps)")).toBeTruthy());
  });
});

describe("reset while a run is paused", () => {
  it("stops the run and does not save the stopped run over the reset", async () => {
    const { engine, model, sessions } = await renderTrainingPanel();
    const user = userEvent.setup();
    await startLongRun(user);
    await user.click(screen.getByRole("button", { name: "Pause" }));
    await waitFor(() => expect(screen.getByText("Training: paused")).toBeTruthy());
    await user.click(screen.getByRole("button", { name: "Reset" }));
    await user.click(screen.getByRole("button", { name: "Delete and reset" }));
    await waitFor(() => expect(screen.getByText("pretrained network (2000 steps)")).toBeTruthy());
    // The stopped run's last report has been handled once the engine answers a later call.
    const chunks = model.chunks;
    await act(() => useApp.getState().engine?.info());
    expect(model.chunks).toBe(chunks);
    expect(engine.calls).toContain("stop");
    expect(sessions.value).toBeUndefined();
    expect(screen.getByText("Training: idle")).toBeTruthy();
  });
});

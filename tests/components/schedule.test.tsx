// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { GRID_TICK_COLOR } from "../../src/panels/schedule/ScheduleCharts";
import { SchedulePanel } from "../../src/panels/schedule/SchedulePanel";
import { start } from "../../src/state/actions";
import { useApp } from "../../src/state/store";
import { COLOR_NAMES, OKABE_ITO } from "../../src/ui/palette";
import { setUpApp } from "./appSetup";

afterEach(cleanup);

const caption = (text: string) => (_: string, el: Element | null) =>
  el?.tagName === "CAPTION" && (el.textContent ?? "").includes(text);

function terminalRow(cluster: string) {
  const table = screen.getByRole("table");
  const header = within(table).getByRole("rowheader", { name: cluster });
  return within(header.closest("tr") as HTMLElement)
    .getAllByRole("cell")
    .map((c) => c.textContent);
}

describe("schedule panel", () => {
  it("reads out the terminal signal (docs/math.md, Data and standardisation): 0.68 and 0.51 in raw units at T=500 linear", () => {
    setUpApp();
    render(<SchedulePanel />);
    expect(screen.getByText(caption("T−1 = 0.0797"))).toBeTruthy();
    expect(terminalRow("2")).toEqual(["(6, 6)", "0.676", expect.stringMatching(/^0\.\d{3}$/)]);
    expect(terminalRow("3")[1]).toBe("0.510");
    expect(screen.getByText(/a deterministic sampler \(DDIM, η=0\) carries the mismatch/)).toBeTruthy();
  });

  it("switching to the cosine schedule changes the readout; the grid follows S and spacing", async () => {
    setUpApp();
    render(<SchedulePanel />);
    const user = userEvent.setup();
    expect(screen.getByText(/Grid \(trailing, S=50\): t = 499, 489/)).toBeTruthy();
    await user.selectOptions(screen.getByLabelText("Noise schedule"), "cosine");
    expect(screen.queryByText(caption("T−1 = 0.0797"))).toBeNull();
    expect(Number(terminalRow("2")[1])).toBeLessThan(0.1);
    const S = screen.getByLabelText("Sampling steps S");
    await user.clear(S);
    await user.type(S, "4{Enter}");
    await user.selectOptions(screen.getByLabelText("Grid spacing"), "leading");
    expect(screen.getByText("Grid (leading, S=4): t = 375, 250, 125, 0, then clean data.")).toBeTruthy();
  });

  it("S above T is refused with a message naming T, and the previous S stays", async () => {
    setUpApp();
    render(<SchedulePanel />);
    const user = userEvent.setup();
    const S = screen.getByLabelText("Sampling steps S");
    await user.clear(S);
    await user.type(S, "600{Enter}");
    expect(screen.getByRole("alert").textContent).toBe(
      "S must be a whole number from 1 to T=500; S stays 50",
    );
    expect(useApp.getState().settings.S).toBe(50);
  });

  it("lowering T below S brings S back into range", async () => {
    setUpApp();
    render(<SchedulePanel />);
    const user = userEvent.setup();
    const T = screen.getByLabelText("Diffusion steps T");
    await user.clear(T);
    await user.type(T, "20{Enter}");
    expect(useApp.getState().settings).toMatchObject({ T: 20, S: 20 });
    expect(screen.getByText(/Grid \(trailing, S=20\)/)).toBeTruthy();
  });

  it("the S message names the current T (not the schema's 2000) and says which S stays", async () => {
    setUpApp();
    useApp.setState({ settings: { ...useApp.getState().settings, T: 1000 } });
    render(<SchedulePanel />);
    const user = userEvent.setup();
    const S = screen.getByLabelText("Sampling steps S");
    await user.clear(S);
    await user.type(S, "2500{Enter}");
    expect(screen.getByRole("alert").textContent).toBe(
      "S must be a whole number from 1 to T=1000; S stays 50",
    );
    expect(useApp.getState().settings.S).toBe(50);
  });

  it("the text names the tick colour that is drawn", () => {
    setUpApp();
    render(<SchedulePanel />);
    const drawn = document.querySelector(".grid-overlay path")?.getAttribute("stroke");
    expect(drawn).toBe(GRID_TICK_COLOR);
    const name =
      COLOR_NAMES[
        (Object.keys(OKABE_ITO) as (keyof typeof OKABE_ITO)[]).find((k) => OKABE_ITO[k] === drawn) ?? "black"
      ];
    expect(name).toBe("pink");
    expect(screen.getByText(/sampler with S steps visits \(pink ticks\)/)).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/purple ticks|SPEC/);
  });

  it("network settings are marked as such; a different T offers to train a new network", async () => {
    const { engine } = setUpApp();
    await act(() => start());
    expect(useApp.getState().network?.problem.T).toBe(500);
    useApp.setState({ settings: { ...useApp.getState().settings, T: 100, trainSteps: 50 } });
    render(<SchedulePanel />);
    expect(
      screen.getByRole("group", { name: /^Network settings: changing them means training a new network/ }),
    ).toBeTruthy();
    expect(screen.getByText(/^The loaded network was trained with T=500/)).toBeTruthy();
    await userEvent
      .setup()
      .click(screen.getByRole("button", { name: /^Train a new network with these settings/ }));
    await waitFor(() => expect(engine.calls).toContain("train"));
    expect(window.location.hash).toBe("#training");
  });

  it("each chart is one named image with its numbers as text", () => {
    setUpApp();
    render(<SchedulePanel />);
    const names = screen.getAllByRole("img").map((i) => i.getAttribute("aria-label") ?? "");
    expect(names).toHaveLength(3);
    expect(names[1]).toMatch(
      /^ᾱ_t against t: [\d.]+ at t=0, [\d.]+ at t=249, .* at t=499; 50 sampler timesteps marked\.$/,
    );
  });
});

// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import katex from "katex";
import { afterEach, describe, expect, it, vi } from "vitest";
import { tutorialDataset } from "../../src/core/data";
import slerp from "../../src/panels/interpolate/slerp.tex?katex";
import { ConfirmDialog } from "../../src/ui/ConfirmDialog";
import { mixtureContours } from "../../src/ui/contours";
import { Formula } from "../../src/ui/Formula";
import { Panel } from "../../src/ui/Panel";
import { fromPx, makeFrame, niceTicks, toPx } from "../../src/ui/plotGeometry";
import { ScatterCanvas } from "../../src/ui/ScatterCanvas";
import { stubCanvas } from "./appSetup";

afterEach(cleanup);

describe("shared UI pieces", () => {
  it("ScatterCanvas has an accessible name and a text summary that skips non-finite points", () => {
    stubCanvas();
    render(
      <ScatterCanvas
        label="Samples of DDIM"
        series={[{ points: [0, 0, 2, 4, Number.NaN, 1], color: "#000", label: "samples" }]}
      />,
    );
    expect(screen.getByRole("img", { name: "Samples of DDIM" })).toBeTruthy();
    expect(screen.getByText("2 points (samples), x from 0.0 to 2.0, y from 0.0 to 4.0.")).toBeTruthy();
  });

  it("ScatterCanvas reports clicks in data coordinates", async () => {
    stubCanvas();
    const onPick = vi.fn();
    render(<ScatterCanvas label="pick" series={[]} onPick={onPick} />);
    await userEvent.setup().click(screen.getByRole("img", { name: "pick" }));
    expect(onPick).toHaveBeenCalledTimes(1);
    const [x, y] = onPick.mock.calls[0];
    expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
  });

  it("pixel mapping round-trips and ticks are round numbers inside the range", () => {
    const f = makeFrame(400, 300);
    const b = { xMin: -9, xMax: 11, yMin: -4, yMax: 12 };
    const [px, py] = toPx(f, b, 3.5, -1.25);
    const [x, y] = fromPx(f, b, px, py);
    expect(x).toBeCloseTo(3.5, 10);
    expect(y).toBeCloseTo(-1.25, 10);
    expect(niceTicks(-9, 11, 5)).toEqual([-5, 0, 5, 10]);
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it("density contours of the true mixture exist at every level and surround the cluster means", () => {
    const m = tutorialDataset().mixture;
    const c = mixtureContours(m, { xMin: -9, xMax: 11, yMin: -4, yMax: 12 });
    expect(c).toHaveLength(4);
    for (const segs of c) expect(segs.length).toBeGreaterThan(0);
    // the innermost level's segments lie near some mean
    const inner = c[3];
    for (let i = 0; i < inner.length; i += 2) {
      const d = Math.min(...m.means.map(([mx, my]) => Math.hypot(inner[i] - mx, inner[i + 1] - my)));
      expect(d).toBeLessThan(2.5);
    }
  });

  it("Panel shows its title, explanation, formula, busy state and an error in place", () => {
    render(
      <Panel
        title="Demo"
        explanation="What it shows."
        formula={{ tex: "x^2", html: katex.renderToString("x^2", { displayMode: true }) }}
        busy
        busyText="Sampling..."
        error="It broke."
      >
        <p>body</p>
      </Panel>,
    );
    expect(screen.getByRole("region", { name: "Demo" })).toBeTruthy();
    expect(screen.getByText("What it shows.")).toBeTruthy();
    expect(screen.getByRole("status").textContent).toContain("Sampling...");
    expect(screen.getByRole("alert").textContent).toContain("It broke.");
    expect(screen.getByText("body")).toBeTruthy();
    expect(document.querySelector(".katex")).not.toBeNull();
  });

  it("Formula typesets TeX with KaTeX (loaded on first use) and survives bad TeX", async () => {
    render(<Formula tex={String.raw`\frac{1`} />);
    await waitFor(() => expect(document.querySelector("[data-tex]")?.textContent?.length).toBeGreaterThan(0));
    cleanup();
    render(<Formula tex="a^2 + b^2" />);
    await waitFor(() => expect(document.querySelector("[data-tex] .katex")).not.toBeNull());
  });

  it("the panels' formula files are typeset at build time into KaTeX's own output", () => {
    expect(slerp.tex).toContain(String.raw`\sin\theta`);
    expect(slerp.html).toBe(katex.renderToString(slerp.tex, { displayMode: true }));
    expect(slerp.html).toContain("<math"); // MathML for screen readers
  });

  it("ConfirmDialog focuses Cancel, and Escape cancels", async () => {
    const onCancel = vi.fn();
    const onConfirm = vi.fn();
    render(
      <ConfirmDialog
        open
        title="Sure?"
        message="Really."
        confirmLabel="Yes"
        onCancel={onCancel}
        onConfirm={onConfirm}
      />,
    );
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Cancel" }));
    await userEvent.setup().keyboard("{Escape}");
    expect(onCancel).toHaveBeenCalled();
    expect(onConfirm).not.toHaveBeenCalled();
  });
});

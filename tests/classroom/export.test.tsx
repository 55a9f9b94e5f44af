// @vitest-environment jsdom
// Exports: CSV/JSON of samples with their config, the loss history, file names, the plot finder,
// and the ExportButton's download / error paths. (The PNG pixels are checked in real Chromium by
// tests/e2e/classroom.ts: jsdom has no canvas.)
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ExportButton } from "../../src/ui/ExportButton";
import { fileSlug, findPlots, lossCsv, samplesCsv, samplesJson } from "../../src/ui/export";

afterEach(cleanup);

describe("export formats", () => {
  const samples = Float32Array.from([1.5, -2, 0.25, 3, Number.NaN, 4]);
  const config = { sampler: "ddim", steps: 50, eta: 0, seed: 7, title: "DDIM eta=0,\nS=50" };

  it("samples as CSV: the config as # lines, a header, one row per point", () => {
    const lines = samplesCsv(samples, config).trimEnd().split("\n");
    expect(lines.slice(0, 5)).toEqual([
      "# sampler: ddim",
      "# steps: 50",
      "# eta: 0",
      "# seed: 7",
      "# title: DDIM eta=0, S=50",
    ]);
    expect(lines.slice(5)).toEqual(["x,y", "1.5,-2", "0.25,3", "NaN,4"]);
  });

  it("samples as JSON: config, n and [x, y] pairs (non-finite as null)", () => {
    const v = JSON.parse(samplesJson(samples, config));
    expect(v).toEqual({
      config,
      n: 3,
      samples: [
        [1.5, -2],
        [0.25, 3],
        [null, 4],
      ],
    });
  });

  it("the loss history as step,loss rows", () => {
    expect(
      lossCsv([
        { step: 50, loss: 0.9 },
        { step: 100, loss: 0.5 },
      ]),
    ).toBe("step,loss\n50,0.9\n100,0.5\n");
    expect(lossCsv([])).toBe("step,loss\n");
  });

  it("file names keep letters, digits and dashes only", () => {
    expect(fileSlug("Training loss against step (log scale)")).toBe("training-loss-against-step-log-scale");
    expect(fileSlug("../../etc/passwd")).toBe("etc-passwd");
    expect(fileSlug("***")).toBe("plot");
  });
});

describe("findPlots", () => {
  it("finds canvas figures and charts once each, named by the page's own words", () => {
    document.body.innerHTML = `
      <main>
        <section id="training"><h2>Training</h2>
          <figure aria-label="Training loss"><div class="recharts-wrapper"><svg class="recharts-surface"></svg></div></figure>
        </section>
        <section id="compare"><h2>Sampler comparison</h2>
          <article><figure class="scatter"><canvas aria-label="DDIM samples"></canvas></figure></article>
          <article><figure class="scatter"><canvas aria-label="DDIM samples"></canvas></figure></article>
          <section aria-label="Quality against steps"><div class="recharts-wrapper"><svg class="recharts-surface"></svg></div></section>
        </section>
        <figure><p>no picture here</p></figure>
      </main>`;
    expect(findPlots(document).map((p) => `${p.panel} / ${p.label}`)).toEqual([
      "Training / Training loss",
      "Sampler comparison / DDIM samples",
      "Sampler comparison / DDIM samples (2)",
      "Sampler comparison / Quality against steps",
    ]);
  });
});

describe("ExportButton", () => {
  it("makes the file only when clicked and hands it to the download", async () => {
    const make = vi.fn(() => new Blob(["a,b\n"]));
    const save = vi.fn();
    render(<ExportButton label="Loss (CSV)" filename="loss.csv" make={make} save={save} />);
    expect(make).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole("button", { name: "Loss (CSV)" }));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    expect(save.mock.calls[0][1]).toBe("loss.csv");
    expect(await (save.mock.calls[0][0] as Blob).text()).toBe("a,b\n");
  });

  it("a failure is reported in words, nothing is downloaded, the button works again", async () => {
    const save = vi.fn();
    const onError = vi.fn();
    render(
      <ExportButton
        label="Scatter (PNG)"
        filename="x.png"
        make={() => Promise.reject(new Error("this plot has nothing drawn yet"))}
        save={save}
        onError={onError}
      />,
    );
    const button = screen.getByRole("button", { name: "Scatter (PNG)" });
    fireEvent.click(button);
    await waitFor(() =>
      expect(onError).toHaveBeenCalledWith("Could not export Scatter (PNG): this plot has nothing drawn yet"),
    );
    expect(save).not.toHaveBeenCalled();
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
  });
});

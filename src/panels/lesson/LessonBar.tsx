// The classroom bar in the header: save / open a lesson file (also by dropping it on the page) and
// the Export menu (PNG of any plot, a column's samples as CSV or JSON, the loss history as CSV).
import { useEffect, useRef, useState } from "react";
import { columnKey, useCompare } from "../../state/compare";
import { currentLesson, openLabFile } from "../../state/lesson";
import { useApp } from "../../state/store";
import { ExportButton } from "../../ui/ExportButton";
import {
  download,
  figurePng,
  fileSlug,
  findPlots,
  lossCsv,
  type PlotRef,
  samplesCsv,
  samplesJson,
} from "../../ui/export";
import { columnTitle } from "../compare/format";
import "./lesson.css";

const json = (text: string) => new Blob([text], { type: "application/json" });
const csv = (text: string) => new Blob([text], { type: "text/csv" });
const reportError = (message: string) => useApp.setState({ error: message });

function ExportMenu() {
  const [plots, setPlots] = useState<PlotRef[]>([]);
  const columns = useCompare((s) => s.columns);
  const runs = useCompare((s) => s.runs);
  const seed = useCompare((s) => s.seed);
  const n = useCompare((s) => s.n);
  const ctx = useCompare((s) => s.ctx);
  const loss = useApp((s) => s.loss);
  const settings = useApp((s) => s.settings);
  return (
    <details
      className="export-menu"
      onToggle={(e) => {
        if ((e.currentTarget as HTMLDetailsElement).open)
          setPlots(findPlots(document.querySelector("main") ?? document));
      }}
    >
      <summary>Export</summary>
      <div className="export-groups">
        <section aria-label="Plots as PNG">
          <h3>Plots (PNG)</h3>
          {plots.length === 0 ? <p>No plot on the page yet.</p> : null}
          {[...new Set(plots.map((p) => p.panel))].map((panel) => (
            <fieldset key={panel} className="export-group">
              <legend>{panel}</legend>
              {plots
                .filter((p) => p.panel === panel)
                .map((p) => (
                  <ExportButton
                    key={p.label}
                    label={p.label}
                    filename={`ddim-lab-${fileSlug(`${panel} ${p.label}`)}.png`}
                    make={() => figurePng(p.el)}
                    onError={reportError}
                  />
                ))}
            </fieldset>
          ))}
        </section>
        <section aria-label="Samples of a column">
          <h3>Samples (raw units)</h3>
          {columns.map((c, i) => {
            // Only samples made with the column's current settings (not a stale run being redone).
            const run = runs[c.id];
            const samples = run && run.key === columnKey(c, seed, n, ctx) ? run.result.samples : undefined;
            const title = columnTitle(c);
            const config = {
              column: i + 1,
              title,
              ...c.sampler,
              model: c.model,
              seed,
              n,
              T: settings.T,
              schedule: settings.schedule,
              units: settings.units,
            };
            const name = `ddim-lab-column-${i + 1}-${fileSlug(title)}`;
            if (!samples) return <p key={c.id}>Column {i + 1}: not sampled yet with its current settings.</p>;
            return (
              <div key={c.id} className="export-row">
                <span>
                  Column {i + 1}, {title}:
                </span>
                <ExportButton
                  label="CSV"
                  filename={`${name}.csv`}
                  make={() => csv(samplesCsv(samples, config))}
                  onError={reportError}
                />
                <ExportButton
                  label="JSON"
                  filename={`${name}.json`}
                  make={() => json(samplesJson(samples, config))}
                  onError={reportError}
                />
              </div>
            );
          })}
        </section>
        <section aria-label="Loss history">
          <h3>Training</h3>
          <ExportButton
            label={`Loss history (CSV, ${loss.length} points)`}
            filename="ddim-lab-loss.csv"
            make={() => csv(lossCsv(loss))}
            onError={reportError}
          />
        </section>
      </div>
    </details>
  );
}

export function LessonBar() {
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  // Drop a lesson, session or network file anywhere on the page.
  useEffect(() => {
    const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes("Files");
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (e.relatedTarget === null) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDragging(false);
      const file = e.dataTransfer?.files[0];
      if (file) void openLabFile(file);
    };
    window.addEventListener("dragover", over);
    window.addEventListener("dragleave", leave);
    window.addEventListener("drop", drop);
    return () => {
      window.removeEventListener("dragover", over);
      window.removeEventListener("dragleave", leave);
      window.removeEventListener("drop", drop);
    };
  }, []);

  return (
    <div className="lesson-bar">
      <ExportButton
        label="Save lesson"
        className="link-button"
        filename="ddim-lab-lesson.json"
        make={async () => json(JSON.stringify(await currentLesson()))}
        onError={reportError}
        save={(blob, name) => {
          download(blob, name);
          useApp.setState({
            status:
              "Saved the lesson file: students open it (or drop it on the page) to get this exact state.",
          });
        }}
      />
      <button type="button" className="link-button" onClick={() => input.current?.click()}>
        Open lesson…
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        aria-label="Lesson or network file to open"
        onChange={(e) => {
          const f = e.currentTarget.files?.[0];
          e.currentTarget.value = "";
          if (f) void openLabFile(f);
        }}
      />
      <ExportMenu />
      {dragging ? (
        <div className="drop-overlay" aria-hidden="true">
          Drop a lesson or network file to open it
        </div>
      ) : null}
    </div>
  );
}

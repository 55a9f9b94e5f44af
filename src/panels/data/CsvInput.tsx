// Paste or load a CSV of points ("x,y" per line, a header allowed). The text goes through the same
// rules as network files (size cap, finite numbers, 2..20000 points); a bad one gets a message
// naming the wrong line, and the current data and network stay.
import { type ChangeEvent, useState } from "react";
import { MAX_CSV_POINTS, parsePointsCsv } from "../../core/datasets";
import { MAX_CSV_BYTES } from "../../core/datasets/csv";
import { chooseData } from "../../state/data";

export function CsvInput() {
  const [text, setText] = useState("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const use = async (csv: string, from: string) => {
    const r = parsePointsCsv(csv);
    if (!r.ok) {
      setMessage({
        ok: false,
        text: `${from} was not used: ${r.error}. Your data and network are unchanged.`,
      });
      return;
    }
    const n = r.points.length / 2;
    const err = await chooseData({ kind: "custom", points: r.points, label: `${from} (${n} points)` });
    setMessage(
      err
        ? { ok: false, text: `${from} was not used: ${err}. Your data and network are unchanged.` }
        : { ok: true, text: `${from}: ${n} points are the data set now.` },
    );
  };

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file) return;
    if (file.size > MAX_CSV_BYTES) {
      setMessage({
        ok: false,
        text: `${file.name} was not used: it is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB. Your data and network are unchanged.`,
      });
      return;
    }
    await use(await file.text(), `the file ${file.name.slice(0, 60)}`);
  };

  return (
    <div className="csv-input">
      <label htmlFor="data-csv">
        Points as CSV: x,y per line (a header line is allowed; 2 to {MAX_CSV_POINTS} points)
      </label>
      <textarea
        id="data-csv"
        rows={5}
        value={text}
        placeholder={"x,y\n-1.5,0.2\n2.0,3.1"}
        onChange={(e) => setText(e.target.value)}
        spellCheck={false}
      />
      <div className="button-row">
        <button type="button" onClick={() => void use(text, "the pasted text")} disabled={text.trim() === ""}>
          Use pasted points
        </button>
        <label className="file-button">
          Load a CSV file
          <input type="file" accept=".csv,.txt,text/csv,text/plain" onChange={(e) => void onFile(e)} />
        </label>
      </div>
      {message ? (
        <p className={message.ok ? "readout" : "field-error"} role={message.ok ? "status" : "alert"}>
          {message.text}
        </p>
      ) : null}
    </div>
  );
}

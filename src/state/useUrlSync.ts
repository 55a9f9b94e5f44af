// The page's ONE address-bar writer. It reads the link once at start (every field validated, each
// ignored one named in a message) into the stores that own the values: settings and hide= (app
// store), columns and noise seed (comparison), endpoints/path/model/u (interpolation), view and
// panel (view). Then it keeps the address bar in step with all four through one debounced
// replaceState, so no history entry per slider move and no two writers racing each other.
import { useEffect } from "react";
import { resolveData } from "../core/datasets";
import { useCompare } from "./compare";
import { chooseData, useData } from "./data";
import { readDataLink, writeDataLink } from "./dataLink";
import { readGridLink, writeGridLink } from "./gridLink";
import { readInterpLink, writeInterpLink } from "./interpLink";
import { useInterpolate } from "./interpolate";
import { capMessages } from "./messages";
import { useApp } from "./store";
import { readUrl, writeUrl, writeViewLink } from "./url";
import { useView } from "./view";

/** A dragged slider changes t or u many times a second: write once it rests. */
export const LINK_WRITE_DELAY_MS = 150;

export function loadSettingsFromUrl(search: string): void {
  const { settings, hidden, messages, view, panel } = readUrl(search);
  // The data set's keys (state/dataLink.ts); picked points are indices into that data set.
  const data = readDataLink(search);
  const lab = data.source ? resolveData(data.source) : useData.getState().lab;
  if (data.source) void chooseData(data.source);
  const interp = readInterpLink(search, lab.points.length / 2);
  const grid = readGridLink(search);
  useApp.setState({
    settings,
    hidden,
    linkMessages: capMessages([...messages, ...data.messages, ...interp.messages]),
  });
  useCompare.getState().loadLink(grid.columns, grid.seed);
  useInterpolate.getState().loadLink(interp.link);
  useView.setState({ mode: view, panel, gridMessages: grid.messages });
}

/** The query string for the current state of every store, keeping fields nobody here owns. */
export function currentQuery(search: string): string {
  const { settings, hidden } = useApp.getState();
  const { columns, seed } = useCompare.getState();
  const ip = useInterpolate.getState();
  const { mode, panel } = useView.getState();
  let q = writeUrl(settings, hidden, search);
  q = writeGridLink(q, columns, seed);
  q = writeInterpLink(q, {
    seed: ip.seed,
    path: ip.path,
    model: ip.model,
    picked: ip.picked ? { a: ip.picked.a, b: ip.picked.b } : null,
    u: ip.u,
  });
  q = writeViewLink(q, { view: mode, panel });
  return writeDataLink(useData.getState().source, q);
}

function writeNow(): void {
  const q = currentQuery(window.location.search);
  if (q === window.location.search) return;
  // A whole URL, not "path?query": a path starting "//" would read as another host and throw.
  const url = new URL(window.location.href);
  url.search = q;
  window.history.replaceState(window.history.state, "", url.href);
}

let readEarly = false;

/**
 * Reads the link into the stores before the first render: main.tsx calls it so the engine can start
 * on the link's backend while React renders. The next useUrlSync mount then skips its own reading.
 */
export function readLinkEarly(): void {
  loadSettingsFromUrl(window.location.search);
  readEarly = true;
}

export function useUrlSync(): void {
  useEffect(() => {
    if (readEarly) readEarly = false;
    else loadSettingsFromUrl(window.location.search);
    // The link now holds only what was accepted: a copied link never carries the bad values again.
    writeNow();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(writeNow, LINK_WRITE_DELAY_MS);
    };
    const unsubs = [
      useApp.subscribe((s, p) => (s.settings !== p.settings || s.hidden !== p.hidden) && later()),
      useCompare.subscribe((s, p) => (s.columns !== p.columns || s.seed !== p.seed) && later()),
      useInterpolate.subscribe(
        (s, p) =>
          (s.seed !== p.seed ||
            s.path !== p.path ||
            s.model !== p.model ||
            s.picked !== p.picked ||
            s.u !== p.u) &&
          later(),
      ),
      useView.subscribe((s, p) => (s.mode !== p.mode || s.panel !== p.panel) && later()),
      useData.subscribe((s, p) => s.source !== p.source && later()),
    ];
    return () => {
      clearTimeout(timer);
      for (const u of unsubs) u();
    };
  }, []);
}

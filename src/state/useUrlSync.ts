// Reads the link once at start (per-field validation, messages shown once) and keeps the address
// bar in step with the settings (replaceState: no history entry per slider move).
import { useEffect } from "react";
import { chooseData, useData } from "./data";
import { readDataLink, writeDataLink } from "./dataLink";
import { useApp } from "./store";
import { readUrl, writeUrl } from "./url";

export function loadSettingsFromUrl(search: string): void {
  const { settings, hidden, messages } = readUrl(search);
  const data = readDataLink(search); // the data set's keys (state/dataLink.ts)
  useApp.setState({ settings, hidden, linkMessages: [...messages, ...data.messages] });
  if (data.source) void chooseData(data.source);
}

export function useUrlSync(): void {
  useEffect(() => {
    loadSettingsFromUrl(window.location.search);
    // The link now holds only what was accepted: a copied link never carries the bad values again.
    writeNow();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsub = useApp.subscribe((s, prev) => {
      if (s.settings === prev.settings && s.hidden === prev.hidden) return;
      clearTimeout(timer);
      // Debounced: a dragged slider changes t many times a second.
      timer = setTimeout(writeNow, 150);
    });
    const unsubData = useData.subscribe((s, prev) => {
      if (s.source !== prev.source) writeNow();
    });
    return () => {
      clearTimeout(timer);
      unsub();
      unsubData();
    };
  }, []);
}

function writeNow(): void {
  const { settings, hidden } = useApp.getState();
  const q = writeDataLink(useData.getState().source, writeUrl(settings, hidden, window.location.search));
  const url = `${window.location.pathname}${q}${window.location.hash}`;
  if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
    window.history.replaceState(window.history.state, "", url);
  }
}

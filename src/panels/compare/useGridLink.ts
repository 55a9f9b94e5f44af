// Reads the grid's columns and noise seed from the link once, then keeps the address bar in step
// (replaceState, debounced). Messages about ignored link fields are returned for the panel to show.
import { useEffect, useState } from "react";
import { useCompare } from "../../state/compare";
import { readUrl } from "../../state/url";
import { readGridLink, writeGridLink } from "./gridLink";

export function useGridLink(): string[] {
  const [messages, setMessages] = useState<string[]>([]);
  useEffect(() => {
    if (typeof window === "undefined") return;
    const search = window.location.search;
    // The link's own T (if any) is the limit for S, read with the settings' validation.
    const link = readGridLink(search, readUrl(search).settings.T);
    useCompare.getState().loadLink(link.columns, link.seed);
    setMessages(link.messages);
    // The link now holds only the accepted columns (like the settings' own link handling).
    writeNow();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsub = useCompare.subscribe((s, prev) => {
      if (s.columns === prev.columns && s.seed === prev.seed) return;
      clearTimeout(timer);
      timer = setTimeout(writeNow, 200);
    });
    return () => {
      clearTimeout(timer);
      unsub();
    };
  }, []);
  return messages;
}

function writeNow(): void {
  const { columns, seed } = useCompare.getState();
  const q = writeGridLink(window.location.search, columns, seed);
  if (q !== window.location.search) {
    window.history.replaceState(
      window.history.state,
      "",
      `${window.location.pathname}${q}${window.location.hash}`,
    );
  }
}

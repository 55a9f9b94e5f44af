// One-key shortcuts of the comparison and interpolation panels (listed in PANEL_SHORTCUTS for the
// page's keyboard help). Ignored while typing in a field, on a focused control, or under a dialog.
import { useEffect, useRef } from "react";
import { isTypingTarget } from "../../ui/KeyboardHelp";

export const PANEL_SHORTCUTS: [string, string][] = [
  ["d", "Sampler comparison: run again with the same noise (the determinism check)"],
  ["n", "Sampler comparison: new noise"],
  ["e", "Interpolation: new endpoints"],
  [", and .", "Interpolation: move u one frame back or forward"],
];

export function usePanelKeys(keys: Record<string, () => void>): void {
  const ref = useRef(keys);
  ref.current = keys;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      if (document.querySelector("[aria-modal='true']")) return;
      const action = ref.current[e.key];
      if (!action) return;
      e.preventDefault();
      action();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}

// The page's ONE shortcut registry: every one-key shortcut, the keys that trigger it and what it
// does. The "?" help dialog lists this table and useShortcuts binds handlers by the same ids, so a
// shortcut cannot be bound without being listed, or listed without being bound.
import { useEffect, useRef } from "react";

export interface Shortcut {
  /** KeyboardEvent.key values that trigger it. */
  keys: readonly string[];
  /** How the help dialog writes the keys. */
  shown: string;
  what: string;
  /** Fires while a button or link has the focus (keys a button does not use itself). */
  overButtons?: boolean;
  /** Fires while a dialog is open (the dialog keys themselves). */
  inDialogs?: boolean;
}

export const SHORTCUTS = {
  train: { keys: [" "], shown: "Space", what: "Start training, or pause / resume it" },
  help: { keys: ["?"], shown: "?", what: "Show or hide this list", inDialogs: true, overButtons: true },
  present: {
    keys: ["p"],
    shown: "p",
    what: "Switch between the presentation view and the whole page",
    overButtons: true,
  },
  prevPanel: {
    keys: ["ArrowLeft", "PageUp"],
    shown: "← / PageUp",
    what: "Presentation view: previous panel",
    overButtons: true,
  },
  nextPanel: {
    keys: ["ArrowRight", "PageDown"],
    shown: "→ / PageDown",
    what: "Presentation view: next panel",
    overButtons: true,
  },
  runAgain: {
    keys: ["d"],
    shown: "d",
    what: "Sampler comparison: run again with the same noise (the determinism check)",
  },
  newNoise: { keys: ["n"], shown: "n", what: "Sampler comparison: new noise" },
  newEndpoints: { keys: ["e"], shown: "e", what: "Interpolation: new endpoints" },
  uBack: { keys: [","], shown: ",", what: "Interpolation: move u one frame back" },
  uForward: { keys: ["."], shown: ".", what: "Interpolation: move u one frame forward" },
} as const satisfies Record<string, Shortcut>;

export type ShortcutId = keyof typeof SHORTCUTS;

/** Rows of the help dialog: the registry, then the keys the browser and dialogs provide. */
export function helpRows(): [string, string][] {
  return [
    ...Object.values(SHORTCUTS).map((s): [string, string] => [s.shown, s.what]),
    ["Esc", "Close this list or a dialog"],
    ["Tab / Shift+Tab", "Move between controls"],
  ];
}

/** The ids whose keys include this key (a key may belong to one shortcut only; tested). */
export function shortcutFor(key: string): ShortcutId | null {
  for (const [id, s] of Object.entries(SHORTCUTS))
    if ((s.keys as readonly string[]).includes(key)) return id as ShortcutId;
  return null;
}

/** True when a key press belongs to a form control (or, unless overButtons, a button or link). */
export function isTypingTarget(target: EventTarget | null, overButtons = false): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (["INPUT", "SELECT", "TEXTAREA"].includes(target.tagName)) return true;
  return !overButtons && ["BUTTON", "SUMMARY", "A"].includes(target.tagName);
}

const dialogOpen = () => document.querySelector("[aria-modal='true']") !== null;

/**
 * Binds handlers to registry ids for as long as the component is mounted. Ignored with a modifier
 * key, while typing in a field or on a focused control, and under a dialog (unless the shortcut
 * says otherwise). A handler returning false lets the key do its ordinary job.
 */
export function useShortcuts(handlers: Partial<Record<ShortcutId, () => unknown>>): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      const id = shortcutFor(e.key);
      if (!id) return;
      const action = ref.current[id];
      if (!action) return;
      const s: Shortcut = SHORTCUTS[id];
      if (isTypingTarget(e.target, s.overButtons)) return;
      if (!s.inDialogs && dialogOpen()) return;
      if (action() === false) return;
      e.preventDefault(); // no page scroll on Space or the arrows
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}

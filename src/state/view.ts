// Which layout the page shows: the normal scrolling page, or the presentation view (one panel at
// a time at full width, large type). The link carries it (view=present, panel=...).
import { create } from "zustand";
import type { PanelId, ViewMode } from "./url";

export interface ViewState {
  mode: ViewMode;
  /** The panel on screen in the presentation view (null: the first one). */
  panel: PanelId | null;
  /** Messages about the grid's link fields, shown in the comparison panel. */
  gridMessages: string[];
  setMode(mode: ViewMode): void;
  toggle(): void;
  show(panel: PanelId): void;
}

export const useView = create<ViewState>((set, get) => ({
  mode: "normal",
  panel: null,
  gridMessages: [],
  setMode(mode) {
    set({ mode });
  },
  toggle() {
    set({ mode: get().mode === "present" ? "normal" : "present" });
  },
  show(panel) {
    set({ panel });
  },
}));

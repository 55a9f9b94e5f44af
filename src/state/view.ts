// Which layout the page shows: the normal scrolling page, or the presentation view (one panel at
// a time at full width, large type). The link carries it (view=present, panel=...).
import { create } from "zustand";
import { PANEL_IDS, type PanelId, type ViewMode } from "./url";

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

/** The presentation view opens on the headline: the sampler comparison, then the page order. */
export const PRESENT_FIRST: PanelId = "compare";

export function presentOrder<P extends { id: PanelId }>(panels: P[]): P[] {
  return [...panels.filter((p) => p.id === PRESENT_FIRST), ...panels.filter((p) => p.id !== PRESENT_FIRST)];
}

/**
 * The slide the presentation view shows among the visible panels (the chosen one, else the first),
 * or null when the whole page is shown (or no panel is visible).
 */
export function currentSlide<P extends { id: PanelId }>(
  visible: P[],
  mode: ViewMode,
  chosen: PanelId | null,
): P | null {
  if (mode !== "present" || visible.length === 0) return null;
  const slides = presentOrder(visible);
  return slides.find((p) => p.id === chosen) ?? slides[0];
}

/** Whether a panel is on the page now (not hidden; in the presentation view, the slide shown). */
export function panelShown(id: PanelId, hidden: ReadonlySet<string>): boolean {
  if (hidden.has(id)) return false;
  const { mode, panel } = useView.getState();
  const visible = PANEL_IDS.filter((p) => !hidden.has(p)).map((p) => ({ id: p }));
  const slide = currentSlide(visible, mode, panel);
  return slide === null || slide.id === id;
}

// The page: header (what this is, which network is loaded, status), link messages, and the
// panels, either all on one scrolling page with a sticky in-page navigation, or one at a time in
// the presentation view. A teacher's link can hide panels (hide=data,...) and open the
// presentation view (view=present&panel=compare).
import { type ComponentType, useEffect, useState } from "react";
import { ComparePanel } from "./panels/compare/ComparePanel";
import { DataPanel } from "./panels/data/DataPanel";
import { FieldPanel } from "./panels/field/FieldPanel";
import { InterpolatePanel } from "./panels/interpolate/InterpolatePanel";
import { LessonBar } from "./panels/lesson/LessonBar";
import { SchedulePanel } from "./panels/schedule/SchedulePanel";
import { LiveNetworkStatus } from "./panels/shared/LiveNetworkStatus";
import { TrainingPanel } from "./panels/training/TrainingPanel";
import { start, toggleTraining } from "./state/actions";
import { helpRows, useShortcuts } from "./state/shortcuts";
import { useApp } from "./state/store";
import type { PanelId } from "./state/url";
import { useUrlSync } from "./state/useUrlSync";
import { currentSlide, presentOrder, useView } from "./state/view";
import { KeyboardHelp } from "./ui/KeyboardHelp";
import { PanelNav, PresentBar } from "./ui/PanelNav";
import { ShareButton } from "./ui/ShareButton";
import { StatusLine } from "./ui/StatusLine";
import { landOn, useDeepLink } from "./useDeepLink";

export interface PanelEntry {
  id: PanelId;
  /** Name in the navigation. */
  nav: string;
  Component: ComponentType;
}

/** The panels in page order. A new panel is one line here (its id also goes in url.ts PANEL_IDS). */
export const PANELS: PanelEntry[] = [
  { id: "data", nav: "Data", Component: DataPanel },
  { id: "schedule", nav: "Schedule", Component: SchedulePanel },
  { id: "training", nav: "Training", Component: TrainingPanel },
  { id: "compare", nav: "Compare samplers", Component: ComparePanel },
  { id: "field", nav: "Field", Component: FieldPanel },
  { id: "interpolate", nav: "Interpolate", Component: InterpolatePanel },
];

/** The address bar always holds the current settings (useUrlSync), so the link is the view. */
async function copyLink(): Promise<void> {
  try {
    await navigator.clipboard.writeText(window.location.href);
    useApp.setState({ status: "Copied the link: it opens this page with the same settings." });
  } catch {
    useApp.setState({ status: `Copy this link by hand: ${window.location.href}` });
  }
}

const dismissStatus = () => useApp.setState({ status: null });

export function App() {
  useUrlSync();
  const [help, setHelp] = useState(false);
  const hidden = useApp((s) => s.hidden);
  const linkMessages = useApp((s) => s.linkMessages);
  const status = useApp((s) => s.status);
  const error = useApp((s) => s.error);
  const mode = useView((s) => s.mode);
  const chosen = useView((s) => s.panel);
  const visible = PANELS.filter((p) => !hidden.has(p.id));
  const slides = presentOrder(visible);
  // The same rule decides at start-up whether the grid is on the page (state/gridStart.ts).
  const current = currentSlide(visible, mode, chosen);
  const presenting = current !== null;
  const index = current ? slides.indexOf(current) : 0;
  const go = (d: number) => {
    const next = slides[Math.min(slides.length - 1, Math.max(0, index + d))];
    if (next) useView.getState().show(next.id);
  };

  useEffect(() => {
    void start();
  }, []);
  useDeepLink(!presenting);
  // The type scale of the presentation view hangs on the root element (rem units follow it).
  useEffect(() => {
    document.documentElement.classList.toggle("presenting", presenting);
    return () => document.documentElement.classList.remove("presenting");
  }, [presenting]);
  // Leaving the presentation view keeps the place: the whole page opens at the panel just shown.
  const shown = current?.id ?? null;
  const [lastShown, setLastShown] = useState<PanelId | null>(null);
  if (shown && shown !== lastShown) setLastShown(shown);
  useEffect(() => {
    if (presenting || !lastShown) return;
    return landOn(lastShown, 1500);
  }, [presenting, lastShown]);

  useShortcuts({
    help: () => setHelp((h) => !h),
    train: () => {
      if (!useApp.getState().hidden.has("training")) toggleTraining();
    },
    present: () => useView.getState().toggle(),
    prevPanel: () => (presenting ? go(-1) : false),
    nextPanel: () => (presenting ? go(1) : false),
  });

  return (
    <div className={presenting ? "app present" : "app"}>
      <header className="app-header">
        <div>
          <h1>DDIM Lab</h1>
          {presenting ? null : (
            <p className="pitch">
              Train a tiny diffusion model in your browser and watch DDIM, DDPM and ODE samplers turn noise
              into data.
            </p>
          )}
        </div>
        {presenting ? (
          <PresentBar
            titles={slides.map((p) => p.nav)}
            index={index}
            onGo={(i) => useView.getState().show(slides[i].id)}
          />
        ) : null}
        <div className="header-side">
          <LiveNetworkStatus />
          <button
            type="button"
            className="link-button"
            aria-pressed={presenting}
            aria-keyshortcuts="p"
            onClick={() => useView.getState().toggle()}
          >
            {presenting ? "Whole page (p)" : "Present (p)"}
          </button>
          {presenting ? null : (
            <>
              <button type="button" className="link-button" onClick={() => void copyLink()}>
                Copy link to this view
              </button>
              <ShareButton />
              <LessonBar />
              <button
                type="button"
                className="link-button"
                onClick={() => setHelp(true)}
                aria-keyshortcuts="?"
              >
                Keyboard (?)
              </button>
            </>
          )}
        </div>
      </header>
      {presenting ? null : <PanelNav items={visible.map((p) => ({ id: p.id, label: p.nav }))} />}
      {error ? (
        <div className="app-error" role="alert">
          {error}{" "}
          <button type="button" className="link-button" onClick={() => useApp.setState({ error: null })}>
            Dismiss
          </button>
        </div>
      ) : null}
      {linkMessages.length > 0 ? (
        <div className="link-messages" role="alert">
          <ul>
            {linkMessages.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
          <button type="button" className="link-button" onClick={() => useApp.setState({ linkMessages: [] })}>
            Dismiss
          </button>
        </div>
      ) : null}
      <main className={presenting ? "panels present-stage" : "panels"} data-panel={current?.id}>
        {current ? <current.Component key={current.id} /> : visible.map((p) => <p.Component key={p.id} />)}
      </main>
      {presenting ? null : (
        <footer className="app-footer">
          Everything runs in this tab; nothing is sent anywhere. Your trained network is kept in this browser.
        </footer>
      )}
      <StatusLine text={status} onDismiss={dismissStatus} />
      <KeyboardHelp open={help} onClose={() => setHelp(false)} rows={helpRows()} />
    </div>
  );
}

// The page: header (what this is, which network is loaded, status), link messages, and the
// panels. A teacher's link can hide panels with hide=data,schedule,training,compare,interpolate.
import { useEffect, useState } from "react";
import { ComparePanel } from "./panels/compare/ComparePanel";
import { PANEL_SHORTCUTS } from "./panels/compare/usePanelKeys";
import { DataPanel } from "./panels/data/DataPanel";
import { InterpolatePanel } from "./panels/interpolate/InterpolatePanel";
import { LessonBar } from "./panels/lesson/LessonBar";
import { SchedulePanel } from "./panels/schedule/SchedulePanel";
import { LiveNetworkStatus } from "./panels/shared/LiveNetworkStatus";
import { TrainingPanel } from "./panels/training/TrainingPanel";
import { start, toggleTraining } from "./state/actions";
import { useApp } from "./state/store";
import { useUrlSync } from "./state/useUrlSync";
import { isTypingTarget, KeyboardHelp } from "./ui/KeyboardHelp";
import { ShareButton } from "./ui/ShareDialog";

/** The address bar always holds the current settings (useUrlSync), so the link is the view. */
async function copyLink(): Promise<void> {
  try {
    await navigator.clipboard.writeText(window.location.href);
    useApp.setState({ status: "Copied the link: it opens this page with the same settings." });
  } catch {
    useApp.setState({ status: `Copy this link by hand: ${window.location.href}` });
  }
}

export function App() {
  useUrlSync();
  const [help, setHelp] = useState(false);
  const hidden = useApp((s) => s.hidden);
  const linkMessages = useApp((s) => s.linkMessages);
  const status = useApp((s) => s.status);
  const error = useApp((s) => s.error);

  useEffect(() => {
    void start();
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === "?") {
        setHelp((h) => !h);
        e.preventDefault();
      } else if (e.key === "Escape") {
        setHelp(false);
      } else if (
        e.key === " " &&
        !isTypingTarget(e.target) &&
        !document.querySelector("[aria-modal='true']")
      ) {
        e.preventDefault(); // no page scroll
        if (!useApp.getState().hidden.has("training")) toggleTraining();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <div className="app">
      <header className="app-header">
        <div>
          <h1>DDIM Lab</h1>
          <p className="pitch">
            Train a tiny diffusion model in your browser and watch DDIM, DDPM and ODE samplers turn noise into
            data.
          </p>
        </div>
        <div className="header-side">
          <LiveNetworkStatus />
          <button type="button" className="link-button" onClick={() => void copyLink()}>
            Copy link to this view
          </button>
          <ShareButton />
          <LessonBar />
          <button type="button" className="link-button" onClick={() => setHelp(true)} aria-keyshortcuts="?">
            Keyboard (?)
          </button>
        </div>
      </header>
      {status ? (
        <p className="status" role="status">
          {status}
        </p>
      ) : null}
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
      <main className="panels">
        {hidden.has("data") ? null : <DataPanel />}
        {hidden.has("schedule") ? null : <SchedulePanel />}
        {hidden.has("training") ? null : <TrainingPanel />}
        {hidden.has("compare") ? null : <ComparePanel />}
        {hidden.has("interpolate") ? null : <InterpolatePanel />}
      </main>
      <footer className="app-footer">
        Everything runs in this tab; nothing is sent anywhere. Your trained network is kept in this browser.
      </footer>
      <KeyboardHelp open={help} onClose={() => setHelp(false)} extra={PANEL_SHORTCUTS} />
    </div>
  );
}

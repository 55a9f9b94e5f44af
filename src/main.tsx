// Entry point: wires the real worker client and IndexedDB into the store, then renders the app.
import { StrictMode, startTransition } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { createEngineClient } from "./engine/client";
import "./app.css";
import "./content.css";
import "./layout.css";
import { announceStarted } from "./pwa/started";
import { start } from "./state/actions";
import { whenPageSettled } from "./state/startup";
import { configureApp, useApp } from "./state/store";
import { readLinkEarly } from "./state/useUrlSync";

// The worker starts on the link's backend, so the link is read first.
configureApp({ createEngine: () => createEngineClient({ backend: useApp.getState().settings.backend }) });
// The workers boot, the saved session is looked up and the pretrained network is fetched while
// React renders the page (on another core), not after it (docs/bench.md, "Page timings").
readLinkEarly();
void start();
// The offline copy's downloads wait until the grid and the interpolation have painted (pwa/register.ts).
whenPageSettled(announceStarted);

const root = document.getElementById("root");
if (root) {
  // As a transition, the first render yields to the browser every few milliseconds: no long task
  // holds up the workers' start or input while the page is built (docs/bench.md, "Page timings").
  startTransition(() =>
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
}

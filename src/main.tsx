// Entry point: wires the real worker client and IndexedDB into the store, then renders the app.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { createEngineClient } from "./engine/client";
import "./app.css";
import "./content.css";
import "./layout.css";
import { configureApp, useApp } from "./state/store";

// The worker starts on the link's backend (App reads the link before it starts the engine).
configureApp({ createEngine: () => createEngineClient({ backend: useApp.getState().settings.backend }) });

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

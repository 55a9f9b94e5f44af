// Entry point: wires the real worker client and IndexedDB into the store, then renders the app.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { createEngineClient } from "./engine/client";
import "./app.css";
import { configureApp } from "./state/store";

configureApp({ createEngine: () => createEngineClient() });

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

// Shared set-up of the app's component tests: a fresh store wired to a fake engine, an in-memory
// session store instead of IndexedDB, and the pretrained network served from memory.
import { memorySessionStore, type Session } from "../../src/state/persist";
import { configureApp, initialState, useApp } from "../../src/state/store";
import { createFakeEngine, FAKE_NETWORK, type FakeEngine, stubCanvas } from "./appFakeEngine";

export interface TestApp {
  engine: FakeEngine;
  sessions: ReturnType<typeof memorySessionStore>;
}

export function setUpApp(saved?: Session): TestApp {
  stubCanvas();
  const engine = createFakeEngine();
  const sessions = memorySessionStore(saved);
  useApp.setState(initialState(), true);
  configureApp({
    createEngine: () => engine,
    fetchPretrained: async () => structuredClone(FAKE_NETWORK),
    sessions,
  });
  window.history.replaceState(null, "", "/");
  return { engine, sessions };
}

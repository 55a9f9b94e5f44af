// Shared set-up of the app's component tests: a fresh store wired to the REAL engine
// (src/engine/engine.ts, in-process) with the stand-in model of appModel.ts, an in-memory session
// store instead of IndexedDB, and the pretrained network served from memory. The engine is wrapped
// only to record calls and to emit the worker client's status events.
import type { EngineEvent } from "../../src/engine/clientApi";
import type { EngineWithControl } from "../../src/engine/control";
import { createEngine } from "../../src/engine/engine";
import { memorySessionStore, type Session } from "../../src/state/persist";
import type { TabChannel } from "../../src/state/saving";
import { configureApp, initialState, useApp } from "../../src/state/store";
import { STAND_IN_NETWORK, type StandInModel, standInModel } from "./appModel";

export { STAND_IN_NETWORK };

export type TestEngine = EngineWithControl & {
  /** Engine methods called, in order ("loadNetwork:pretrained" names the origin). */
  calls: string[];
  onEvent(listener: (e: EngineEvent) => void): () => void;
  /** What the real client emits, e.g. after it replaced a dead worker. */
  emit(e: EngineEvent): void;
};

export interface TestApp {
  engine: TestEngine;
  model: StandInModel;
  sessions: ReturnType<typeof memorySessionStore>;
}

/** The real engine with the stand-in model, chunks of 50 steps. */
export function testEngine(model: StandInModel = standInModel()): TestEngine {
  const inner = createEngine({ model, chunkSteps: 50 });
  const calls: string[] = [];
  const listeners = new Set<(e: EngineEvent) => void>();
  const recorded = new Proxy(inner, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver);
      if (typeof v !== "function" || typeof key !== "string") return v;
      return (...args: unknown[]) => {
        calls.push(key === "loadNetwork" ? `loadNetwork:${String(args[1] ?? "file")}` : key);
        return v.apply(target, args);
      };
    },
  });
  return Object.assign(recorded, {
    calls,
    onEvent(l: (e: EngineEvent) => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    emit(e: EngineEvent) {
      for (const l of listeners) l(e);
    },
  });
}

export function setUpApp(saved?: Session, channel: TabChannel | null = null): TestApp {
  stubCanvas();
  const model = standInModel();
  const engine = testEngine(model);
  const sessions = memorySessionStore(saved);
  useApp.setState(initialState(), true);
  configureApp({
    createEngine: () => engine,
    fetchPretrained: async () => structuredClone(STAND_IN_NETWORK),
    sessions,
    channel,
  });
  window.history.replaceState(null, "", "/");
  return { engine, model, sessions };
}

/** jsdom has no canvas: a no-op 2-D context keeps the drawing code running in tests. */
export function stubCanvas(): void {
  const noop = () => {};
  const ctx = new Proxy(
    {},
    {
      get: (_t, key) =>
        key === "measureText"
          ? () => ({ width: 10 })
          : key === "createImageData" || key === "getImageData"
            ? (w: number, h: number) => ({ width: w, height: h, data: new Uint8ClampedArray(4 * w * h) })
            : noop,
      set: () => true,
    },
  );
  HTMLCanvasElement.prototype.getContext = (() => ctx) as unknown as HTMLCanvasElement["getContext"];
}

// The Backend setting takes effect with the next network: the client's workers (the main one and
// the pool's others) switch to it, a backend that cannot start falls back once and is not tried
// again, and the pool's samples do not depend on which worker ran which unit.
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_PROBLEM, DEFAULT_SAMPLER } from "../../src/core/config";
import type { EngineSettings } from "../../src/engine/api";
import { createEngineClient } from "../../src/engine/client";
import type { EngineClient, EngineEvent } from "../../src/engine/clientApi";
import { engineWorkers } from "./workers";

const settings = (backend: "wasm" | "cpu" | "webgl"): EngineSettings => ({
  problem: DEFAULT_PROBLEM,
  network: { width: 16, depth: 1, activation: "silu", embedDim: 4 },
  train: { steps: 10, lr: 1e-3, batch: 32, seed: 2, emaDecay: 0.9, backend },
});

const clients: EngineClient[] = [];
afterAll(() => {
  for (const c of clients) c.dispose();
});

function setUp() {
  const set: [number, string][] = [];
  const { create } = engineWorkers((e, w) => ({
    ...e,
    setBackend: (name) => {
      set.push([w.id, name]);
      return e.setBackend(name);
    },
  }));
  const client = createEngineClient({ createWorker: create, poolSize: 2, backend: "wasm" });
  clients.push(client);
  const events: EngineEvent[] = [];
  client.onEvent((e) => events.push(e));
  return { client, set, events };
}

const column = { sampler: { ...DEFAULT_SAMPLER, steps: 8 }, model: "network" as const, n: 600, seed: 3 };

describe("switching the backend with a new network", () => {
  it("the main worker and the pool's other worker switch to the new network's backend, and back", async () => {
    const { client, set } = setUp();
    expect((await client.init(settings("wasm"))).backend).toBe("wasm-simd kernel");
    await client.sample(column);
    const cpu = await client.init(settings("cpu"));
    expect(cpu.backend).toBe("cpu");
    expect(await client.backend()).toBe("cpu");
    await client.sample(column);
    // The main worker switched in init (its reply above); the other was set to cpu before it
    // loaded this network and ran its units.
    expect(new Map(set).get(1)).toBe("cpu");
    expect((await client.init(settings("wasm"))).backend).toBe("wasm-simd kernel");
    await client.sample(column);
    expect(new Map(set).get(1)).toBe("wasm");
  }, 60_000);

  it("a backend that cannot start falls back to cpu once and is not tried again", async () => {
    const { client, events } = setUp();
    await client.init(settings("wasm"));
    // No WebGL in Node: the engine falls back to cpu.
    expect((await client.init(settings("webgl"))).backend).toBe("cpu");
    expect(events.filter((e) => e.kind === "fallback")).toHaveLength(1);
    expect((await client.init(settings("webgl"))).backend).toBe("cpu");
    expect(events.filter((e) => e.kind === "fallback")).toHaveLength(1);
    // Another backend still can be picked.
    expect((await client.init(settings("wasm"))).backend).toBe("wasm-simd kernel");
  }, 60_000);
});

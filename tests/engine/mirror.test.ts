// The pool's network mirror: the extra workers get the main worker's network as soon as it is
// current (before any sampling call), from the loaded file without a save round trip; a failed
// save is not kept; an extra worker boots once the main worker is up, and is handed the main
// worker's quality reference.
import { describe, expect, it, vi } from "vitest";
import { DEFAULT_PROBLEM } from "../../src/core/config";
import type { EngineSettings, SavedNetwork } from "../../src/engine/api";
import { createEngineClient } from "../../src/engine/client";
import type { EngineWithControl } from "../../src/engine/control";
import { NetworkMirror } from "../../src/engine/mirror";
import { engineWorkers } from "./workers";

const SETTINGS: EngineSettings = {
  problem: DEFAULT_PROBLEM,
  network: { width: 8, depth: 1, activation: "silu", embedDim: 8 },
  train: { steps: 10, lr: 1e-3, batch: 16, seed: 2, emaDecay: 0.9, backend: "wasm" },
};

describe("network mirror", () => {
  it("saves once per stamp, forgets a failed save, and prime uses the loaded file", async () => {
    let saves = 0;
    let fail = true;
    const net = { format: "x" } as unknown as SavedNetwork;
    const mirror = new NetworkMirror(
      async () => "s1",
      async () => {
        saves++;
        if (fail) throw new Error("no save");
        return net;
      },
    );
    await expect(mirror.savedFor("s1")).rejects.toThrow(/no save/);
    fail = false;
    await Promise.resolve();
    expect(await mirror.savedFor("s1")).toBe(net); // asked again, not the cached failure
    expect(await mirror.savedFor("s1")).toBe(net);
    expect(saves).toBe(2);
    const loaded = { format: "loaded" } as unknown as SavedNetwork;
    const ready = await new Promise<string>((ok) => mirror.prime(loaded, ok));
    expect(ready).toBe("s1");
    expect(saves).toBe(2); // the cached save of s1 stays (same stamp)
  });

  it("the extra worker boots with the main one and loads a new network before any call", async () => {
    const { create, workers } = engineWorkers();
    const client = createEngineClient({ createWorker: create, poolSize: 2, backend: "wasm" });
    try {
      await vi.waitFor(() => expect(workers[1]?.calls.get("setBackend")).toBe(1));
      await client.init(SETTINGS);
      await vi.waitFor(() => expect(workers[1]?.calls.get("loadNetwork")).toBe(1));
      expect(workers.every((w) => !w.calls.get("sampleUnit"))).toBe(true);
      // A loaded file goes to the extra as it is: no save on the main worker for it.
      const saved = await client.saveNetwork();
      const savesBefore = workers[0].calls.get("saveNetwork") ?? 0;
      await client.loadNetwork(saved, "file");
      await vi.waitFor(() => expect(workers[1]?.calls.get("loadNetwork")).toBe(2));
      expect(workers[0].calls.get("saveNetwork") ?? 0).toBe(savesBefore);
    } finally {
      client.dispose();
    }
  });

  it("the extra worker is handed the main worker's quality reference instead of building it", async () => {
    const engines: EngineWithControl[] = [];
    const { create, workers } = engineWorkers((e, w) => {
      engines[w.id] = e;
      return e;
    });
    const client = createEngineClient({ createWorker: create, poolSize: 2, backend: "wasm" });
    try {
      await client.init(SETTINGS);
      await vi.waitFor(() => expect(workers[1]?.calls.get("loadNetwork")).toBe(1));
      expect(workers[0].calls.get("referenceStats")).toBe(1);
      expect(workers[1].calls.get("handReference")).toBe(1);
      // The extra worker's reference, warmed after its load, came from the main worker's stats.
      await vi.waitFor(async () => expect(await engines[1].referenceSource()).toBe("handed"));
      expect(await engines[0].referenceSource()).toBe("built");
    } finally {
      client.dispose();
    }
  });
});

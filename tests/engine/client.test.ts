// The client's reliability against stand-in workers on a MessageChannel: a hung
// call times out and the worker is replaced with the last saved network reloaded; a backend that
// cannot start falls back to cpu; an error event restarts the worker. (The real worker in
// Chromium: tests/browser/worker.e2e.ts.)
import * as Comlink from "comlink";
import { describe, expect, it } from "vitest";
import { DEFAULT_SAMPLER } from "../../src/core/config";
import { createEngineClient } from "../../src/engine/client";
import type { EngineEvent } from "../../src/engine/clientApi";

interface FakeOptions {
  /** Backends this fake refuses to start. */
  failing?: string[];
  /** sample() never answers. */
  hangSample?: boolean;
}

/** A stand-in engine behind a MessageChannel that looks like a Worker to the client. */
function fakeWorkerFactory(opts: FakeOptions[], log: string[]) {
  let k = 0;
  const workers: { fire(type: string, ev: unknown): void }[] = [];
  const create = () => {
    const o = opts[Math.min(k, opts.length - 1)];
    const id = k++;
    const { port1, port2 } = new MessageChannel();
    const engine = {
      async setBackend(name: string) {
        if (o.failing?.includes(name)) throw new Error(`${name} failed`);
        log.push(`${id}:backend:${name}`);
        return name;
      },
      async ping() {
        return "pong";
      },
      async loadNetwork(saved: { steps: number }, origin: string) {
        log.push(`${id}:load:${saved.steps}:${origin}`);
        return { trainSteps: saved.steps };
      },
      async saveNetwork() {
        return { steps: 42, trainSteps: 42 };
      },
      async info() {
        return { trainSteps: 42 };
      },
      async networkStamp() {
        return "none";
      },
      sampleUnit(u: { xT: Float32Array }) {
        // The worker's id as the NFE, so a test sees which worker answered.
        const part = { samples: new Float32Array(u.xT.length), grid: [], nfe: id, ms: 0 };
        return o.hangSample ? new Promise(() => {}) : Promise.resolve(part);
      },
      async qualityOf() {
        return { quality: {} };
      },
    };
    Comlink.expose(engine, port2 as never);
    const listeners = new Map<string, ((ev: unknown) => void)[]>();
    const worker = {
      postMessage: (m: unknown, t?: Transferable[]) => port1.postMessage(m, t as never),
      addEventListener: (type: string, fn: (ev: unknown) => void) => {
        if (type === "message") port1.addEventListener("message", fn as never);
        else listeners.set(type, [...(listeners.get(type) ?? []), fn]);
      },
      removeEventListener: (type: string, fn: (ev: unknown) => void) =>
        port1.removeEventListener(type, fn as never),
      start: () => port1.start(),
      terminate: () => {
        log.push(`${id}:terminated`);
        port1.close();
        port2.close();
      },
      fire: (type: string, ev: unknown) => {
        for (const fn of listeners.get(type) ?? []) fn(ev);
      },
    };
    port1.start();
    workers.push(worker);
    return worker as unknown as Worker;
  };
  return { create, workers };
}

const sampleReq = { sampler: DEFAULT_SAMPLER, model: "oracle" as const, n: 10, seed: 0 };
const noPool = { poolSize: 1 };
const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe("engine client reliability", () => {
  it("a hung call rejects after its time limit; the worker is replaced and the last save reloaded", async () => {
    const log: string[] = [];
    const { create } = fakeWorkerFactory([{ hangSample: true }, {}], log);
    const client = createEngineClient({ ...noPool, createWorker: create, limits: { compute: 200 } });
    const events: EngineEvent[] = [];
    client.onEvent((e) => events.push(e));
    await client.saveNetwork();
    await expect(client.sample(sampleReq)).rejects.toThrow(/sampling did not answer within/);
    await until(() => events.length > 0);
    expect(events[0].kind).toBe("restarted");
    expect(events[0].message).toMatch(/restarted it and restored your network \(42 training steps\)/);
    expect(log).toEqual(["0:backend:wasm", "0:terminated", "1:backend:wasm", "1:load:42:user"]);
    expect((await client.sample(sampleReq)).nfe).toBe(1);
    client.dispose();
  });

  it("falls back to cpu when the chosen backend cannot start, and says so", async () => {
    const log: string[] = [];
    const { create } = fakeWorkerFactory([{ failing: ["wasm"] }], log);
    const client = createEngineClient({ ...noPool, createWorker: create });
    const events: EngineEvent[] = [];
    client.onEvent((e) => events.push(e));
    expect(await client.backend()).toBe("cpu");
    expect(events.map((e) => e.kind)).toEqual(["fallback"]);
    expect(events[0].message).toMatch(/wasm backend could not start.*using cpu/);
    client.dispose();
  });

  it("an error event from the worker rejects pending calls and restarts it", async () => {
    const log: string[] = [];
    const { create, workers } = fakeWorkerFactory([{ hangSample: true }, {}], log);
    const client = createEngineClient({ ...noPool, createWorker: create });
    const events: EngineEvent[] = [];
    client.onEvent((e) => events.push(e));
    await client.backend();
    const pending = client.sample(sampleReq);
    workers[0].fire("error", { message: "out of memory" });
    await expect(pending).rejects.toThrow(/worker stopped: the worker failed \(out of memory\)/);
    await until(() => events.length > 0);
    expect(events[0].message).toMatch(/no network was loaded/);
    expect((await client.sample(sampleReq)).nfe).toBe(1);
    client.dispose();
  });
});

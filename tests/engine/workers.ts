// Engines behind MessageChannels that look like Workers to the client: the real engine and the
// real worker protocol (call announcements, transfers), in one Node thread. For pool and
// supervisor tests; the real Worker in Chromium is tests/browser/worker.e2e.ts.
import * as Comlink from "comlink";
import type { EngineWithControl } from "../../src/engine/control";
import { createEngine } from "../../src/engine/engine";
import { exposedTable } from "../../src/engine/protocol";

export interface FakeWorker {
  id: number;
  /** Calls of each method this worker started. */
  calls: Map<string, number>;
  /** Stops answering and sends nothing, as a terminated worker does (no error event). */
  vanish(): void;
}

/**
 * wrap: changes the engine of each worker (e.g. slow sampling); serial: run calls one after
 * another, as a worker busy with synchronous work does (then a call is announced when it starts).
 */
export function engineWorkers(
  wrap: (e: EngineWithControl, w: FakeWorker) => EngineWithControl = (e) => e,
  serial = false,
) {
  const workers: FakeWorker[] = [];
  const create = () => {
    const { port1, port2 } = new MessageChannel();
    const calls = new Map<string, number>();
    const fake: FakeWorker = {
      id: workers.length,
      calls,
      vanish: () => {
        port2.close();
      },
    };
    const engine = wrap(createEngine(), fake);
    const counted = Object.fromEntries(
      Object.entries(engine).map(([name, fn]) => [
        name,
        (...args: unknown[]) => {
          calls.set(name, (calls.get(name) ?? 0) + 1);
          return (fn as (...a: unknown[]) => Promise<unknown>)(...args);
        },
      ]),
    ) as unknown as EngineWithControl;
    const table = exposedTable(counted, {
      started: (n) => port2.postMessage({ ddimLab: "started", n }),
      transfer: (r, buffers) => Comlink.transfer(r, buffers),
    });
    let queue: Promise<unknown> = Promise.resolve();
    const exposed = serial
      ? Object.fromEntries(
          Object.entries(table).map(([name, fn]) => [
            name,
            (...args: unknown[]) => {
              const run = queue.then(() => (fn as (...a: unknown[]) => Promise<unknown>)(...args));
              queue = run.catch(() => {});
              return run;
            },
          ]),
        )
      : table;
    Comlink.expose(exposed, port2 as never);
    port1.start();
    workers.push(fake);
    return {
      postMessage: (m: unknown, t?: Transferable[]) => port1.postMessage(m, t as never),
      addEventListener: (type: string, fn: (ev: unknown) => void) => {
        if (type === "message") port1.addEventListener("message", fn as never);
      },
      removeEventListener: (_type: string, fn: (ev: unknown) => void) =>
        port1.removeEventListener("message", fn as never),
      start: () => port1.start(),
      terminate: () => {
        port1.close();
        port2.close();
        void engine.dispose();
      },
    } as unknown as Worker;
  };
  return { create, workers };
}

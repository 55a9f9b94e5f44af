// The compute worker: a comlink `expose` of the engine through a typed method table. Results of
// the methods in TRANSFERRED are transferred, not copied (every array the engine returns is a
// fresh copy, never a buffer a live tensor owns). The worker also tells the page (src/engine/
// supervisor.ts) when it starts each call and that it is alive during long work, so time limits
// count from the start of a call and a dead worker is noticed without waiting for one.
import wasmPlain from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url";
import wasmSimd from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url";
import wasmThreaded from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url";
import * as Comlink from "comlink";
import type { EngineWithControl } from "./control";
import { createEngine } from "./engine";
import { markedCalls, markOnce } from "./marks";
import { exposedTable, type WorkerNotice } from "./protocol";

// The worker's bundle (tfjs, the model, the engine) is evaluated by now: the bench's start-up timeline.
markOnce("worker-evaluated");

const notify = (m: WorkerNotice) => self.postMessage(m);

const engine = createEngine({
  wasmPaths: {
    "tfjs-backend-wasm.wasm": wasmPlain,
    "tfjs-backend-wasm-simd.wasm": wasmSimd,
    "tfjs-backend-wasm-threaded-simd.wasm": wasmThreaded,
  },
  beat: () => notify({ ddimLab: "beat" }),
});

const exposed: EngineWithControl = exposedTable(engine, {
  started: (n) => notify({ ddimLab: "started", n }),
  transfer: (result, buffers) => Comlink.transfer(result, buffers),
});

Comlink.expose(markedCalls(exposed));

// The compute worker: a thin comlink `expose` of the engine. Results are transferred, not copied;
// every array the engine returns is a fresh copy (never a buffer a live tensor owns).
import wasmPlain from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url";
import wasmSimd from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url";
import wasmThreaded from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url";
import * as Comlink from "comlink";
import { createEngine, type EngineWithControl } from "./engine";
import { transferablesOf } from "./transfer";

const engine = createEngine({
  wasmPaths: {
    "tfjs-backend-wasm.wasm": wasmPlain,
    "tfjs-backend-wasm-simd.wasm": wasmSimd,
    "tfjs-backend-wasm-threaded-simd.wasm": wasmThreaded,
  },
});

type AnyFn = (...args: unknown[]) => Promise<unknown>;

/** Results built fresh for each call; their buffers are transferred, not copied. */
const TRANSFERRED = new Set(["sample", "sampleMany", "invert", "interpolate", "predictEps"]);

const exposed = Object.fromEntries(
  Object.entries(engine).map(([name, fn]) => [
    name,
    TRANSFERRED.has(name)
      ? async (...args: unknown[]) => {
          const result = await (fn as AnyFn)(...args);
          return Comlink.transfer(result, transferablesOf(result));
        }
      : fn,
  ]),
) as unknown as EngineWithControl;

Comlink.expose(exposed);

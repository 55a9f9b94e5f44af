// Control for the engine-path bench: the same engine, network and sampler run inside a worker
// with no client, no comlink and no supervisor, so a slowdown seen only through the client is
// the client's (or the worker wrapper's) doing. Protocol: {saved, trainSteps} -> "ready"; then
// each "run" -> the sampler's ms.
import wasmPlain from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url";
import wasmSimd from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url";
import wasmThreaded from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url";
import { createEngine } from "../../src/engine/engine";
import { ENGINE_PATH_REQUEST } from "./engine-path-request";

const engine = createEngine({
  wasmPaths: {
    "tfjs-backend-wasm.wasm": wasmPlain,
    "tfjs-backend-wasm-simd.wasm": wasmSimd,
    "tfjs-backend-wasm-threaded-simd.wasm": wasmThreaded,
  },
});

self.onmessage = async (ev: MessageEvent<"run" | { saved: unknown; trainSteps: number }>) => {
  if (ev.data === "run") {
    self.postMessage((await engine.sample(ENGINE_PATH_REQUEST)).ms);
    return;
  }
  await engine.setBackend("wasm");
  await engine.loadNetwork(ev.data.saved, "pretrained");
  if (ev.data.trainSteps > 0) await engine.train(ev.data.trainSteps, () => {});
  self.postMessage("ready");
};

// The stack probe's worker (tests/bench/tfjs-stack-probe.ts): plain tfjs-wasm (the kernel off), the
// pretrained network, and a standalone wasm gemm with more v128 values live than x64 has registers
// (its bytes come from the page). Each call is made through pad(work, ...m fillers), a spread call
// that pushes m more 8-byte argument slots, so the native stack pointer at the work's entry moves
// by 8 * m bytes and nothing else changes. Protocol: {op: "init", gemm} -> "ready";
// {op: "sweep", work, reps, calls, pads} -> ms per call for every pad and rep; {op: "burn", blocks,
// calls} -> ms per predict for every block of predicts (unpadded); {op: "train", steps} -> "trained"
// (the engine-path bench's state: a new default network trained `steps` on tfjs-wasm by the engine;
// predict then uses a copy of it); {op: "ddim"} -> the engine's ms for one DDIM-500 (the bench's
// request, unpadded), the indicator of the fast or slow state; {op: "hold", work, pad, ms} -> the
// median ms per call of that work at that pad, called for about ms.
import wasmPlain from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url";
import wasmSimd from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url";
import wasmThreaded from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url";
import { createEngine } from "../../src/engine/engine";
import { type EpsNetwork, networkFromSaved, preferKernel, setupBackend } from "../../src/model";
import { setStackParity } from "../../src/model/stackParity";
import * as tf from "../../src/model/tf";
import { BENCH_SETTINGS, ENGINE_PATH_REQUEST } from "../browser/engine-path-request";

preferKernel(false);
// The probe moves the stack itself: the network's own parity workaround stays out of the way.
setStackParity(false);
const WASM_PATHS = {
  "tfjs-backend-wasm.wasm": wasmPlain,
  "tfjs-backend-wasm-simd.wasm": wasmSimd,
  "tfjs-backend-wasm-threaded-simd.wasm": wasmThreaded,
};
const engine = createEngine({ wasmPaths: WASM_PATHS });

export type ProbeWork = "predict" | "matmul" | "gemm";
export type ProbeRequest =
  | { op: "init"; gemm: number[] }
  | { op: "sweep"; work: ProbeWork; reps: number; calls: number; pads: number }
  | { op: "burn"; blocks: number; calls: number }
  | { op: "train"; steps: number }
  | { op: "ddim" }
  | { op: "hold"; work: ProbeWork; pad: number; ms: number };

let net: EpsNetwork;
const CALLS_PER_BLOCK: Record<ProbeWork, number> = { gemm: 40, matmul: 20, predict: 10 };
let gemmCall: () => number;
const N = 1000;
const x = new Float64Array(2 * N);
for (let i = 0; i < x.length; i++) x[i] = Math.sin(i * 12.9898) * 1.7;
let t = 0;

function predictOnce(): number {
  t = (t + 1) % 1000;
  return net.predict(x, t + 1)[0];
}

let mA: tf.Tensor2D;
let mB: tf.Tensor2D;
function matmulOnce(): number {
  const out = tf.matMul(mA, mB);
  const v = out.dataSync()[0];
  out.dispose();
  return v;
}

/** Calls work with m extra argument slots on the stack (a spread call pushes every element). */
function pad(work: () => number, ..._rest: number[]): number {
  return work();
}

function timed(work: () => number, calls: number, filler: number[]): number {
  let sink = 0;
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) sink += pad(work, ...filler);
  const ms = (performance.now() - t0) / calls;
  if (sink === 12345.678) console.log(sink);
  return ms;
}

async function init(gemmBytes: number[]): Promise<void> {
  await setupBackend("wasm", {
    kernel: false,
    wasmPaths: WASM_PATHS,
  });
  const saved = await (await fetch("/pretrained/network.json")).json();
  const loaded = networkFromSaved(saved);
  if (!loaded.ok) throw new Error(loaded.error);
  net = loaded.value;
  net.compute = "tfjs";
  const a = new Float32Array(N * 128).map((_, i) => Math.sin(i) * 0.5);
  const b = new Float32Array(128 * 128).map((_, i) => Math.cos(i) * 0.1);
  mA = tf.tensor2d(a, [N, 128]);
  mB = tf.tensor2d(b, [128, 128]);
  const { instance } = await WebAssembly.instantiate(new Uint8Array(gemmBytes));
  const ex = instance.exports as {
    memory: WebAssembly.Memory;
    gemm: (a: number, b: number, c: number, m: number, k: number) => number;
  };
  // A: 600 x 128 at 64 kB, B: 128 x 16 at 512 kB, C: 600 x 16 at 640 kB (floats).
  const f = new Float32Array(ex.memory.buffer);
  for (let i = 0; i < 600 * 128; i++) f[16384 + i] = Math.sin(i) * 0.5;
  for (let i = 0; i < 128 * 16; i++) f[131072 + i] = Math.cos(i) * 0.1;
  gemmCall = () => ex.gemm(65536, 524288, 655360, 600, 128);
}

self.onmessage = async (ev: MessageEvent<ProbeRequest>) => {
  const req = ev.data;
  if (req.op === "init") {
    await init(req.gemm);
    self.postMessage("ready");
  } else if (req.op === "sweep") {
    const work = req.work === "predict" ? predictOnce : req.work === "matmul" ? matmulOnce : gemmCall;
    const fillers = Array.from({ length: req.pads }, (_, m) => new Array<number>(m).fill(0));
    const out: number[][] = fillers.map(() => []);
    // Every rep visits every pad, in an order rotated by one per rep, so drift hits all alike.
    for (let r = 0; r < req.reps; r++)
      for (let j = 0; j < req.pads; j++) {
        const m = (j + r) % req.pads;
        out[m].push(timed(work, req.calls, fillers[m]));
      }
    self.postMessage(out);
  } else if (req.op === "train") {
    await engine.init(BENCH_SETTINGS);
    await engine.train(req.steps, () => {});
    const copy = networkFromSaved(await engine.saveNetwork());
    if (!copy.ok) throw new Error(copy.error);
    net.dispose();
    net = copy.value;
    net.compute = "tfjs";
    self.postMessage("trained");
  } else if (req.op === "hold") {
    // One pad for about req.ms (for a profiler watching from outside): ms per call.
    const work = req.work === "predict" ? predictOnce : req.work === "matmul" ? matmulOnce : gemmCall;
    const filler = new Array<number>(req.pad).fill(0);
    const times: number[] = [];
    const until = performance.now() + req.ms;
    while (performance.now() < until) times.push(timed(work, CALLS_PER_BLOCK[req.work], filler));
    times.sort((a, b) => a - b);
    self.postMessage(times[times.length >> 1]);
  } else if (req.op === "ddim") {
    self.postMessage((await engine.sample(ENGINE_PATH_REQUEST)).ms);
  } else {
    const out: number[] = [];
    for (let b = 0; b < req.blocks; b++) out.push(timed(predictOnce, req.calls, []));
    self.postMessage(out);
  }
};

// The engine-path bench's control worker (tests/browser/direct-worker.ts: the engine called
// directly, no client, no comlink) with the wasm-simd kernel turned off, for `--tfjs --direct`.
// preferKernel runs before any message arrives (module evaluation finishes first).
import "../browser/direct-worker";
import { preferKernel } from "../../src/model";

preferKernel(false);

// The app's compute worker with the wasm-simd kernel turned off: the bench's plain-tfjs column in
// Chromium. preferKernel runs before any message arrives (module evaluation finishes first).
import "../../src/engine/worker";
import { preferKernel } from "../../src/model";

preferKernel(false);

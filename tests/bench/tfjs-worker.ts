// The app's compute worker with the wasm-simd kernel turned off: the bench's plain-tfjs column in
// Chromium. preferKernel runs before any message arrives (module evaluation finishes first).
import "../../src/engine/worker";
import { preferKernel } from "../../src/model";
import { setStackParity } from "../../src/model/stackParity";

preferKernel(false);
// VITE_DDIM_STACK_PARITY=off in the bench's environment (read at build time): the workaround off,
// for an A/B of it (docs/tfjs-slowdown-notes.md).
if (import.meta.env.VITE_DDIM_STACK_PARITY === "off") setStackParity(false);

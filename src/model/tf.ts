// The tfjs this app runs, and nothing more (docs/deploy.md, "Weight"): tfjs-core (tensors, ops,
// variables, gradients), the cpu backend (the fallback) and the wasm backend. The umbrella package
// @tensorflow/tfjs would add tfjs-layers, -converter and -data, which nothing here uses, and the
// webgl backend, which backend.ts loads only when someone picks it.
// tfjs-core registers no gradients by itself (the umbrella package does): without them
// tf.variableGrads finds no gradient for matMul, tanh, ... and training throws. "#tfjs-gradients"
// (package.json "imports") is tfjs-core's register_all_gradients in the browser builds; under
// Node (CLI, tsx scripts), which cannot load that ES-module file, it is the umbrella package's
// CommonJS build, which registers the same gradients.
// tfjs-core first: it registers its flags before anything reads one. (Vite's dev server
// pre-bundles these packages into chunks that otherwise ran a flag read before the registration:
// "Cannot evaluate flag 'DEBUG'".)
import "@tensorflow/tfjs-core";
import "#tfjs-gradients";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-wasm";

export * from "@tensorflow/tfjs-core";

// The security headers DDIM Lab is served with, in one place: scripts/serve.ts (`npm start`) and
// `vite preview` send them on every response, the build writes them into index.html's <meta> CSP
// (a fallback for hosts that send no headers) and docs/deploy.md lists them for static hosts.
// Plain data, no DOM or Node imports: the vite config, the server, the tests and the app read it.

/**
 * The Content-Security-Policy. Served as a response header it also governs the worker script
 * (a <meta> policy does not reach workers), which is where network files from untrusted people
 * are parsed: no eval / new Function ('wasm-unsafe-eval' allows WebAssembly compilation only),
 * no requests to other origins (connect-src 'self'), no framing by other sites.
 */
export const CSP_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ["default-src", "'self'"],
  ["script-src", "'self' 'wasm-unsafe-eval'"],
  ["worker-src", "'self'"],
  // React's and recharts' style attributes, KaTeX's inline sizes.
  ["style-src", "'self' 'unsafe-inline'"],
  // data:/blob: images: the share dialog's QR code and PNG exports of charts.
  ["img-src", "'self' data: blob:"],
  ["font-src", "'self' data:"],
  ["connect-src", "'self'"],
  ["manifest-src", "'self'"],
  ["object-src", "'none'"],
  ["base-uri", "'self'"],
  ["form-action", "'none'"],
  ["frame-ancestors", "'none'"],
];

/** Directives a <meta> policy ignores (browsers log an error for them): header-only. */
const HEADER_ONLY = new Set(["frame-ancestors"]);

export const CSP = CSP_DIRECTIVES.map(([k, v]) => `${k} ${v}`).join("; ");
export const META_CSP = CSP_DIRECTIVES.filter(([k]) => !HEADER_ONLY.has(k))
  .map(([k, v]) => `${k} ${v}`)
  .join("; ");

/**
 * Cross-origin isolation (SharedArrayBuffer, needed for multi-threaded wasm). Every resource of
 * the app is same-origin, so require-corp costs nothing; the wasm backend is forced to its
 * single-thread build either way (docs/backends.md), so isolation does not change what tfjs runs.
 */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  "Cross-Origin-Resource-Policy": "same-origin",
};

/** The headers for every response of the app. */
export function securityHeaders(opts: { isolate: boolean } = { isolate: true }): Record<string, string> {
  return {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    ...(opts.isolate ? ISOLATION_HEADERS : {}),
  };
}

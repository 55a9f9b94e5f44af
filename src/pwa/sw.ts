/// <reference lib="webworker" />
// The offline service worker (built by vite-plugin-pwa's injectManifest into sw.js). After one
// visit it has every file of the build (page, worker script, tfjs wasm, the wasm kernel, the
// pretrained network, the fonts the page uses) in its cache, so a reload with no network works:
// the classroom wifi can drop and the dashboard keeps training and sampling.
import {
  addPlugins,
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  type PrecacheEntry,
  precacheAndRoute,
} from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";
import { securityHeaders } from "./headers";

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> };

// Responses served from the cache carry the same security headers the server sends
// (src/pwa/headers.ts): on a static host that sends none, the page and its worker still get the
// Content-Security-Policy (a <meta> policy does not reach the worker) once this worker controls
// them. Cross-origin isolation is left to the server: adding it here would make the page's
// isolation depend on whether it came from the cache.
const HEADERS = securityHeaders({ isolate: false });
addPlugins([
  {
    handlerWillRespond: async ({ response }) => {
      const headers = new Headers(response.headers);
      for (const [k, v] of Object.entries(HEADERS)) if (!headers.has(k)) headers.set(k, v);
      return new Response(response.body, {
        status: response.status,
        statusText: response.statusText,
        headers,
      });
    },
  },
]);

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// Every navigation (any query string: the link holds the view) is the one page.
registerRoute(new NavigationRoute(createHandlerBoundToURL("index.html"), { denylist: [/^\/lan\.json/] }));

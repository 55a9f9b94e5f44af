// Registers the offline service worker (src/pwa/sw.ts, built into sw.js) in production builds.
// A second entry in index.html, so the app's own code does not import it.
// Browsers offer service workers only on https and on localhost: a student opening the teacher's
// http://192.168.x.y address gets the dashboard, but not the offline copy (docs/deploy.md).
// A new build's worker waits until every tab of the old one is closed (no skipWaiting), so an open
// lesson never has its files swapped under it.
// It registers once the page has painted its grid and interpolation (the app's STARTED_EVENT), or
// LATEST_MS after the load event: installing downloads every file of the app (the wasm, the fonts,
// the network), and at start-up that cost the comparison grid ~0.2-0.3 s on two cores
// (docs/bench.md, "The grid is CPU-bound on two cores").
import { STARTED_ATTRIBUTE, STARTED_EVENT } from "./started";

const LATEST_MS = 10_000;

if (import.meta.env.PROD && "serviceWorker" in navigator) {
  let done = false;
  const register = () => {
    if (done) return;
    done = true;
    navigator.serviceWorker
      .register(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL })
      .catch(() => {
        // Offline with the old worker in charge, or storage disabled: the page works without it.
      });
  };
  if (document.documentElement.hasAttribute(STARTED_ATTRIBUTE)) register();
  else window.addEventListener(STARTED_EVENT, register, { once: true });
  window.addEventListener("load", () => setTimeout(register, LATEST_MS));
}

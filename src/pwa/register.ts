// Registers the offline service worker (src/pwa/sw.ts, built into sw.js) in production builds.
// A second entry in index.html, so the app's own code does not import it.
// Browsers offer service workers only on https and on localhost: a student opening the teacher's
// http://192.168.x.y address gets the dashboard, but not the offline copy (docs/deploy.md).
// A new build's worker waits until every tab of the old one is closed (no skipWaiting), so an open
// lesson never has its files swapped under it.
if (import.meta.env.PROD && "serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    navigator.serviceWorker
      .register(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL })
      .catch(() => {
        // Offline with the old worker in charge, or storage disabled: the page works without it.
      });
  });
}

export {};

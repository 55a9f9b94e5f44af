// The page's "start-up is over" signal (state/startup.ts) for the offline service worker's
// registration, a separate entry of index.html (pwa/register.ts) that does not import the app.
export const STARTED_EVENT = "ddimlab:started";
/** Set on <html> too, for a listener that comes late. */
export const STARTED_ATTRIBUTE = "data-started";

export function announceStarted(): void {
  document.documentElement.setAttribute(STARTED_ATTRIBUTE, "");
  window.dispatchEvent(new Event(STARTED_EVENT));
}

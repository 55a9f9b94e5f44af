// Deep links to a panel (/#compare): the browser's own jump happens before React has rendered the
// panels, and the page grows above the target while plots paint. So: wait for the panel, scroll to
// it, and keep it in place while the layout settles, until the person scrolls or types.
import { useEffect } from "react";

/** How long a deep link keeps its panel in place while the page above it paints. */
export const SETTLE_MS = 8000;

const USER_EVENTS = ["wheel", "touchstart", "keydown", "pointerdown"] as const;

export function landOn(id: string, settleMs = SETTLE_MS): () => void {
  let stopped = false;
  const t0 = performance.now();
  const target = () => document.getElementById(id);
  const place = () => {
    const el = target();
    if (!el) return;
    if (Math.abs(el.getBoundingClientRect().top - scrollMargin(el)) > 1)
      el.scrollIntoView?.({ block: "start" }); // absent in jsdom
  };
  const ro = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(() => !stopped && place());
  ro?.observe(document.body);
  const stop = () => {
    stopped = true;
    ro?.disconnect();
    for (const ev of USER_EVENTS) window.removeEventListener(ev, stop, true);
  };
  for (const ev of USER_EVENTS) window.addEventListener(ev, stop, { capture: true, passive: true });
  const tick = () => {
    if (stopped) return;
    if (performance.now() - t0 > settleMs) return stop();
    place();
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return stop;
}

function scrollMargin(el: HTMLElement): number {
  return Number.parseFloat(getComputedStyle(el).scrollMarginTop) || 0;
}

/** Lands on the panel named by the address's #hash at start and whenever the hash changes. */
export function useDeepLink(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    let stop = () => {};
    const go = () => {
      stop();
      const id = decodeURIComponent(window.location.hash.slice(1));
      if (id) stop = landOn(id);
    };
    go();
    window.addEventListener("hashchange", go);
    return () => {
      stop();
      window.removeEventListener("hashchange", go);
    };
  }, [enabled]);
}

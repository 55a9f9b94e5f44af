// The address students should open. `npm start` (scripts/serve.ts) answers /lan.json with this
// machine's LAN addresses; on a static host or the dev server there is no such file and the page's
// own address is the one to share.

const MAX_URLS = 8;

/** The server's room addresses, or [] when it does not say (validated: short http(s) URLs only). */
export async function roomOrigins(base = import.meta.env.BASE_URL): Promise<string[]> {
  try {
    const res = await fetch(`${base}lan.json`, { cache: "no-store" });
    if (!res.ok) return [];
    const body: unknown = await res.json();
    const urls = (body as { urls?: unknown } | null)?.urls;
    if (!Array.isArray(urls)) return [];
    return urls
      .filter((u): u is string => typeof u === "string" && u.length < 200 && /^https?:\/\/[^\s/]+\/$/.test(u))
      .slice(0, MAX_URLS)
      .map((u) => new URL(u).origin);
  } catch {
    return []; // offline, or not served by scripts/serve.ts
  }
}

/** True for addresses that only this machine can open. */
export function isLoopback(href: string): boolean {
  const h = new URL(href).hostname;
  return h === "localhost" || h === "[::1]" || h.startsWith("127.");
}

/**
 * The page's link (which holds the whole view) moved to `origin`, with the given panels added to
 * its hide= list (a student link without, say, the training controls).
 */
export function studentLink(href: string, origin: string | null, hide: readonly string[]): string {
  const url = new URL(href);
  const target = origin ? new URL(url.pathname + url.search + url.hash, origin) : url;
  if (hide.length > 0) {
    const have = (target.searchParams.get("hide") ?? "").split(",").filter(Boolean);
    const all = [...new Set([...have, ...hide])];
    target.searchParams.set("hide", all.join(","));
  }
  return target.toString();
}

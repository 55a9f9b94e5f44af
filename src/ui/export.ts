// Exports for the classroom: any plot as PNG (canvas plots and recharts' SVG charts alike), a
// column's samples as CSV or JSON with the settings that made them, the loss history as CSV.
// Everything happens in the page: a Blob and a download link, nothing sent anywhere.

/** Starts a browser download of `blob`. */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.rel = "noopener";
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file name from free text: letters, digits and dashes only. */
export function fileSlug(text: string, fallback = "plot"): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return s || fallback;
}

/** "step,loss" lines, one per recorded chunk. */
export function lossCsv(loss: ReadonlyArray<{ step: number; loss: number }>): string {
  return `step,loss\n${loss.map((p) => `${p.step},${p.loss}`).join("\n")}${loss.length ? "\n" : ""}`;
}

/** Config values as "# key: value" lines (read by people; CSV readers skip them with comment="#"). */
function configLines(config: Record<string, unknown>): string {
  return Object.entries(config)
    .map(([k, v]) => `# ${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`.replace(/[\r\n]+/g, " "))
    .join("\n");
}

/** Interleaved (x, y) samples in raw data units as CSV, with the config as comment lines first. */
export function samplesCsv(samples: ArrayLike<number>, config: Record<string, unknown>): string {
  const rows: string[] = [];
  for (let i = 0; i + 1 < samples.length; i += 2) rows.push(`${samples[i]},${samples[i + 1]}`);
  return `${configLines(config)}\nx,y\n${rows.join("\n")}\n`;
}

/** The same as JSON: { config, n, samples: [[x, y], ...] } (non-finite values become null). */
export function samplesJson(samples: ArrayLike<number>, config: Record<string, unknown>): string {
  const points: Array<[number | null, number | null]> = [];
  const fin = (v: number) => (Number.isFinite(v) ? v : null);
  for (let i = 0; i + 1 < samples.length; i += 2) points.push([fin(samples[i]), fin(samples[i + 1])]);
  return `${JSON.stringify({ config, n: points.length, samples: points })}\n`;
}

/** Computed styles that recharts sets through CSS classes and an exported SVG would lose. */
const SVG_STYLE_PROPS = [
  "fill",
  "fill-opacity",
  "stroke",
  "stroke-width",
  "stroke-opacity",
  "stroke-dasharray",
  "opacity",
  "font-family",
  "font-size",
  "font-weight",
  "text-anchor",
  "dominant-baseline",
  "visibility",
];

/** The SVG as a standalone document (computed styles inlined) loaded into an <img>. */
async function svgImage(svg: SVGSVGElement, width: number, height: number): Promise<HTMLImageElement> {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const from = [svg, ...svg.querySelectorAll("*")];
  const to = [clone, ...clone.querySelectorAll("*")];
  from.forEach((el, i) => {
    const cs = getComputedStyle(el);
    const style = SVG_STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(";");
    to[i]?.setAttribute("style", `${to[i].getAttribute("style") ?? ""};${style}`);
  });
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  clone.setAttribute("width", String(width));
  clone.setAttribute("height", String(height));
  const blob = new Blob([new XMLSerializer().serializeToString(clone)], { type: "image/svg+xml" });
  const url = URL.createObjectURL(blob);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return img;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * A PNG of everything drawn inside `figure` (its canvases and SVG charts, each at its place on the
 * page), at `scale` times the screen size, on white. Throws when there is nothing drawn.
 */
export async function figurePng(figure: Element, scale = 2): Promise<Blob> {
  const parts = [...figure.querySelectorAll<HTMLCanvasElement | SVGSVGElement>("canvas, svg")].filter(
    (el) => {
      const r = el.getBoundingClientRect();
      // Skip icons and anything nested in another part (recharts legends hold small SVGs).
      return r.width >= 40 && r.height >= 40 && !(el instanceof SVGSVGElement && el.ownerSVGElement);
    },
  );
  if (parts.length === 0) throw new Error("this plot has nothing drawn yet");
  const rects = parts.map((el) => el.getBoundingClientRect());
  const x0 = Math.min(...rects.map((r) => r.left));
  const y0 = Math.min(...rects.map((r) => r.top));
  const w = Math.max(...rects.map((r) => r.right)) - x0;
  const h = Math.max(...rects.map((r) => r.bottom)) - y0;
  const out = document.createElement("canvas");
  out.width = Math.round(w * scale);
  out.height = Math.round(h * scale);
  const ctx = out.getContext("2d");
  if (!ctx) throw new Error("this browser cannot draw the picture");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.scale(scale, scale);
  for (const [i, el] of parts.entries()) {
    const r = rects[i];
    const image = el instanceof HTMLCanvasElement ? el : await svgImage(el, r.width, r.height);
    ctx.drawImage(image, r.left - x0, r.top - y0, r.width, r.height);
  }
  return new Promise((ok, fail) =>
    out.toBlob((b) => (b ? ok(b) : fail(new Error("the picture could not be encoded"))), "image/png"),
  );
}

export interface PlotRef {
  el: Element;
  /** The panel it is in (its heading), for grouping. */
  panel: string;
  /** What a person calls it: the figure's own name, its caption, or the chart's heading. */
  label: string;
}

function plotLabel(el: Element): { panel: string; label: string } {
  const named =
    el.getAttribute("aria-label") ?? el.querySelector("canvas[aria-label]")?.getAttribute("aria-label");
  const caption = el.querySelector("figcaption")?.textContent?.trim();
  const section = el.closest("section");
  const panel = el.closest("[id]")?.querySelector("h2")?.textContent?.trim() || "Other plots";
  const heading =
    section?.getAttribute("aria-label") ?? section?.querySelector("h3, h4")?.textContent?.trim();
  return { panel, label: (named || caption?.split(".")[0] || heading || "plot").slice(0, 80) };
}

/** Every plot on the page (canvas figures and recharts charts), outermost element once each. */
export function findPlots(root: ParentNode = document): PlotRef[] {
  const candidates = [
    ...root.querySelectorAll("figure"),
    ...root.querySelectorAll(".recharts-wrapper"),
  ].filter(
    (el) => el.querySelector("canvas, svg.recharts-surface") || el.classList.contains("recharts-wrapper"),
  );
  const outer = candidates.filter((el) => !candidates.some((o) => o !== el && o.contains(el)));
  const seen = new Map<string, number>();
  return outer.map((el) => {
    const { panel, label } = plotLabel(el);
    const k = seen.get(`${panel}\n${label}`) ?? 0;
    seen.set(`${panel}\n${label}`, k + 1);
    return { el, panel, label: k > 0 ? `${label} (${k + 1})` : label };
  });
}

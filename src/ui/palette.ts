// Okabe-Ito: a palette that survives the common colour-vision deficiencies. The hues are for
// marks (points, lines, ticks); text in a series' colour uses TEXT_COLORS, the same hue darkened
// until it reads at WCAG AA (>= 4.5:1) on white and on the page background #f6f6f4.
export const OKABE_ITO = {
  black: "#000000",
  orange: "#E69F00",
  skyBlue: "#56B4E9",
  green: "#009E73",
  yellow: "#F0E442",
  blue: "#0072B2",
  vermillion: "#D55E00",
  purple: "#CC79A7",
} as const;

export type OkabeIto = keyof typeof OKABE_ITO;

/** The same hues, darkened (same proportions of red, green, blue) to >= 4.8:1 on #f6f6f4. */
export const TEXT_COLORS: Record<OkabeIto, string> = {
  black: "#000000",
  orange: "#916400",
  skyBlue: "#367193",
  green: "#007B5A",
  yellow: "#736D20",
  blue: "#0071B0",
  vermillion: "#B34F00",
  purple: "#95587A",
};

/** What a person calls each hue when reading the page ("reddish purple" looks pink on screen). */
export const COLOR_NAMES: Record<OkabeIto, string> = {
  black: "black",
  orange: "orange",
  skyBlue: "sky blue",
  green: "green",
  yellow: "yellow",
  blue: "blue",
  vermillion: "vermillion",
  purple: "pink",
};

/** Text colour for a mark colour: its darkened twin when it is an Okabe-Ito hue, else unchanged. */
export function textColor(mark: string): string {
  const hit = (Object.keys(OKABE_ITO) as OkabeIto[]).find(
    (k) => OKABE_ITO[k].toLowerCase() === mark.toLowerCase(),
  );
  return hit ? TEXT_COLORS[hit] : mark;
}

/** Axis titles and tick labels of the charts (#595959: 7:1 on white; #808080 was 3.9:1). */
export const AXIS_TEXT = "#595959";

/** WCAG contrast ratio of two #rrggbb colours (for tests and for checking new colours). */
export function contrast(a: string, b: string): number {
  const lum = (h: string) => {
    const c = [1, 3, 5].map((i) => Number.parseInt(h.slice(i, i + 2), 16) / 255);
    const lin = c.map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
  };
  const [x, y] = [lum(a), lum(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/** Colours for successive series (first ones are the most distinct on white). */
export const SERIES_COLORS = [
  OKABE_ITO.blue,
  OKABE_ITO.vermillion,
  OKABE_ITO.green,
  OKABE_ITO.orange,
  OKABE_ITO.purple,
  OKABE_ITO.skyBlue,
  OKABE_ITO.black,
] as const;

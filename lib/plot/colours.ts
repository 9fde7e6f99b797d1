/**
 * One colour per series name across a report: a registry that gives each name the next colour of a fixed
 * palette the first time any chart of the process (a notebook's kernel) uses it, and the same colour in
 * every later chart. A notebook can pin the order up front with `registerSeries`.
 */

/** Observable's ten categorical colours, in their fixed order, then ten darker companions. */
export const PALETTE: readonly string[] = [
  "#4269d0",
  "#efb118",
  "#ff725c",
  "#6cc5b0",
  "#3ca951",
  "#ff8ab7",
  "#a463f2",
  "#97bbf5",
  "#9c6b4e",
  "#9498a0",
  "#1f3f8f",
  "#a37400",
  "#c2361f",
  "#2e8a75",
  "#1e6b2e",
  "#c2467a",
  "#6a2fb3",
  "#4f78c4",
  "#5e3b28",
  "#5b5f66",
];

const assigned = new Map<string, string>();

/** The key a series value is registered under: numbers and strings with the same text share a colour. */
const keyOf = (name: unknown) => String(name);

/** The colour of a series name, assigning the next palette colour on first use. */
export function colourOf(name: unknown): string {
  const key = keyOf(name);
  let colour = assigned.get(key);
  if (colour === undefined) {
    colour = PALETTE[assigned.size % PALETTE.length];
    assigned.set(key, colour);
  }
  return colour;
}

/** Assigns colours to these names in this order (names already seen keep theirs). */
export function registerSeries(names: Iterable<unknown>): void {
  for (const name of names) colourOf(name);
}

/** Forgets every assignment (for tests, or a fresh set of charts). */
export function resetColours(): void {
  assigned.clear();
}

/** Distinct values in order of first appearance. */
export function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/**
 * An ordinal Plot colour scale for these series values, each coloured by the registry, with a legend titled
 * `label`. `order` (optional) fixes the legend order and is registered first.
 */
export function seriesScale(
  label: string,
  values: Iterable<unknown>,
  o: { order?: readonly unknown[]; legend?: boolean } = {},
) {
  const seen = distinct(values);
  if (o.order) registerSeries(o.order);
  const domain = o.order ? distinct([...o.order, ...seen]) : seen;
  // An ordinal domain matches values by identity: keep the data's own values (numbers stay numbers).
  return {
    label,
    legend: o.legend ?? true,
    type: "ordinal",
    domain,
    range: domain.map(colourOf),
  } as const;
}

/** sRGB relative luminance (WCAG) of "#rgb", "#rrggbb" or "rgb(r, g, b)"; NaN when unparsed. */
export function luminance(colour: string): number {
  const c = colour.trim().toLowerCase();
  let rgb: number[] | undefined;
  const hex = c.match(/^#([0-9a-f]{3}|[0-9a-f]{6})$/);
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((d) => d + d).join("") : hex[1];
    rgb = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
  } else {
    const m = c.match(/^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/);
    if (m) rgb = [m[1], m[2], m[3]].map(Number);
  }
  if (!rgb) return NaN;
  const [r, g, b] = rgb.map((v) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Black or white, whichever contrasts more with the background colour (WCAG contrast ratio). */
export function textColourOn(background: string): "black" | "white" {
  const l = luminance(background);
  if (Number.isNaN(l)) return "black";
  // Contrast with black (l + 0.05) / 0.05 against white 1.05 / (l + 0.05): equal at l ≈ 0.179.
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? "black" : "white";
}

/**
 * Reading a rendered report's captioned charts and tables with the CSV attached to each, for the caption
 * checks (tests/report/captions.ts): charts name their CSV's columns by their axes, tables by their data's
 * names.
 */
import { assertEquals, assertStringIncludes } from "@std/assert";
import { parseHTML } from "linkedom";
import { formatNumber } from "@lib/analysis/format.ts";

/** A chart or table of a rendered report: its caption and its attached CSV, parsed. */
export interface Captioned {
  readonly caption: string;
  readonly header: string[];
  readonly rows: string[][];
}

/** Splits one CSV line (fields may be quoted, with "" for a quote). */
function csvLine(line: string): string[] {
  const out: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (field += '"', i++);
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") (out.push(field), field = "");
    else field += ch;
  }
  out.push(field);
  return out;
}

// A report is read for many captions: parse it once.
let parsed: { html: string; document: Document } | undefined;
function documentOf(html: string): Document {
  if (parsed?.html !== html) parsed = { html, document: parseHTML(html).document as unknown as Document };
  return parsed.document;
}

/** The figure or table of the page titled `title` (or the first whose title starts so), and its caption. */
function unitTitled(html: string, title: string): { unit: Element; caption: string } {
  const document = documentOf(html);
  const units = [...document.querySelectorAll("figure, .data-table")];
  const heading = (u: Element) => u.querySelector("h2, caption")?.textContent?.trim() ?? "";
  // A title that is whole wins over one that only begins another ("Market saturation over time").
  const unit = units.find((u) => heading(u) === title) ?? units.find((u) => heading(u).startsWith(title));
  if (!unit) throw new Error(`no chart or table titled '${title}'`);
  const caption = (unit.querySelector("figcaption") ?? unit.querySelector("caption"))!.textContent!
    .replace(/\s+/g, " ").trim();
  return { unit: unit as Element, caption };
}

/** The caption of the chart or table titled `title`, for one whose data are too large to be attached. */
export const captionOf = (html: string, title: string): string => unitTitled(html, title).caption;

/** The first figure or table of the page whose title or caption starts with `title`, with its CSV. */
export function captioned(html: string, title: string): Captioned {
  const { unit, caption } = unitTitled(html, title);
  const link = (unit.querySelector("a.csv-download") ??
    unit.parentElement?.querySelector("a.csv-download")) as Element | null;
  const href = link?.getAttribute("href") ?? "";
  if (!href.startsWith("data:text/csv;base64,")) throw new Error(`'${title}' has no CSV attached`);
  const bytes = Uint8Array.from(atob(href.slice("data:text/csv;base64,".length)), (c) => c.charCodeAt(0));
  const [header, ...rows] = new TextDecoder().decode(bytes).trim().split("\n").map(csvLine);
  return { caption, header, rows };
}

export const column = (c: Captioned, name: string): string[] => {
  const i = c.header.indexOf(name);
  if (i < 0) throw new Error(`no column '${name}' in ${c.header.join(", ")}`);
  return c.rows.map((r) => r[i]);
};
export const num = (x: number, digits = 3) => formatNumber(x, { digits });

/** The robustness chart: one bar per verdict with a spread, as many as its caption counts. */
export function checkRobustness(html: string) {
  const chart = captioned(html, "How far each verdict is from flipping");
  assertStringIncludes(chart.caption, `Margin of each of ${chart.rows.length} verdicts with a spread`);
  const margins = column(chart, "margin (spreads)").map(Number);
  const smallest = chart.caption.match(/the smallest margin is ([\d.]+)/);
  if (smallest) assertEquals(smallest[1], num(Math.min(...margins), 2));
}

/** A fraction as the captions print it: `digits` significant digits of the percentage. */
export const pct = (x: number, digits = 3) => `${formatNumber(100 * x, { digits })}%`;

/** One point of a chart's line or band, from its CSV: x, y (lines) or the band's low and high. */
export interface ChartPoint {
  readonly x: number;
  readonly y: number;
  readonly lo: number;
  readonly hi: number;
}

/**
 * The points of one series of a chart (its marks of every kind), in the CSV's order. A chart's CSV has the
 * columns mark, series, x, y, band low, band high; charts with a single line name their series too.
 */
export function seriesOf(c: Captioned, name: string): ChartPoint[] {
  const rows = c.rows.filter((r) => r[1] === name);
  if (rows.length === 0) {
    throw new Error(`no series '${name}' in ${[...new Set(c.rows.map((r) => r[1]))].join(", ")}`);
  }
  const n = (s: string) => (s === "" ? NaN : Number(s));
  return rows.map((r) => ({ x: n(r[2]), y: n(r[3]), lo: n(r[4]), hi: n(r[5]) }));
}

/** The y of a series' line at x (the point must be in the CSV; a band's rows have no y). */
export function yAt(points: readonly ChartPoint[], x: number): number {
  const p = points.find((q) => q.x === x && Number.isFinite(q.y));
  if (!p) throw new Error(`no point at x = ${x}`);
  return p.y;
}

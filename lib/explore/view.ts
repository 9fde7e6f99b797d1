/**
 * What an explorer shows of its runs: one chart per main output (median and 5–95 % band over runs, each
 * setting in its colour, redrawn with Observable Plot) and a table of every output's final-step median,
 * each cell carrying `data-metric`, `data-setting` and its full-precision `data-value`, so that a reader or
 * a test can set it beside the command line's numbers.
 */
import * as Plot from "@observablehq/plot";
import { formatNumber } from "../analysis/format.ts";
import { PALETTE } from "../plot/colours.ts";
import { el, fill } from "./dom.ts";
import type { SettingSummary } from "./summary.ts";

/** The settings' names as charts and table show them, in order. */
export const SETTING_NAMES = ["this setting", "compare with"] as const;
const COLOURS = [PALETTE[0], PALETTE[2]];

export interface Drawn {
  readonly summaries: readonly SettingSummary[];
  /** Names of the parameters the compare setting changes, for the legend. */
  readonly changed: readonly string[];
  readonly timeUnit: string;
  readonly charts: readonly string[];
}

/** Axis numbers in a few characters (600T, 2.5K, 0.05), so that any magnitude fits the margin. */
const COMPACT = new Intl.NumberFormat("en-US", { notation: "compact", maximumSignificantDigits: 3 });

/** Every setting's band points of every charted column, as rows for Plot. */
function bandRows(drawn: Drawn) {
  const names = SETTING_NAMES.slice(0, drawn.summaries.length);
  return drawn.summaries.flatMap((s, i) =>
    Object.entries(s.bands).flatMap(([column, points]) =>
      points.map((p) => ({ ...p, column, setting: names[i] }))
    )
  );
}

/** The charted columns the summaries hold. */
export const chartedColumns = (drawn: Drawn) => drawn.charts.filter((c) => drawn.summaries[0].bands[c]);

/**
 * One output's chart: each setting's median as a line and its 5–95 % band as an area, `width` pixels
 * wide; in `doc` (the page's, or a server-side one for a static copy).
 */
export function plotChart(drawn: Drawn, column: string, width: number, doc: Document = document): Element {
  const names = SETTING_NAMES.slice(0, drawn.summaries.length);
  const data = bandRows(drawn).filter((r) => r.column === column);
  return Plot.plot({
    document: doc,
    width,
    height: Math.round(width * 0.6),
    marginLeft: 60,
    style: { fontSize: "12px" },
    x: { label: drawn.timeUnit, grid: true },
    y: { label: column, grid: true, nice: true, tickFormat: (d: number) => COMPACT.format(d) },
    color: { domain: [...names], range: COLOURS.slice(0, names.length) },
    marks: [
      Plot.areaY(data, {
        x: "step",
        y1: "lo",
        y2: "hi",
        fill: "setting",
        fillOpacity: 0.18,
        curve: "linear",
      }),
      Plot.lineY(data, { x: "step", y: "mid", stroke: "setting", strokeWidth: 1.6, curve: "linear" }),
    ],
  });
}

/** The charts, into `target`, `width` pixels wide each. */
export function drawCharts(target: Element, drawn: Drawn, width: number): void {
  const figures = chartedColumns(drawn).map((column) =>
    el("figure", { "data-chart": column }, el("figcaption", {}, column), plotChart(drawn, column, width))
  );
  fill(target, ...figures);
}

/** The legend: each setting's colour and what it is. */
export function legend(drawn: Drawn): HTMLElement {
  return el(
    "p",
    { class: "legend" },
    ...drawn.summaries.map((s, i) =>
      el(
        "span",
        {},
        el("span", { class: "swatch", style: `background:${COLOURS[i]}` }),
        `${SETTING_NAMES[i]}${
          i === 1 ? ` (${drawn.changed.join(", ")} changed)` : ""
        }: median of ${s.runs} runs, band 5–95 %`,
      )
    ),
  );
}

const cell = (metric: string, setting: string, value: number) =>
  el(
    "td",
    { "data-metric": metric, "data-setting": setting, "data-value": String(value) },
    formatNumber(value, { digits: 4 }),
  );

/** The table of final-step medians: one row per output, one column per setting (and their difference). */
export function finalTable(drawn: Drawn): HTMLElement {
  const [a, b] = drawn.summaries;
  const header = el(
    "tr",
    {},
    el("th", {}, "output"),
    el("th", {}, `${SETTING_NAMES[0]}`),
    b && el("th", {}, SETTING_NAMES[1]),
    b && el("th", {}, "difference"),
  );
  const body = Object.keys(a.final).map((metric) =>
    el(
      "tr",
      {},
      el("th", { scope: "row" }, el("code", {}, metric)),
      cell(metric, "a", a.final[metric]),
      b && cell(metric, "b", b.final[metric]),
      b && cell(metric, "difference", b.final[metric] - a.final[metric]),
    )
  );
  return el(
    "div",
    { class: "table-scroll" },
    el(
      "table",
      { class: "final" },
      el("caption", {}, `Median over runs at the final step (${drawn.timeUnit} ${a.finalStep})`),
      el("thead", {}, header),
      el("tbody", {}, ...body),
    ),
  );
}

/**
 * The chart kinds the notebooks use, each a thin layer over Observable Plot with the labelling a reader
 * of a rendered report needs: a title, axis labels with units, and a caption saying what it shows.
 */
import * as Plot from "@observablehq/plot";
import { median } from "../analysis/quantiles.ts";
import { formatNumber, formatPercent } from "../analysis/format.ts";
import { colourOf, distinct, seriesScale, textColourOn } from "./colours.ts";
import { Chart, document, finishChart, MIN_FONT_PX } from "./dom.ts";

/** What every chart states about itself. */
export interface Labels {
  readonly title: string;
  /** One or two sentences under the chart saying what it shows. */
  readonly caption: string;
  /** Axis labels, with units, e.g. "month" or "price (USD/HNY)". */
  readonly x: string;
  readonly y: string;
  /** Units appended to the axis labels in brackets ("price" + "USD/HNY" → "price (USD/HNY)"). */
  readonly xUnit?: string;
  readonly yUnit?: string;
  readonly width?: number;
  readonly height?: number;
}

type Row = Record<string, unknown>;

/** A colour scale for named series, with a legend: one palette for every chart of the project. With the
 * series' values, each name takes its colour from the registry (colours.ts), the same in every chart. */
export function seriesColour(label: string, values?: Iterable<unknown>, order?: readonly unknown[]) {
  if (values !== undefined) return seriesScale(label, values, { order });
  return { label, legend: true, type: "ordinal", scheme: "observable10" } as const;
}

/** "label (unit)", unless the label already ends with that unit in brackets or no unit is given. */
export function withUnit(label: string, unit?: string): string {
  if (!unit) return label;
  return label.trimEnd().endsWith(`(${unit})`) ? label : `${label} (${unit})`;
}

/** The options every chart shares: the document to draw in, its labels and its size (defaults given). */
/** Widest left margin a bar chart gives its category labels; longer labels are cut (Plot adds "…"). */
const MAX_BAR_LABEL_PX = 360;

export function chartFrame(o: Labels, height: number, width = 640) {
  return {
    document,
    title: o.title,
    caption: o.caption,
    width: o.width ?? width,
    height: o.height ?? height,
    marginLeft: 70,
    // Room under the x tick labels for the axis label at 12 px.
    marginBottom: 40,
    // Plot writes 10 px; finishChart raises any text left below MIN_FONT_PX (legends, marks' own sizes).
    style: { fontSize: `${MIN_FONT_PX}px` },
  };
}

/** The axis labels of a chart with their units appended (`xUnit`, `yUnit`). */
export function axes(o: Labels): { x: string; y: string } {
  return { x: withUnit(o.x, o.xUnit), y: withUnit(o.y, o.yUnit) };
}

/** A value as a tooltip shows it: numbers to 4 significant digits with separators, "—" when missing. */
export function tipValue(v: unknown): string {
  if (typeof v === "number" || typeof v === "bigint") return formatNumber(v, { digits: 4 });
  if (v === null || v === undefined) return "—";
  return String(v);
}

/** A tooltip (an SVG <title>) listing label: value pairs of a row. */
export function tip(pairs: readonly (readonly [string, string | undefined])[]): (d: Row) => string {
  const present = pairs.filter((p): p is [string, string] => p[1] !== undefined);
  return (d: Row) => present.map(([label, key]) => `${label}: ${tipValue(d[key])}`).join("\n");
}

/** At most this many invisible hover points per chart carry a line's per-point tooltips (page size). */
export const MAX_HOVER_POINTS = 200;

/** Every k-th row, so that at most `max` remain. */
export function thin<T>(rows: readonly T[], max = MAX_HOVER_POINTS): T[] {
  if (rows.length <= max) return [...rows];
  const k = Math.ceil(rows.length / max);
  return rows.filter((_, i) => i % k === 0);
}

/** Transparent dots that show a tooltip for the points of a line on hover. */
export function hoverDots(
  data: readonly Row[],
  o: Plot.DotOptions & { title: (d: Row) => string },
): Plot.Dot {
  return Plot.dot(thin(data), { r: 4, fill: "white", fillOpacity: 0, stroke: null, ...o });
}

/** One row of a Monte Carlo band: the median and a quantile range of a variable at one time. */
export interface BandRow {
  readonly t: number;
  readonly median: number;
  readonly lo: number;
  readonly hi: number;
  /** Facet row value (e.g. a swept parameter), when facetted. */
  readonly facet?: string | number;
  /** Facet column value, for a grid of small multiples. */
  readonly facetX?: string | number;
}

export interface HeatmapOptions extends Labels {
  readonly data: readonly Row[];
  /** Column names of the two swept parameters and the value shown as colour. */
  readonly xKey: string;
  readonly yKey: string;
  readonly valueKey: string;
  /** Legend label (the unit is appended from `unit`). */
  readonly legend: string;
  /** Unit of the cell values, shown in the legend's label so legend and cells read in the same unit. */
  readonly unit?: string;
  /** Values are fractions: legend ticks and the default cell text are percentages (legend unit "%"). */
  readonly percent?: boolean;
  /** Colour scheme (Observable Plot name); default "viridis". */
  readonly scheme?: Plot.ColorScheme;
  /**
   * Print each cell's value in it, formatted by this function, or with `true` in the legend's format
   * (3 significant digits, or a percentage with `percent`). The text is black or white by the cell's
   * luminance.
   */
  readonly cellText?: ((value: number) => string) | boolean;
  /** Colour domain; default: the data's extent. */
  readonly domain?: readonly [number, number];
  /** Column of a third parameter: one heatmap per value, side by side. */
  readonly facetKey?: string;
  readonly facetLabel?: string;
}

/** A band axis tick: parameter values as typed (float noise such as 0.30000000000000004 rounded away). */
const bandTick = (v: unknown) => (typeof v === "number" ? formatNumber(v, { digits: 10 }) : String(v));

const finite = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/**
 * A heatmap over a two-parameter sweep: one cell per (x, y) pair, value as colour, with a legend labelled
 * in the cells' unit, a tooltip per cell and cell text readable on every colour. Text values (categories)
 * take series colours from the registry.
 */
export function heatmap(o: HeatmapOptions): Chart {
  const fx = o.facetKey;
  const { x, y } = axes(o);
  const legend = withUnit(o.legend, o.unit ?? (o.percent ? "%" : undefined));
  const values = o.data.map((d) => d[o.valueKey]);
  const categorical = values.some((v) => typeof v === "string");
  const numbers = values.filter(finite);
  const domain: [number, number] = o.domain
    ? [o.domain[0], o.domain[1]]
    : [Math.min(...numbers, Infinity), Math.max(...numbers, -Infinity)];
  const scale = Math.max(Math.abs(domain[0]), Math.abs(domain[1]), 0);
  const show = (v: number) =>
    o.percent ? formatPercent(v, { digits: 3, scale }) : formatNumber(v, { digits: 3, scale });
  const scheme = o.scheme ?? "viridis";
  // The plot's colour scale, built from the same options, gives each cell's colour for its text.
  const ramp = !categorical && numbers.length > 0
    ? Plot.scale({ color: { type: "quantize", n: 9, scheme, domain } })
    : undefined;
  const thresholds = ramp ? [...(ramp.range ?? [])].length - 1 : 0;
  // A continuous ramp legend needs a canvas, which has no server-side equivalent here; nine
  // quantized colours keep the legend drawable in plain SVG.
  const color = categorical ? seriesScale(legend, values) : {
    type: "quantize",
    n: 9,
    label: legend,
    legend: true,
    // Quantize legends label every threshold: room for them at 12 px, and every other one when many.
    width: 420,
    tickFormat: (v: number, i: number) => (thresholds > 7 && i % 2 === 1 ? "" : show(v)),
    scheme,
    ...(numbers.length > 0 || o.domain ? { domain } : {}),
  } as const;
  const colourOfValue = (v: unknown): string | undefined => {
    if (categorical) return typeof v === "string" ? colourOf(v) : undefined;
    return ramp && finite(v) ? ramp.apply(v) as string : undefined;
  };
  const title = tip([[o.facetLabel ?? fx ?? "", fx], [x, o.xKey], [y, o.yKey], [legend, o.valueKey]]);
  const marks: Plot.Markish[] = [
    Plot.cell(o.data, { x: o.xKey, y: o.yKey, fx, fill: o.valueKey, inset: 0.5, title }),
  ];
  if (o.cellText) {
    const format = typeof o.cellText === "function" ? o.cellText : show;
    const text = (d: Row) => {
      const v = d[o.valueKey];
      return finite(v) ? format(v) : typeof v === "string" ? v : "—";
    };
    marks.push(Plot.text(o.data, {
      x: o.xKey,
      y: o.yKey,
      fx,
      text,
      fill: (d: Row) => {
        const c = colourOfValue(d[o.valueKey]);
        return c === undefined ? "black" : textColourOn(c);
      },
      fontSize: MIN_FONT_PX,
      title,
    }));
  }
  const plot = Plot.plot({
    ...chartFrame(o, 420),
    padding: 0,
    x: { label: x, type: "band", tickFormat: bandTick, tickRotate: fx ? -90 : 0 },
    y: { label: y, type: "band", reverse: true, tickFormat: bandTick },
    fx: fx ? { label: o.facetLabel ?? fx } : undefined,
    marginBottom: fx ? 80 : 40,
    // Room for the facet label above the panels' own labels.
    marginTop: fx ? 40 : 20,
    color: color as Plot.ScaleOptions,
    marks,
  }) as unknown as Element;
  const columns: Record<string, string> = {};
  if (fx) columns[fx] = o.facetLabel ?? fx;
  Object.assign(columns, { [o.xKey]: x, [o.yKey]: y, [o.valueKey]: legend });
  return finishChart(plot, { name: o.title, rows: o.data, columns });
}

export interface BandOptions extends Labels {
  readonly data: readonly BandRow[];
  /** Describes the band, e.g. "10–90% of 10 runs", for the legend text. */
  readonly bandLabel: string;
  /** Label of the facet rows and columns, with units. */
  readonly facetLabel?: string;
  readonly facetXLabel?: string;
  readonly yType?: "linear" | "log" | "symlog";
  /** Fixed y range, e.g. [0, 1] for shares; default: the data's extent. */
  readonly yDomain?: readonly [number, number];
  /** Series name of the variable: its colour comes from the registry, as in every other chart. */
  readonly series?: string;
}

/** Monte Carlo band: the median line over a shaded quantile band per timestep, optionally facetted. */
export function bandChart(o: BandOptions): Chart {
  const facetted = o.data.some((d) => d.facet !== undefined);
  const fy = facetted ? "facet" : undefined;
  const fx = o.data.some((d) => d.facetX !== undefined) ? "facetX" : undefined;
  const { x, y } = axes(o);
  const colour = o.series !== undefined ? colourOf(o.series) : "steelblue";
  const pairs: [string, string | undefined][] = [
    [o.facetLabel ?? "facet", fy],
    [o.facetXLabel ?? "facet", fx],
    [x, "t"],
    [`median ${y}`, "median"],
    [`${o.bandLabel}: low`, "lo"],
    [`${o.bandLabel}: high`, "hi"],
  ];
  const title = tip(pairs);
  const plot = Plot.plot({
    ...chartFrame(o, facetted ? 120 * new Set(o.data.map((d) => d.facet)).size + 60 : 320),
    subtitle: `Line: median; band: ${o.bandLabel}.`,
    // Room for facet labels such as scenario names.
    marginRight: facetted ? 150 : 20,
    x: { label: x },
    y: {
      label: y,
      grid: true,
      type: o.yType ?? "linear",
      ...(o.yDomain ? { domain: [...o.yDomain] } : {}),
    },
    fy: facetted ? { label: o.facetLabel ?? null } : undefined,
    fx: fx ? { label: o.facetXLabel ?? null } : undefined,
    marks: [
      Plot.frame({ stroke: "#ddd" }),
      Plot.areaY(o.data, {
        x: "t",
        y1: "lo",
        y2: "hi",
        fy,
        fx,
        fill: colour,
        fillOpacity: 0.25,
        title: () => `${o.series ?? y}: ${o.bandLabel}`,
      }),
      Plot.lineY(o.data, {
        x: "t",
        y: "median",
        fy,
        fx,
        stroke: colour,
        strokeWidth: 1.5,
        title: () => `${o.series ?? y}: median`,
      }),
      hoverDots(o.data as unknown as Row[], { x: "t", y: "median", fy, fx, title }),
    ],
  }) as unknown as Element;
  const columns = Object.fromEntries(
    pairs.filter((p) => p[1] !== undefined).map(([label, key]) => [key, label]),
  );
  return finishChart(plot, { name: o.title, rows: o.data as unknown as Row[], columns });
}

export interface LineOptions extends Labels {
  readonly data: readonly Row[];
  readonly xKey: string;
  readonly yKey: string;
  /** Column distinguishing the lines (colour), with a legend. */
  readonly seriesKey?: string;
  readonly seriesLabel?: string;
  /** Legend order of the series (registered first, so they take palette colours in this order). */
  readonly seriesOrder?: readonly unknown[];
  readonly yType?: "linear" | "log" | "symlog";
  /** A log x axis, for a power law drawn against a quantity spanning decades. */
  readonly xType?: "linear" | "log";
  /** Dashed horizontal reference lines at these y values. */
  readonly rules?: readonly number[];
}

/** Lines of y over x, one per series. */
export function lineChart(o: LineOptions): Chart {
  const series = o.seriesKey;
  const { x, y } = axes(o);
  const seriesLabel = o.seriesLabel ?? series ?? "series";
  const title = tip([[seriesLabel, series], [x, o.xKey], [y, o.yKey]]);
  const plot = Plot.plot({
    ...chartFrame(o, 320),
    x: { label: x, type: o.xType ?? "linear" },
    y: { label: y, grid: true, type: o.yType ?? "linear" },
    color: series ? seriesColour(seriesLabel, o.data.map((d) => d[series]), o.seriesOrder) : undefined,
    marks: [
      ...(o.rules ?? []).map((r) =>
        Plot.ruleY([r], { stroke: "gray", strokeDasharray: "4 3", title: () => `${y}: ${tipValue(r)}` })
      ),
      Plot.lineY(o.data, {
        x: o.xKey,
        y: o.yKey,
        stroke: series ?? "steelblue",
        z: series,
        strokeWidth: 1.5,
        title: series ? (d: Row) => `${seriesLabel}: ${tipValue(d[series])}` : () => y,
      }),
      hoverDots(o.data, { x: o.xKey, y: o.yKey, title }),
    ],
  }) as unknown as Element;
  const columns: Record<string, string> = {};
  if (series) columns[series] = seriesLabel;
  Object.assign(columns, { [o.xKey]: x, [o.yKey]: y });
  return finishChart(plot, { name: o.title, rows: o.data, columns });
}

export interface BarOptions extends Labels {
  readonly data: readonly Row[];
  /** Category column (one bar group per value) and value column. */
  readonly categoryKey: string;
  readonly valueKey: string;
  /** Column distinguishing bars within a group (side by side, coloured, with a legend). */
  readonly seriesKey?: string;
  readonly seriesLabel?: string;
  readonly seriesOrder?: readonly unknown[];
}

/** Horizontal bars per category, optionally grouped by a series (one row of bars per category). */
export function barChart(o: BarOptions): Chart {
  const series = o.seriesKey;
  const { x, y } = axes(o);
  const seriesLabel = o.seriesLabel ?? series ?? "series";
  const categories = distinct(o.data.map((d) => d[o.categoryKey])) as string[];
  const perGroup = series ? new Set(o.data.map((d) => d[series])).size : 1;
  const title = tip([[y, o.categoryKey], [seriesLabel, series], [x, o.valueKey]]);
  const bars = series
    ? Plot.barX(o.data, { x: o.valueKey, y: series, fy: o.categoryKey, fill: series, title })
    : Plot.barX(o.data, { x: o.valueKey, y: o.categoryKey, fill: "steelblue", title });
  // Room on the left for the longest category label at the chart's 12 px (about 7 px a character), so no
  // label is cut off; the plotting area keeps its width.
  const longest = Math.max(0, ...categories.map((c) => String(c).length));
  const marginLeft = Math.min(MAX_BAR_LABEL_PX, Math.max(80, Math.ceil(longest * 7) + 24));
  const plot = Plot.plot({
    ...chartFrame(o, 50 + categories.length * (perGroup * 18 + 10), 480 + marginLeft),
    marginLeft,
    x: { label: x, grid: true },
    y: series ? { axis: null } : { label: y, domain: categories },
    fy: series ? { label: y, domain: categories } : undefined,
    color: series ? seriesColour(seriesLabel, o.data.map((d) => d[series]), o.seriesOrder) : undefined,
    marks: [bars, Plot.ruleX([0])],
  }) as unknown as Element;
  const columns: Record<string, string> = { [o.categoryKey]: y };
  if (series) columns[series] = seriesLabel;
  columns[o.valueKey] = x;
  return finishChart(plot, { name: o.title, rows: o.data, columns });
}

export interface StripOptions extends Labels {
  readonly data: readonly Row[];
  /** Category column (one row of points each) and value column. */
  readonly categoryKey: string;
  readonly valueKey: string;
  /** Colour the dots by category with the series colours (default true), so a scenario looks the same here as in other charts. */
  readonly colourByCategory?: boolean;
}

/** One dot per observation along a row per category, with a tick at each category's median. */
export function stripChart(o: StripOptions): Chart {
  const { x, y } = axes(o);
  const categories = distinct(o.data.map((d) => d[o.categoryKey])) as string[];
  const byCategory = o.colourByCategory ?? true;
  const title = tip([[y, o.categoryKey], [x, o.valueKey]]);
  const plot = Plot.plot({
    ...chartFrame(o, 60 + categories.length * 36),
    marginLeft: 170,
    x: { label: x, grid: true },
    y: { label: y, domain: categories },
    // No legend: it would repeat the y axis.
    color: byCategory ? seriesScale(y, categories, { legend: false }) : undefined,
    marks: [
      Plot.dot(o.data, {
        x: o.valueKey,
        y: o.categoryKey,
        r: 2.5,
        fill: byCategory ? o.categoryKey : "steelblue",
        fillOpacity: 0.5,
        title,
      }),
      Plot.tickX(
        o.data,
        Plot.groupY({ x: "median", title: (v: readonly number[]) => `median: ${tipValue(median(v))}` }, {
          x: o.valueKey,
          y: o.categoryKey,
          title: o.valueKey,
          stroke: "black",
          strokeWidth: 2,
        }),
      ),
    ],
  }) as unknown as Element;
  return finishChart(plot, { name: o.title, rows: o.data, columns: { [o.categoryKey]: y, [o.valueKey]: x } });
}

export interface NetworkOptions extends Labels {
  /** Nodes with a position and a group (colour). */
  readonly nodes: readonly { id: number; x: number; y: number; group: string }[];
  /** Edges between node ids. */
  readonly edges: readonly { source: number; target: number }[];
  readonly groupLabel: string;
}

/** A directed graph drawn at given node positions: arrows from source to target, dots coloured by group. */
export function networkChart(o: NetworkOptions): Chart {
  const { x, y } = axes(o);
  const at = new Map(o.nodes.map((n) => [n.id, n]));
  const kept = o.edges.filter((e) => at.has(e.source) && at.has(e.target));
  const links = kept.map((e) => ({
    x1: at.get(e.source)!.x,
    y1: at.get(e.source)!.y,
    x2: at.get(e.target)!.x,
    y2: at.get(e.target)!.y,
    title: `${e.source} → ${e.target}`,
  }));
  const parents = new Map<number, number[]>();
  for (const e of kept) parents.set(e.target, [...(parents.get(e.target) ?? []), e.source]);
  const nodes = o.nodes.map((n) => ({ ...n, parents: (parents.get(n.id) ?? []).join(" ") }));
  const plot = Plot.plot({
    ...chartFrame(o, 420),
    x: { label: x },
    y: { label: y },
    color: seriesColour(o.groupLabel, o.nodes.map((n) => n.group)),
    marks: [
      Plot.arrow(links, {
        x1: "x1",
        y1: "y1",
        x2: "x2",
        y2: "y2",
        stroke: "#999",
        strokeOpacity: 0.6,
        headLength: 5,
        insetEnd: 3,
        title: "title",
      }),
      Plot.dot(nodes, {
        x: "x",
        y: "y",
        fill: "group",
        r: 3.5,
        title: (n: Row) =>
          `node ${n.id} (${n.group})\n${x}: ${tipValue(n.x)}\n${y}: ${tipValue(n.y)}` +
          (n.parents ? `\nparents: ${n.parents}` : ""),
      }),
    ],
  }) as unknown as Element;
  return finishChart(plot, {
    name: o.title,
    rows: nodes,
    columns: { id: "node", group: o.groupLabel, x, y, parents: "parents (node ids, space-separated)" },
  });
}

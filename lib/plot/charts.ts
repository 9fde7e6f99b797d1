/**
 * The chart kinds the notebooks use, each a thin layer over Observable Plot with the labelling a reader
 * of a rendered report needs: a title, axis labels with units, and a caption saying what it shows.
 */
import * as Plot from "@observablehq/plot";
import { Chart, document } from "./dom.ts";

/** What every chart states about itself. */
export interface Labels {
  readonly title: string;
  /** One or two sentences under the chart saying what it shows. */
  readonly caption: string;
  /** Axis labels, with units, e.g. "month" or "price (USD/HNY)". */
  readonly x: string;
  readonly y: string;
  readonly width?: number;
  readonly height?: number;
}

type Row = Record<string, unknown>;

/** A colour scale for named series, with a legend: one palette for every chart of the project. */
export function seriesColour(label: string) {
  return { label, legend: true, type: "ordinal", scheme: "observable10" } as const;
}

/** The options every chart shares: the document to draw in, its labels and its size (defaults given). */
export function chartFrame(o: Labels, height: number, width = 640) {
  return {
    document,
    title: o.title,
    caption: o.caption,
    width: o.width ?? width,
    height: o.height ?? height,
    marginLeft: 60,
  };
}

export interface HeatmapOptions extends Labels {
  readonly data: readonly Row[];
  /** Column names of the two swept parameters and the value shown as colour. */
  readonly xKey: string;
  readonly yKey: string;
  readonly valueKey: string;
  /** Legend label, with unit. */
  readonly legend: string;
  /** Colour scheme (Observable Plot name); default "viridis". */
  readonly scheme?: Plot.ColorScheme;
  /** Print each cell's value in it, formatted by this function. */
  readonly cellText?: (value: number) => string;
  /** Colour domain; default: the data's extent. */
  readonly domain?: readonly [number, number];
  /** Column of a third parameter: one heatmap per value, side by side. */
  readonly facetKey?: string;
  readonly facetLabel?: string;
}

/** A heatmap over a two-parameter sweep: one cell per (x, y) pair, value as colour, with a legend. */
export function heatmap(o: HeatmapOptions): Chart {
  const fx = o.facetKey;
  const marks: Plot.Markish[] = [
    Plot.cell(o.data, { x: o.xKey, y: o.yKey, fx, fill: o.valueKey, inset: 0.5 }),
  ];
  if (o.cellText) {
    const format = o.cellText;
    marks.push(Plot.text(o.data, {
      x: o.xKey,
      y: o.yKey,
      fx,
      text: (d: Row) => format(d[o.valueKey] as number),
      fill: "white",
      stroke: "black",
      strokeWidth: 2,
      paintOrder: "stroke",
      fontSize: 10,
    }));
  }
  return new Chart(Plot.plot({
    ...chartFrame(o, 420),
    padding: 0,
    x: { label: o.x, type: "band", tickFormat: (v: number) => String(v), tickRotate: fx ? -90 : 0 },
    y: { label: o.y, type: "band", reverse: true, tickFormat: (v: number) => String(v) },
    fx: fx ? { label: o.facetLabel ?? fx } : undefined,
    marginBottom: fx ? 70 : 30,
    // A continuous ramp legend needs a canvas, which has no server-side equivalent here; nine
    // quantized colours keep the legend drawable in plain SVG.
    color: {
      type: "quantize",
      n: 9,
      label: o.legend,
      legend: true,
      ticks: 5,
      tickFormat: "~g",
      scheme: o.scheme ?? "viridis",
      ...(o.domain ? { domain: [...o.domain] } : {}),
    },
    marks,
  }) as unknown as Element);
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
}

/** Monte Carlo band: the median line over a shaded quantile band per timestep, optionally facetted. */
export function bandChart(o: BandOptions): Chart {
  const facetted = o.data.some((d) => d.facet !== undefined);
  const fy = facetted ? "facet" : undefined;
  const fx = o.data.some((d) => d.facetX !== undefined) ? "facetX" : undefined;
  return new Chart(Plot.plot({
    ...chartFrame(o, facetted ? 120 * new Set(o.data.map((d) => d.facet)).size + 60 : 320),
    subtitle: `Line: median; band: ${o.bandLabel}.`,
    // Room for facet labels such as scenario names.
    marginRight: facetted ? 140 : 20,
    x: { label: o.x },
    y: {
      label: o.y,
      grid: true,
      type: o.yType ?? "linear",
      ...(o.yDomain ? { domain: [...o.yDomain] } : {}),
    },
    fy: facetted ? { label: o.facetLabel ?? null } : undefined,
    fx: fx ? { label: o.facetXLabel ?? null } : undefined,
    marks: [
      Plot.frame({ stroke: "#ddd" }),
      Plot.areaY(o.data, { x: "t", y1: "lo", y2: "hi", fy, fx, fill: "steelblue", fillOpacity: 0.25 }),
      Plot.lineY(o.data, { x: "t", y: "median", fy, fx, stroke: "steelblue", strokeWidth: 1.5 }),
    ],
  }) as unknown as Element);
}

export interface LineOptions extends Labels {
  readonly data: readonly Row[];
  readonly xKey: string;
  readonly yKey: string;
  /** Column distinguishing the lines (colour), with a legend. */
  readonly seriesKey?: string;
  readonly seriesLabel?: string;
  readonly yType?: "linear" | "log" | "symlog";
  /** Dashed horizontal reference lines at these y values. */
  readonly rules?: readonly number[];
}

/** Lines of y over x, one per series. */
export function lineChart(o: LineOptions): Chart {
  const series = o.seriesKey;
  return new Chart(Plot.plot({
    ...chartFrame(o, 320),
    x: { label: o.x },
    y: { label: o.y, grid: true, type: o.yType ?? "linear" },
    color: series ? seriesColour(o.seriesLabel ?? series) : undefined,
    marks: [
      ...(o.rules ?? []).map((r) => Plot.ruleY([r], { stroke: "gray", strokeDasharray: "4 3" })),
      Plot.lineY(o.data, {
        x: o.xKey,
        y: o.yKey,
        stroke: series ?? "steelblue",
        z: series,
        strokeWidth: 1.5,
      }),
    ],
  }) as unknown as Element);
}

export interface BarOptions extends Labels {
  readonly data: readonly Row[];
  /** Category column (one bar group per value) and value column. */
  readonly categoryKey: string;
  readonly valueKey: string;
  /** Column distinguishing bars within a group (side by side, coloured, with a legend). */
  readonly seriesKey?: string;
  readonly seriesLabel?: string;
}

/** Horizontal bars per category, optionally grouped by a series (one row of bars per category). */
export function barChart(o: BarOptions): Chart {
  const series = o.seriesKey;
  const categories = [...new Set(o.data.map((d) => d[o.categoryKey]))] as string[];
  const perGroup = series ? new Set(o.data.map((d) => d[series])).size : 1;
  const bars = series
    ? Plot.barX(o.data, { x: o.valueKey, y: series, fy: o.categoryKey, fill: series })
    : Plot.barX(o.data, { x: o.valueKey, y: o.categoryKey, fill: "steelblue" });
  return new Chart(Plot.plot({
    ...chartFrame(o, 50 + categories.length * (perGroup * 16 + 10)),
    marginLeft: 140,
    x: { label: o.x, grid: true },
    y: series ? { axis: null } : { label: o.y, domain: categories },
    fy: series ? { label: o.y, domain: categories } : undefined,
    color: series ? seriesColour(o.seriesLabel ?? series) : undefined,
    marks: [bars, Plot.ruleX([0])],
  }) as unknown as Element);
}

export interface StripOptions extends Labels {
  readonly data: readonly Row[];
  /** Category column (one row of points each) and value column. */
  readonly categoryKey: string;
  readonly valueKey: string;
}

/** One dot per observation along a row per category, with a tick at each category's median. */
export function stripChart(o: StripOptions): Chart {
  const categories = [...new Set(o.data.map((d) => d[o.categoryKey]))] as string[];
  return new Chart(Plot.plot({
    ...chartFrame(o, 60 + categories.length * 36),
    marginLeft: 160,
    x: { label: o.x, grid: true },
    y: { label: o.y, domain: categories },
    marks: [
      Plot.dot(o.data, { x: o.valueKey, y: o.categoryKey, r: 2.5, fill: "steelblue", fillOpacity: 0.5 }),
      Plot.tickX(
        o.data,
        Plot.groupY({ x: "median" }, { x: o.valueKey, y: o.categoryKey, stroke: "black", strokeWidth: 2 }),
      ),
    ],
  }) as unknown as Element);
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
  const at = new Map(o.nodes.map((n) => [n.id, n]));
  const links = o.edges.filter((e) => at.has(e.source) && at.has(e.target)).map((e) => ({
    x1: at.get(e.source)!.x,
    y1: at.get(e.source)!.y,
    x2: at.get(e.target)!.x,
    y2: at.get(e.target)!.y,
  }));
  return new Chart(Plot.plot({
    ...chartFrame(o, 420),
    x: { label: o.x },
    y: { label: o.y },
    color: seriesColour(o.groupLabel),
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
      }),
      Plot.dot(o.nodes, { x: "x", y: "y", fill: "group", r: 3.5 }),
    ],
  }) as unknown as Element);
}

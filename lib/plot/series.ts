/**
 * A chart of several named series over one x axis: lines, Monte Carlo bands and stacked areas in any
 * mix, coloured by series name with one legend. For plots that set series against each other (a demand
 * line against a supply band, the parts of a supply stacked), which the single-variable band and line
 * charts of charts.ts do not draw.
 */
import * as Plot from "@observablehq/plot";
import { Chart, finishChart } from "./dom.ts";
import { axes, type BandRow, chartFrame, hoverDots, type Labels, tip, tipValue } from "./charts.ts";
import { seriesScale } from "./colours.ts";

/** One point of a named line, or of a named layer of the stacked areas. */
export interface SeriesPoint {
  readonly x: number;
  readonly y: number;
  readonly series: string;
}

/** One point of a named band (e.g. the 10–90% range of Monte Carlo runs). */
export interface BandPoint {
  readonly x: number;
  readonly lo: number;
  readonly hi: number;
  readonly series: string;
}

export interface SeriesOptions extends Labels {
  readonly lines?: readonly SeriesPoint[];
  readonly bands?: readonly BandPoint[];
  /** Layers stacked on one another, in the order of their first appearance. */
  readonly areas?: readonly SeriesPoint[];
  /** Legend title. */
  readonly seriesLabel?: string;
  /** Legend order of the series (registered first, so they take palette colours in this order). */
  readonly seriesOrder?: readonly string[];
  readonly yType?: "linear" | "log";
  /** Format y ticks as percentages (values are fractions). */
  readonly yPercent?: boolean;
  /** Dashed reference lines: horizontal at these y values, vertical at these x values. */
  readonly yRules?: readonly number[];
  readonly xRules?: readonly number[];
  /** Step lines (for schedules that change by jumps). */
  readonly step?: boolean;
}

/** Lines, bands and stacked areas of named series on shared axes, each series in its report-wide colour. */
export function seriesChart(o: SeriesOptions): Chart {
  const lines = o.lines ?? [];
  const bands = o.bands ?? [];
  const areas = o.areas ?? [];
  const names = [
    ...new Set([...(o.seriesOrder ?? []), ...[...areas, ...bands, ...lines].map((d) => d.series)]),
  ];
  const curve = o.step ? "step-after" : "linear";
  const { x, y } = axes(o);
  const seriesLabel = o.seriesLabel ?? "series";
  const rule = { stroke: "gray", strokeDasharray: "4 3" };
  const pointTip = tip([[seriesLabel, "series"], [x, "x"], [y, "y"]]);
  const bandTip = tip([[seriesLabel, "series"], [x, "x"], [`${y}, low`, "lo"], [`${y}, high`, "hi"]]);
  const format = (v: number) => (o.yPercent ? `${+(v * 100).toFixed(1)}%` : tipValue(v));
  const plot = Plot.plot({
    ...chartFrame(o, 320),
    x: { label: x },
    y: {
      label: y,
      grid: true,
      type: o.yType ?? "linear",
      // On a log axis a d3-format string keeps Plot's thinning of the labels and avoids SI prefixes
      // ("100m" for 0.1), which read as units.
      tickFormat: o.yPercent
        ? (v: number) => `${+(v * 100).toFixed(1)}%`
        : o.yType === "log"
        ? ",~g"
        : undefined,
    },
    color: seriesScale(seriesLabel, names, { legend: names.length > 1 }),
    marks: [
      ...(areas.length > 0
        ? [Plot.areaY(areas, {
          x: "x",
          y: "y",
          fill: "series",
          z: "series",
          order: names,
          fillOpacity: 0.8,
          title: (d: SeriesPoint) => d.series,
        })]
        : []),
      ...(bands.length > 0
        ? [Plot.areaY(bands, {
          x: "x",
          y1: "lo",
          y2: "hi",
          fill: "series",
          z: "series",
          fillOpacity: 0.25,
          title: (d: BandPoint) => `${d.series} (band)`,
        })]
        : []),
      ...(lines.length > 0
        ? [Plot.lineY(lines, {
          x: "x",
          y: "y",
          stroke: "series",
          z: "series",
          strokeWidth: 1.5,
          curve,
          title: (d: SeriesPoint) => d.series,
        })]
        : []),
      ...(o.yRules ?? []).map((r) => Plot.ruleY([r], { ...rule, title: () => `${y}: ${format(r)}` })),
      ...(o.xRules ?? []).map((r) => Plot.ruleX([r], { ...rule, title: () => `${x}: ${tipValue(r)}` })),
      ...(lines.length > 0
        ? [hoverDots(lines as unknown as Record<string, unknown>[], { x: "x", y: "y", title: pointTip })]
        : []),
      ...(bands.length > 0 && lines.length === 0
        ? [hoverDots(bands as unknown as Record<string, unknown>[], { x: "x", y: "hi", title: bandTip })]
        : []),
    ],
  }) as unknown as Element;
  const rows = [
    ...areas.map((d) => ({ kind: "stacked area", ...d })),
    ...bands.map((d) => ({ kind: "band", ...d })),
    ...lines.map((d) => ({ kind: "line", ...d })),
  ];
  return finishChart(plot, {
    name: o.title,
    rows,
    columns: { kind: "mark", series: seriesLabel, x, y, lo: `${y}, band low`, hi: `${y}, band high` },
  });
}

/** Points of several columns of `rows` against column `x`, each column named as a series. */
export function pointsOf(
  rows: readonly Record<string, unknown>[],
  x: string,
  columns: Readonly<Record<string, string>>,
): SeriesPoint[] {
  return Object.entries(columns).flatMap(([column, series]) =>
    rows.map((r) => ({ x: r[x] as number, y: r[column] as number, series }))
  );
}

/** A Monte Carlo summary (see bands.ts) as one named band and its median line. */
export function bandSeries(
  rows: readonly BandRow[],
  series: string,
): { band: BandPoint[]; median: SeriesPoint[] } {
  return {
    band: rows.map((r) => ({ x: r.t, lo: r.lo, hi: r.hi, series })),
    median: rows.map((r) => ({ x: r.t, y: r.median, series })),
  };
}

/**
 * Lines in side-by-side panels sharing one y axis: one panel per value of a facet column (e.g. a model
 * variant), optionally several coloured series per panel (e.g. agent types), for comparisons the single
 * panel of `lineChart` cannot show.
 */
import * as Plot from "@observablehq/plot";
import { Chart, finishChart } from "./dom.ts";
import { axes, chartFrame, hoverDots, type Labels, seriesColour, tip, tipValue } from "./charts.ts";

type Row = Record<string, unknown>;

export interface FacetLineOptions extends Labels {
  readonly data: readonly Row[];
  readonly xKey: string;
  readonly yKey: string;
  /** Column whose values make the panels, left to right in `facetOrder` (default: first appearance). */
  readonly facetKey: string;
  readonly facetLabel?: string;
  readonly facetOrder?: readonly string[];
  /** Column distinguishing coloured lines inside a panel, with a legend. */
  readonly seriesKey?: string;
  readonly seriesLabel?: string;
  /** Legend order of the series (registered first, so they take palette colours in this order). */
  readonly seriesOrder?: readonly unknown[];
  readonly yType?: "linear" | "log" | "symlog";
  /** Explicit y ticks (e.g. for a symlog axis, whose default ticks crowd). */
  readonly yTicks?: readonly number[];
}

/** Side-by-side panels of lines over a shared y axis. */
export function facetLines(o: FacetLineOptions): Chart {
  const series = o.seriesKey;
  const { x, y } = axes(o);
  const seriesLabel = o.seriesLabel ?? series ?? "series";
  const facetLabel = o.facetLabel ?? o.facetKey;
  const panels = o.facetOrder ?? [...new Set(o.data.map((d) => String(d[o.facetKey])))];
  // Panels are matched as text, so numeric facet values fall into their panel.
  const data = o.data.map((d) => ({ ...d, [o.facetKey]: String(d[o.facetKey]) }));
  const title = tip([[facetLabel, o.facetKey], [seriesLabel, series], [x, o.xKey], [y, o.yKey]]);
  const plot = Plot.plot({
    ...chartFrame(o, 320, 900),
    x: { label: x },
    y: {
      label: y,
      grid: true,
      type: o.yType ?? "linear",
      ticks: o.yTicks ? [...o.yTicks] : undefined,
      tickFormat: o.yTicks ? (v: number) => v.toLocaleString("en-US") : o.yType === "log" ? ",~g" : undefined,
    },
    fx: { label: o.facetLabel ?? null, domain: panels },
    color: series ? seriesColour(seriesLabel, o.data.map((d) => d[series]), o.seriesOrder) : undefined,
    marks: [
      Plot.frame({ stroke: "#ddd" }),
      Plot.lineY(data, {
        x: o.xKey,
        y: o.yKey,
        fx: o.facetKey,
        stroke: series ?? "steelblue",
        z: series,
        strokeWidth: 1.3,
        title: series ? (d: Row) => `${seriesLabel}: ${tipValue(d[series])}` : () => y,
      }),
      hoverDots(data, { x: o.xKey, y: o.yKey, fx: o.facetKey, title }),
    ],
  }) as unknown as Element;
  const columns: Record<string, string> = { [o.facetKey]: facetLabel };
  if (series) columns[series] = seriesLabel;
  Object.assign(columns, { [o.xKey]: x, [o.yKey]: y });
  return finishChart(plot, { name: o.title, rows: o.data, columns });
}

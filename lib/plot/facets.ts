/**
 * Lines in side-by-side panels sharing one y axis: one panel per value of a facet column (e.g. a model
 * variant), optionally several coloured series per panel (e.g. agent types), for comparisons the single
 * panel of `lineChart` cannot show.
 */
import * as Plot from "@observablehq/plot";
import { Chart } from "./dom.ts";
import { chartFrame, type Labels, seriesColour } from "./charts.ts";

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
  readonly yType?: "linear" | "log" | "symlog";
  /** Explicit y ticks (e.g. for a symlog axis, whose default ticks crowd). */
  readonly yTicks?: readonly number[];
}

/** Side-by-side panels of lines over a shared y axis. */
export function facetLines(o: FacetLineOptions): Chart {
  const series = o.seriesKey;
  const panels = o.facetOrder ?? [...new Set(o.data.map((d) => String(d[o.facetKey])))];
  return new Chart(Plot.plot({
    ...chartFrame(o, 320, 900),
    x: { label: o.x },
    y: {
      label: o.y,
      grid: true,
      type: o.yType ?? "linear",
      ticks: o.yTicks ? [...o.yTicks] : undefined,
      tickFormat: o.yTicks ? (v: number) => v.toLocaleString("en-US") : o.yType === "log" ? ",~g" : undefined,
    },
    fx: { label: o.facetLabel ?? null, domain: panels },
    color: series ? seriesColour(o.seriesLabel ?? series) : undefined,
    marks: [
      Plot.frame({ stroke: "#ddd" }),
      Plot.lineY(o.data, {
        x: o.xKey,
        y: o.yKey,
        fx: o.facetKey,
        stroke: series ?? "steelblue",
        z: series,
        strokeWidth: 1.3,
      }),
    ],
  }) as unknown as Element);
}

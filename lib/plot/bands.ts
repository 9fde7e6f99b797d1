/**
 * Monte Carlo summaries for band charts: median and quantiles of a variable per timestep (and facet),
 * computed with Polars over the runs.
 */
import pl from "nodejs-polars";
import type { BandRow } from "./charts.ts";

export interface BandSpec {
  /** Time column, e.g. "timestep". */
  readonly time: string;
  /** Variable summarised over runs. */
  readonly value: string;
  /** Optional facet columns (e.g. swept parameters): rows, and columns of a grid. */
  readonly facet?: string;
  readonly facetX?: string;
  /** Lower and upper quantile of the band; default 0.1 and 0.9. */
  readonly lo?: number;
  readonly hi?: number;
}

/** Median and [lo, hi] quantiles of `value` per (facet, time), sorted by time. */
export function bands(frame: pl.DataFrame, spec: BandSpec): BandRow[] {
  const keys = [spec.facet, spec.facetX, spec.time].filter((k): k is string => k !== undefined);
  const v = pl.col(spec.value);
  const summary = frame.groupBy(keys).agg(
    v.median().alias("median"),
    v.quantile(spec.lo ?? 0.1, "linear").alias("lo"),
    v.quantile(spec.hi ?? 0.9, "linear").alias("hi"),
  ).sort(keys);
  return summary.toRecords().map((r) => ({
    t: r[spec.time] as number,
    median: r.median as number,
    lo: r.lo as number,
    hi: r.hi as number,
    ...(spec.facet ? { facet: r[spec.facet] as string | number } : {}),
    ...(spec.facetX ? { facetX: r[spec.facetX] as string | number } : {}),
  }));
}

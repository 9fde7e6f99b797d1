/**
 * The rows the dataDAO notebook's line charts draw, from the variants' timeseries: thinned to every few
 * steps (a 2000-step run has more points than a chart can show) and, where a chart draws several series,
 * in long form.
 */
import pl from "nodejs-polars";
import { AGENT_TYPES } from "./params.ts";

/** Rows of a timeseries every `every` steps, for line charts. */
export function thinned(timeseries: pl.DataFrame, every = 5): Record<string, unknown>[] {
  return timeseries.filter(pl.col("timestep").modulo(every).eq(0)).toRecords();
}

/** `<metric>_<type>` columns as long rows {variant, timestep, type, value}, every `every` steps. */
export function byType(
  timeseries: pl.DataFrame,
  metric: "count" | "avg_ddt" | "avg_xdai",
  every = 5,
): Record<string, unknown>[] {
  return thinned(timeseries, every).flatMap((r) =>
    AGENT_TYPES.map((type) => ({
      variant: r.variant,
      timestep: r.timestep,
      type,
      value: r[`${metric}_${type}`],
    }))
  );
}

/** Cumulative dDT minted and spent on compute, as long rows {variant, timestep, flow, value}. */
export function mintedVsSpent(timeseries: pl.DataFrame, every = 5): Record<string, unknown>[] {
  return thinned(timeseries, every).flatMap((r) => [
    { variant: r.variant, timestep: r.timestep, flow: "minted for data", value: r.ddt_minted },
    { variant: r.variant, timestep: r.timestep, flow: "spent on compute", value: r.ddt_spent },
  ]);
}

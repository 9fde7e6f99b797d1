/**
 * What the notebook reads from analyses 2 and 3 (target × throttle, then the narrowed grid with
 * productivity, variance and pull): shares of runs saturating along one parameter or per group, where most
 * runs saturate, the median time to saturation along the throttles, the common pool's mean size, the
 * productivity's and the policy's effects, and the runs whose price reached zero. Frames in, nothing run.
 */
import pl from "nodejs-polars";
import { shareSaturated } from "./outcomes.ts";

/** A parameter value and the share of runs saturating there. */
export interface ShareAt {
  readonly at: number;
  readonly share: number;
}

/** Share of runs saturating (trend > SUCCESS) at each value of `key`, pooling the other parameters. */
export function sharesBy(outcomes: pl.DataFrame, key: string): ShareAt[] {
  return (outcomes.groupBy(key).agg(shareSaturated().alias("share")).sort(key).toRecords() as Record<
    string,
    number
  >[]).map((row) => ({ at: row[key], share: row.share }));
}

/** Share of runs saturating per group of `keys`, as a `share_saturated` column, sorted by the keys. */
export function saturatedShare(outcomes: pl.DataFrame, keys: readonly string[]): pl.DataFrame {
  return outcomes.groupBy([...keys]).agg(shareSaturated().alias("share_saturated")).sort([...keys]);
}

/** The first value from which every share (in order) exceeds `min`; undefined when the last one does not. */
export function firstFromWhichAllAbove(shares: readonly ShareAt[], min: number): number | undefined {
  return shares.find((_, i) => shares.slice(i).every((s) => s.share > min))?.at;
}

/** Largest minus smallest share: how far a parameter moves the share of runs saturating. */
export const shareSpan = (shares: readonly ShareAt[]) =>
  Math.max(...shares.map((s) => s.share)) - Math.min(...shares.map((s) => s.share));

/** Median months to saturation at one target, per throttle in order. */
export function monthsAlongThrottles(
  outcomes: pl.DataFrame,
  target: number,
): { at: number; months: number }[] {
  return (outcomes.filter(pl.col("target_reserve_ratio").eq(target)).groupBy("throttle")
    .agg(pl.col("months_to_saturation").median().alias("months")).sort("throttle")
    .toRecords() as { throttle: number; months: number }[]).map((r) => ({
      at: r.throttle,
      months: r.months,
    }));
}

/** The common pool's mean size (HNY) over every month of every run, per value of `key`. */
export function meanReserveBy(frame: pl.DataFrame, key: string): { at: number; pool: number }[] {
  return (frame.groupBy(key).agg(pl.col("reserve").mean().alias("pool")).sort(key).toRecords() as Record<
    string,
    number
  >[]).map((r) => ({ at: r[key], pool: r.pool }));
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/**
 * Analysis 3's two effects on the share of runs saturating, per (productivity, target, throttle) cell
 * averaged over variance and pull: going from the lowest to the highest productivity (difference of the
 * mean cell) and, within one productivity, the policy (largest − smallest cell, averaged over
 * productivities). Also each productivity's cells, for the chart's caption.
 */
export function productivityAndPolicy(runs3: pl.DataFrame): {
  readonly cells: pl.DataFrame;
  readonly byProductivity: readonly { productivity: number; shares: number[] }[];
  readonly productivityEffect: number;
  readonly policyEffect: number;
} {
  const cells = saturatedShare(runs3, ["productivity", "target_reserve_ratio", "throttle"]);
  const rows = cells.toRecords() as { productivity: number; share_saturated: number }[];
  const productivities = [...new Set(rows.map((r) => r.productivity))];
  const byProductivity = productivities.map((productivity) => ({
    productivity,
    shares: rows.filter((r) => r.productivity === productivity).map((r) => r.share_saturated),
  }));
  const span = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
  return {
    cells,
    byProductivity,
    productivityEffect: mean(byProductivity.at(-1)!.shares) - mean(byProductivity[0].shares),
    policyEffect: mean(byProductivity.map((p) => span(p.shares))),
  };
}

/**
 * Runs whose price reached zero (the original has no floor): of analysis 2's runs (`subset`, `run`), how
 * many touch a price ≤ 0 at some month; of analysis 3's per-run outcomes, how many end there.
 */
export function priceBelowZero(sweep: pl.DataFrame, outcomes3: pl.DataFrame): {
  readonly touched: number;
  readonly runs: number;
  readonly ended: number;
  readonly runs3: number;
} {
  const runs = (f: pl.DataFrame) => f.select("subset", "run").unique().height;
  return {
    touched: runs(sweep.filter(pl.col("price").ltEq(0))),
    runs: runs(sweep),
    ended: outcomes3.filter(pl.col("final_price").ltEq(0)).height,
    runs3: outcomes3.height,
  };
}

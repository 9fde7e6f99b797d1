/**
 * Per-run outcomes of the honey model's runs and the quantities the claims read, computed from frames the
 * experiments return (nothing here runs the model). See docs/models/honey.md.
 *
 * A run's "saturation trend" is its mean saturation over the last TREND_WINDOW months: the document judged
 * runs by a LOWESS trend line, and a trailing mean is the reproducible equivalent that ignores the
 * month-to-month jitter. A run fails below FAILURE and succeeds above SUCCESS (the document's 0.1 and 0.8).
 */
import pl from "nodejs-polars";
import { bootstrap, resample } from "../../analysis/bootstrap.ts";

/** Months averaged into a run's saturation trend. */
export const TREND_WINDOW = 12;
/** A run whose trend ends below this failed to saturate the market. */
export const FAILURE = 0.1;
/** A run whose trend ends above this saturated the market. */
export const SUCCESS = 0.8;

const horizonOf = (frame: pl.DataFrame) => frame.getColumn("timestep").max() as number;

/**
 * Per run: its trend (mean saturation over the last TREND_WINDOW months), first month above SUCCESS (one
 * past the horizon when never) and final saturation and price, sorted by `keys` and run.
 */
export function runOutcomes(frame: pl.DataFrame, keys: readonly string[]): pl.DataFrame {
  const horizon = horizonOf(frame);
  const byRun = [...keys, "run"];
  const trend = frame.filter(pl.col("timestep").gt(horizon - TREND_WINDOW))
    .groupBy(byRun).agg(pl.col("saturation").mean().alias("trend"));
  const firstSaturated = frame.filter(pl.col("saturation").gt(SUCCESS))
    .groupBy(byRun).agg(pl.col("timestep").min().alias("months_to_saturation"));
  const last = frame.filter(pl.col("timestep").eq(horizon))
    .select(...byRun, pl.col("saturation").alias("final_saturation"), pl.col("price").alias("final_price"));
  return trend.join(firstSaturated, { on: byRun, how: "left" })
    .join(last, { on: byRun })
    .withColumns(pl.col("months_to_saturation").fillNull(horizon + 1).cast(pl.Float64))
    .sort(byRun);
}

/** Per parameter subset: medians over runs and the shares of runs that failed and succeeded. */
export function summarise(outcomes: pl.DataFrame, keys: readonly string[]): pl.DataFrame {
  return outcomes.groupBy([...keys]).agg(
    pl.col("trend").median().alias("median_trend"),
    pl.col("trend").lt(FAILURE).mean().alias("share_failed"),
    pl.col("trend").gt(SUCCESS).mean().alias("share_saturated"),
    pl.col("final_saturation").median().alias("median_final_saturation"),
    pl.col("final_price").median().alias("median_final_price"),
    pl.col("months_to_saturation").median().alias("median_months_to_saturation"),
  ).sort([...keys]);
}

/** Share of runs whose trend ends above SUCCESS, as an aggregation. */
export const shareSaturated = () => pl.col("trend").gt(SUCCESS).mean();

/** Where along a productivity grid the median run turns from failure to success (analysis 1). */
export interface Threshold {
  /** Highest productivity at and below which every median trend stays below FAILURE. */
  readonly lower: number;
  /** Lowest productivity at and above which every median trend is above SUCCESS. */
  readonly upper: number;
  /** Midpoint of [lower, upper], rounded to the grid's step: the productivity analysis 2 uses. */
  readonly median: number;
  /** Lowest and highest productivity at which both a failed and a saturated run occur. */
  readonly bothPossible: readonly [number, number];
  /** Productivities on the grid at which both a failed and a saturated run occur. */
  readonly bothAt: readonly number[];
}

/**
 * The threshold read from a per-productivity `summarise` table (sorted by productivity) on a grid of
 * `step`; throws when the grid does not reach a failing median at its low end and a saturating one at its
 * high end.
 */
export function productivityThreshold(summary: pl.DataFrame, step: number): Threshold {
  const rows = summary.toRecords() as {
    productivity: number;
    median_trend: number;
    share_failed: number;
    share_saturated: number;
  }[];
  let lowerIndex = -1;
  while (lowerIndex + 1 < rows.length && rows[lowerIndex + 1].median_trend < FAILURE) lowerIndex++;
  let upperIndex = rows.length;
  while (upperIndex - 1 >= 0 && rows[upperIndex - 1].median_trend > SUCCESS) upperIndex--;
  if (lowerIndex < 0 || upperIndex >= rows.length) {
    const grid = rows.map((r) => r.productivity);
    throw new Error(
      `the grid ${Math.min(...grid)}–${Math.max(...grid)} does not bracket the threshold; widen it`,
    );
  }
  const lower = rows[lowerIndex].productivity;
  const upper = rows[upperIndex].productivity;
  const both = rows.filter((r) => r.share_failed > 0 && r.share_saturated > 0).map((r) => r.productivity);
  return {
    lower,
    upper,
    median: Number((Math.round((lower + upper) / 2 / step) * step).toPrecision(12)),
    bothPossible: [Math.min(...both), Math.max(...both)],
    bothAt: both,
  };
}

/**
 * Throws unless the productivities with runs of both outcomes lie strictly inside the grid: at an end, the
 * grid may have cut the range off.
 */
export function checkBothInside(threshold: Threshold, grid: readonly number[]): void {
  const [lo, hi] = [Math.min(...grid), Math.max(...grid)];
  const [first, last] = threshold.bothPossible;
  if (!(first > lo && last < hi)) {
    throw new RangeError(
      `runs of both outcomes reach the grid's end (${first}–${last} on ${lo}–${hi}): widen ` +
        "settings.productivitySegments",
    );
  }
}

/** One repetition of analysis 1 under a root seed: its threshold and where both outcomes occur. */
export interface RangeReplicate {
  readonly seed: number;
  readonly lower: number;
  readonly upper: number;
  /** upper − lower: the productivity step over which the median run flips from failure to success. */
  readonly step: number;
  readonly bothAt: readonly number[];
  /** Share of runs that saturate at the grid's lowest productivity. */
  readonly saturatedAtLowest: number;
  /** The lowest grid productivity at which any run saturates (undefined when none does). */
  readonly firstSaturating: number | undefined;
  /** Share of runs that saturate, pooled over the grid productivities at or below `lower` (median run fails). */
  readonly saturatedWhereMedianFails: number;
}

/** What the spread over root seeds reads from one analysis-1 run: its summary and threshold. */
export function replicateOf(seed: number, summary: pl.DataFrame, threshold: Threshold): RangeReplicate {
  const { lower, upper, bothAt } = threshold;
  return {
    seed,
    lower,
    upper,
    step: Number((upper - lower).toPrecision(12)),
    bothAt,
    saturatedAtLowest: summary.getColumn("share_saturated").toArray()[0] as number,
    firstSaturating: (summary.toRecords() as { productivity: number; share_saturated: number }[])
      .find((x) => x.share_saturated > 0)?.productivity,
    saturatedWhereMedianFails: summary.filter(pl.col("productivity").ltEq(lower))
      .getColumn("share_saturated").mean() as number,
  };
}

/** How many of `values` are among the grid points `at` (compared to 1e-9). */
export function countAmong(values: readonly number[], at: readonly number[]): number {
  return values.filter((v) => at.some((a) => Math.abs(a - v) < 1e-9)).length;
}

/**
 * Total-supply growth (percent) from month 0 to month `months` of a single run's frame (rows by month):
 * the issuance the claims compare with the document's yearly figure.
 */
export function supplyGrowth(frame: pl.DataFrame, months: number): number {
  const supply = frame.sort("timestep").getColumn("total_supply").toArray() as number[];
  if (months >= supply.length) throw new RangeError(`the run has no month ${months}`);
  return (supply[months] / supply[0] - 1) * 100;
}

/**
 * How closely the price follows its fundamental target: per run (in run order), the median over the second
 * half of the horizon (months after ⌊horizon / 2⌋) of |price / target_price − 1|.
 */
export function trackingGaps(frame: pl.DataFrame): number[] {
  const half = Math.floor(horizonOf(frame) / 2);
  return (frame.filter(pl.col("timestep").gt(half))
    .withColumns(pl.col("price").div(pl.col("target_price")).sub(1).abs().alias("gap"))
    .groupBy("run").agg(pl.col("gap").median().alias("gap")).sort("run")
    .getColumn("gap").toArray()) as number[];
}

/** Largest minus smallest of `value` aggregated over the groups of `keys`, with the groups it comes from. */
export function groupRange(frame: pl.DataFrame, keys: readonly string[], value: pl.Expr): {
  readonly max: number;
  readonly min: number;
  readonly range: number;
  readonly best: Record<string, unknown>;
  readonly worst: Record<string, unknown>;
} {
  const rows = frame.groupBy([...keys]).agg(value.alias("v")).sort("v", true).toRecords();
  const max = rows[0].v as number;
  const min = rows.at(-1)!.v as number;
  return { max, min, range: max - min, best: rows[0], worst: rows.at(-1)! };
}

/** Analysis 2's low-throttle contrast: share saturated at the smallest throttle and at the others. */
export function lowThrottleContrast(outcomes: pl.DataFrame): { lowest: number; low: number; others: number } {
  const lowest = outcomes.getColumn("throttle").min() as number;
  const share = (f: pl.DataFrame) =>
    f.select(shareSaturated().alias("s")).getColumn("s").toArray()[0] as number;
  const low = share(outcomes.filter(pl.col("throttle").eq(lowest)));
  const others = share(outcomes.filter(pl.col("throttle").gt(lowest)));
  return { lowest, low, others };
}

/**
 * A statistic's bootstrap distribution over runs: each resample draws the run numbers with replacement
 * (the same draw for every parameter set, from a seeded stream) and recomputes the statistic on the
 * per-run outcomes. For the spread of a sweep's findings without re-running the sweep.
 */
export function bootstrapRuns(
  outcomes: pl.DataFrame,
  statistic: (resampled: pl.DataFrame) => number,
  options: { resamples: number; seed: number },
): number[] {
  const runs = [...new Set(outcomes.getColumn("run").toArray() as number[])].sort((a, b) => a - b);
  return bootstrap((rng) => {
    const drawn = pl.DataFrame({ run: resample(runs, rng) })
      .withColumns(pl.col("run").cast(outcomes.getColumn("run").dtype));
    return statistic(outcomes.join(drawn, { on: "run" }));
  }, options);
}

/** One run's analysis-2 outcomes at the smallest throttle and at the others: cells saturated of cells. */
export interface LowThrottleRun {
  readonly run: number;
  readonly low: number;
  readonly lowCells: number;
  readonly others: number;
  readonly otherCells: number;
}

/**
 * The low-throttle contrast's counts run by run, in run order: resampling these rows draws the same runs
 * as `bootstrapRuns` from the same stream, in plain arithmetic instead of a join per resample — what makes
 * a nested bootstrap of the contrast affordable.
 */
export function lowThrottleRuns(outcomes: pl.DataFrame): LowThrottleRun[] {
  const lowest = outcomes.getColumn("throttle").min() as number;
  const isLow = pl.col("throttle").eq(lowest);
  const saturated = pl.col("trend").gt(SUCCESS);
  return outcomes.groupBy("run").agg(
    saturated.and(isLow).sum().cast(pl.Float64).alias("low"),
    isLow.sum().cast(pl.Float64).alias("lowCells"),
    saturated.and(isLow.not()).sum().cast(pl.Float64).alias("others"),
    isLow.not().sum().cast(pl.Float64).alias("otherCells"),
  ).sort("run").toRecords() as unknown as LowThrottleRun[];
}

/** Share saturated at the smallest throttle minus that at the others, over a (resampled) set of runs. */
export function runsContrast(runs: readonly LowThrottleRun[]): number {
  let low = 0, lowCells = 0, others = 0, otherCells = 0;
  for (const r of runs) {
    low += r.low;
    lowCells += r.lowCells;
    others += r.others;
    otherCells += r.otherCells;
  }
  return low / lowCells - others / otherCells;
}

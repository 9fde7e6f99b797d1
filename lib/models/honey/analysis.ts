/**
 * The planned analyses of the honey seed (spec "Planned analysis" 1–3), as functions the notebook calls.
 *
 * A run's "saturation trend" is its mean saturation over the last TREND_WINDOW months: the seed judged
 * runs by a LOWESS trend line, and a trailing mean is the reproducible equivalent that ignores the
 * month-to-month jitter. A run fails below FAILURE and succeeds above SUCCESS (the seed's 0.1 and 0.8).
 */
import pl from "nodejs-polars";
import { toFrame } from "../../engine/frame.ts";
import { simulate } from "../../engine/simulate.ts";
import { rangeInclusive } from "../../engine/sweep.ts";
import { honey } from "./model.ts";

/** Months averaged into a run's saturation trend. */
export const TREND_WINDOW = 12;
/** A run whose trend ends below this failed to saturate the market. */
export const FAILURE = 0.1;
/** A run whose trend ends above this saturated the market. */
export const SUCCESS = 0.8;
/** Month index recorded for a run that never reaches SUCCESS (one past the horizon). */
const NEVER = honey.steps + 1;

/** The published analysis-1 settings: outflow 0.05, target 0.2, throttle 0.008, variance 0.25, pull 0.75. */
export const ANALYSIS_1_SET = {
  outflow_rate: 0.05,
  target_reserve_ratio: 0.2,
  throttle: 0.008,
  p_variance: 0.25,
  p_pull: 0.75,
} as const;

/** Per run: its trend (mean saturation over the last TREND_WINDOW months) and first month above SUCCESS. */
export function runOutcomes(frame: pl.DataFrame, keys: readonly string[]): pl.DataFrame {
  const horizon = frame.getColumn("timestep").max() as number;
  const byRun = [...keys, "run"];
  const trend = frame.filter(pl.col("timestep").gt(horizon - TREND_WINDOW))
    .groupBy(byRun).agg(pl.col("saturation").mean().alias("trend"));
  const firstSaturated = frame.filter(pl.col("saturation").gt(SUCCESS))
    .groupBy(byRun).agg(pl.col("timestep").min().alias("months_to_saturation"));
  const last = frame.filter(pl.col("timestep").eq(horizon))
    .select(...byRun, pl.col("saturation").alias("final_saturation"), pl.col("price").alias("final_price"));
  return trend.join(firstSaturated, { on: byRun, how: "left" })
    .join(last, { on: byRun })
    .withColumns(pl.col("months_to_saturation").fillNull(NEVER).cast(pl.Float64))
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

export interface ProductivityRange {
  /** Per productivity: median trend and shares failed/saturated. */
  readonly summary: pl.DataFrame;
  /** Every run's trajectory (for charts). */
  readonly frame: pl.DataFrame;
  /** Highest productivity at and below which every median trend stays below FAILURE. */
  readonly lower: number;
  /** Lowest productivity at and above which every median trend is above SUCCESS. */
  readonly upper: number;
  /** Midpoint of [lower, upper], rounded to the grid: the productivity analysis 2 uses. */
  readonly median: number;
  /** Lowest and highest productivity at which both a failed and a saturated run occur. */
  readonly bothPossible: readonly [number, number];
}

/** Analysis 1: the productivity range in which both failure and success are possible. */
export function productivityRange(
  options: { from?: number; to?: number; step?: number; runs?: number; seed?: number } = {},
): ProductivityRange {
  const step = options.step ?? 0.0025;
  const grid = rangeInclusive(options.from ?? 0.84, options.to ?? 0.94, step);
  const result = simulate(honey, {
    set: ANALYSIS_1_SET,
    sweep: { productivity: grid },
    runs: options.runs ?? 20,
    seed: options.seed ?? 42,
  });
  const frame = toFrame(result);
  const summary = summarise(runOutcomes(frame, ["productivity"]), ["productivity"]);
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
    throw new Error(`the grid ${grid[0]}–${grid.at(-1)} does not bracket the threshold; widen it`);
  }
  const lower = rows[lowerIndex].productivity;
  const upper = rows[upperIndex].productivity;
  const both = rows.filter((r) => r.share_failed > 0 && r.share_saturated > 0).map((r) => r.productivity);
  return {
    summary,
    frame,
    lower,
    upper,
    median: Number((Math.round((lower + upper) / 2 / step) * step).toPrecision(12)),
    bothPossible: [Math.min(...both), Math.max(...both)],
  };
}

/** The analysis-2 grid: target 0.1 → 0.3 step 0.025 (9) × throttle 0.002 → 0.034 step 0.004 (9). */
export const RESERVE_TARGETS = rangeInclusive(0.1, 0.3, 0.025);
export const THROTTLES = rangeInclusive(0.002, 0.034, 0.004);

export interface Sweep2 {
  readonly frame: pl.DataFrame;
  readonly summary: pl.DataFrame;
}

/** Analysis 2: every (target_reserve_ratio, throttle) pair at one productivity. */
export function reserveThrottleSweep(
  productivity: number,
  options: { runs?: number; seed?: number; targets?: readonly number[]; throttles?: readonly number[] } = {},
): Sweep2 {
  const keys = ["target_reserve_ratio", "throttle"];
  const { outflow_rate, p_variance, p_pull } = ANALYSIS_1_SET;
  const frame = toFrame(simulate(honey, {
    set: { outflow_rate, p_variance, p_pull, productivity },
    sweep: {
      target_reserve_ratio: options.targets ?? RESERVE_TARGETS,
      throttle: options.throttles ?? THROTTLES,
    },
    product: true,
    runs: options.runs ?? 10,
    seed: options.seed ?? 42,
  }));
  return { frame, summary: summarise(runOutcomes(frame, keys), keys) };
}

/** Analysis 3: narrowed reserve/throttle bounds crossed with productivity, p_variance and p_pull. */
export function narrowedSweep(lists: {
  target_reserve_ratio: readonly number[];
  throttle: readonly number[];
  productivity: readonly number[];
  p_variance: readonly number[];
  p_pull: readonly number[];
}, options: { runs?: number; seed?: number } = {}): pl.DataFrame {
  const frame = toFrame(simulate(honey, {
    set: { outflow_rate: ANALYSIS_1_SET.outflow_rate },
    sweep: lists,
    product: true,
    runs: options.runs ?? 10,
    seed: options.seed ?? 42,
  }));
  const keys = Object.keys(lists);
  return runOutcomes(frame, keys);
}

/**
 * The planned analyses of the 1Hive Honey supply document (its "Planned Analysis" 1–3) and the quantities
 * that test its conclusions, as functions the notebook calls. See docs/models/honey.md.
 *
 * A run's "saturation trend" is its mean saturation over the last TREND_WINDOW months: the document judged
 * runs by a LOWESS trend line, and a trailing mean is the reproducible equivalent that ignores the
 * month-to-month jitter. A run fails below FAILURE and succeeds above SUCCESS (the document's 0.1 and 0.8).
 */
import pl from "nodejs-polars";
import { toFrame } from "../../engine/frame.ts";
import { simulate } from "../../engine/simulate.ts";
import { streamFor } from "../../engine/random.ts";
import { rangeInclusive } from "../../engine/sweep.ts";
import { bands } from "../../plot/bands.ts";
import type { BandRow } from "../../plot/charts.ts";
import { honey } from "./model.ts";
import { quantile } from "../../engine/stats.ts";

export { quantile };

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
  /** Productivities on the grid at which both a failed and a saturated run occur. */
  readonly bothAt: readonly number[];
}

/** Step of the analysis-1 productivity grid. */
export const ANALYSIS_1_STEP = 0.0025;

/**
 * The analysis-1 productivity grid, 0.75 → 1 in steps of ANALYSIS_1_STEP. It reaches well beyond the range
 * it finds on both sides, so that the lowest and highest productivities with runs of both outcomes lie
 * strictly inside it rather than at its ends. (A run's random stream depends on its run number only, so
 * widening the grid leaves the runs of every productivity already in it unchanged.)
 */
export const ANALYSIS_1_GRID: readonly number[] = rangeInclusive(0.75, 1, ANALYSIS_1_STEP);

/**
 * Analysis 1: the productivity range in which both failure and success are possible, on ANALYSIS_1_GRID or,
 * given `from`, `to` or `step`, on that range (defaults: the grid's ends and step).
 */
export function productivityRange(
  options: { from?: number; to?: number; step?: number; runs?: number; seed?: number } = {},
): ProductivityRange {
  const step = options.step ?? ANALYSIS_1_STEP;
  const custom = options.from !== undefined || options.to !== undefined || options.step !== undefined;
  const grid = custom
    ? rangeInclusive(
      options.from ?? Math.min(...ANALYSIS_1_GRID),
      options.to ?? Math.max(...ANALYSIS_1_GRID),
      step,
    )
    : [...ANALYSIS_1_GRID];
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
    throw new Error(
      `the grid ${Math.min(...grid)}–${Math.max(...grid)} does not bracket the threshold; widen it`,
    );
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
    bothAt: both,
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

// ---------------------------------------------------------------------------------------------------
// Quantities that test the document's conclusions (the notebook's claims).

/** A median with its 5–95% range over `n` values (runs or repeated experiments). */
export interface Spread {
  readonly median: number;
  readonly lo: number;
  readonly hi: number;
  readonly n: number;
}

/** Median and 5th–95th percentiles of finite values. */
export function spreadOf(values: readonly number[]): Spread {
  const finite = values.filter((x) => Number.isFinite(x));
  return {
    median: quantile(finite, 0.5),
    lo: quantile(finite, 0.05),
    hi: quantile(finite, 0.95),
    n: finite.length,
  };
}

/** One repetition of analysis 1 under another root seed: its threshold and where both outcomes occur. */
export interface RangeReplicate {
  readonly seed: number;
  readonly lower: number;
  readonly upper: number;
  /** upper − lower: the productivity step over which the median run flips from failure to success. */
  readonly step: number;
  readonly bothAt: readonly number[];
  /** Share of runs that saturate at the grid's lowest productivity. */
  readonly saturatedAtLowest: number;
  /** Share of runs that saturate, pooled over the grid productivities at or below `lower` (median run fails). */
  readonly saturatedWhereMedianFails: number;
}

/** Analysis 1 repeated under each root seed (same grid and runs), for the spread of its findings. */
export function rangeReplicates(
  seeds: readonly number[],
  options: { from?: number; to?: number; step?: number; runs?: number } = {},
): RangeReplicate[] {
  return seeds.map((seed) => {
    const r = productivityRange({ ...options, seed });
    return {
      seed,
      lower: r.lower,
      upper: r.upper,
      step: Number((r.upper - r.lower).toPrecision(12)),
      bothAt: r.bothAt,
      saturatedAtLowest: r.summary.getColumn("share_saturated").toArray()[0] as number,
      saturatedWhereMedianFails: r.summary.filter(pl.col("productivity").ltEq(r.lower))
        .getColumn("share_saturated").mean() as number,
    };
  });
}

/** How many of `values` are among the grid points `at` (compared to 1e-9). */
export function countAmong(values: readonly number[], at: readonly number[]): number {
  return values.filter((v) => at.some((a) => Math.abs(a - v) < 1e-9)).length;
}

/**
 * Total-supply growth (percent) over `months` of issuance held at the throttle: the model run with a
 * target reserve ratio of 1, so that the pool is always below target and the policy mints at its limit.
 */
export function maximalIssuance(throttle: number, months = 12): number {
  const frame = toFrame(simulate(honey, {
    set: { ...ANALYSIS_1_SET, throttle, target_reserve_ratio: 1 },
    runs: 1,
    steps: months,
    seed: 42,
  }));
  const supply = frame.getColumn("total_supply").toArray() as number[];
  return (supply[months] / supply[0] - 1) * 100;
}

/** Per run at one parameter set: what happens while the market saturates and after it has. */
export interface PhaseRun {
  readonly run: number;
  /** Mean saturation over the last TREND_WINDOW months. */
  readonly trend: number;
  /** First month above SUCCESS; honey.steps + 1 when never. */
  readonly monthsToSaturation: number;
  readonly marketCapStart: number;
  readonly marketCapAtSaturation: number;
  readonly priceAtSaturation: number;
  /** Values at the start and the end of the closing window (months horizon − window and horizon). */
  readonly marketCapFrom: number;
  readonly marketCapTo: number;
  readonly priceFrom: number;
  readonly priceTo: number;
  readonly circulationFrom: number;
  readonly circulationTo: number;
}

/**
 * Runs at the analysis-1 settings and one productivity, each summarised for the document's "Analysis"
 * prose: the market cap and price at genesis and at the month saturation is first reached, and the
 * market cap, price and circulation at the start and end of the last `window` months.
 */
export function saturationPhases(
  productivity: number,
  options: { runs?: number; seed?: number; window?: number } = {},
): { runs: PhaseRun[]; window: number; horizon: number; frame: pl.DataFrame } {
  const window = options.window ?? 24;
  const frame = toFrame(simulate(honey, {
    set: { ...ANALYSIS_1_SET, productivity },
    runs: options.runs ?? 100,
    seed: options.seed ?? 42,
  }));
  const horizon = honey.steps;
  const cols = ["run", "timestep", "saturation", "market_cap", "price", "circulation"] as const;
  const data = Object.fromEntries(cols.map((c) => [c, frame.getColumn(c).toArray() as number[]]));
  const byRun = new Map<number, number[]>();
  data.run.forEach((r, i) => {
    const rows = byRun.get(r) ?? [];
    rows[data.timestep[i]] = i;
    byRun.set(r, rows);
  });
  const runs = [...byRun.entries()].sort((a, b) => a[0] - b[0]).map(([run, rows]) => {
    const at = (col: keyof typeof data, t: number) => data[col][rows[t]];
    const saturatedAt = rows.findIndex((i) => data.saturation[i] > SUCCESS);
    const months = saturatedAt < 0 ? NEVER : saturatedAt;
    let trend = 0;
    for (let t = horizon - TREND_WINDOW + 1; t <= horizon; t++) trend += at("saturation", t) / TREND_WINDOW;
    return {
      run,
      trend,
      monthsToSaturation: months,
      marketCapStart: at("market_cap", 0),
      marketCapAtSaturation: saturatedAt < 0 ? NaN : at("market_cap", saturatedAt),
      priceAtSaturation: saturatedAt < 0 ? NaN : at("price", saturatedAt),
      marketCapFrom: at("market_cap", horizon - window),
      marketCapTo: at("market_cap", horizon),
      priceFrom: at("price", horizon - window),
      priceTo: at("price", horizon),
      circulationFrom: at("circulation", horizon - window),
      circulationTo: at("circulation", horizon),
    };
  });
  return { runs, window, horizon, frame };
}

/** Percent change from `from` to `to`; NaN when `from` is not positive (a price that crossed zero). */
export const percentChange = (from: number, to: number) => (from > 0 ? (to / from - 1) * 100 : NaN);

/** Compound monthly growth (percent per month) from `from` to `to` over `months`; NaN if either is ≤ 0. */
export const monthlyGrowth = (from: number, to: number, months: number) =>
  from > 0 && to > 0 && months > 0 ? ((to / from) ** (1 / months) - 1) * 100 : NaN;

/**
 * How closely the price follows its fundamental target: per run, the median over the second half of the
 * horizon of |price / target − 1|. Runs at the analysis-1 settings with the given pull and variance.
 */
export function targetTracking(
  set: { productivity: number; p_pull: number; p_variance: number },
  options: { runs?: number; seed?: number } = {},
): number[] {
  const frame = toFrame(simulate(honey, {
    set: { ...ANALYSIS_1_SET, ...set },
    runs: options.runs ?? 100,
    seed: options.seed ?? 42,
  }));
  const half = Math.floor(honey.steps / 2);
  return (frame.filter(pl.col("timestep").gt(half))
    .withColumns(pl.col("price").div(pl.col("target_price")).sub(1).abs().alias("gap"))
    .groupBy("run").agg(pl.col("gap").median().alias("gap")).sort("run")
    .getColumn("gap").toArray()) as number[];
}

/** Largest minus smallest value of `column` across the groups of `keys`, after averaging within each. */
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

/**
 * The original repository's published results (its results files, statistics at month 120; each value a
 * mean over its 10 runs). The final experiment zips throttle with target at productivity 0.88; the
 * productivity-range experiment (an earlier results file) runs throttle 0.008 and target 0.2.
 */
export const PUBLISHED_FINAL_SATURATION: readonly {
  throttle: number;
  target_reserve_ratio: number;
  saturation: number;
}[] = [
  { throttle: 0.002, target_reserve_ratio: 0.1, saturation: 0.012 },
  { throttle: 0.004, target_reserve_ratio: 0.1, saturation: 0.011 },
  { throttle: 0.008, target_reserve_ratio: 0.1, saturation: 0.101 },
  { throttle: 0.002, target_reserve_ratio: 0.2, saturation: 0.391 },
  { throttle: 0.004, target_reserve_ratio: 0.2, saturation: 0.148 },
  { throttle: 0.008, target_reserve_ratio: 0.2, saturation: 0.365 },
  { throttle: 0.002, target_reserve_ratio: 0.3, saturation: 0.241 },
  { throttle: 0.004, target_reserve_ratio: 0.3, saturation: 0.563 },
  { throttle: 0.008, target_reserve_ratio: 0.3, saturation: 0.898 },
];
export const PUBLISHED_PRODUCTIVITY_SATURATION: readonly { productivity: number; saturation: number }[] = [
  { productivity: 0.87, saturation: 0.204 },
  { productivity: 0.88, saturation: 0.603 },
  { productivity: 0.89, saturation: 0.645 },
  { productivity: 0.9, saturation: 0.667 },
];

/** Where a published 10-run mean falls among the reproduction's 10-run means for the same parameters. */
export interface PublishedCell {
  readonly params: Record<string, number>;
  readonly published: number;
  /** Share of resampled 10-run means at or below the published mean. */
  readonly percentile: number;
  /** 2.5% and 97.5% of the resampled 10-run means. */
  readonly lo: number;
  readonly hi: number;
  /** Median of the resampled 10-run means. */
  readonly median: number;
}

/**
 * Each published cell against the reproduction: `runs` runs per cell at the analysis-1 settings (plus
 * the cell's parameters), then `resamples` means of 10 runs drawn with replacement from a seeded stream;
 * the published mean's percentile among them. Runs are bimodal, so single 10-run means vary widely.
 */
export function publishedComparison(
  cells: readonly { saturation: number; [key: string]: number }[],
  set: Record<string, number>,
  options: { runs?: number; resamples?: number; seed?: number } = {},
): PublishedCell[] {
  const keys = Object.keys(cells[0]).filter((k) => k !== "saturation");
  const sweep = Object.fromEntries(keys.map((k) => [k, cells.map((c) => c[k])]));
  const fixed: Record<string, number> = { ...ANALYSIS_1_SET, ...set };
  for (const k of keys) delete fixed[k];
  const frame = toFrame(simulate(honey, {
    set: fixed,
    sweep,
    runs: options.runs ?? 400,
    seed: options.seed ?? 42,
  }));
  const finals = frame.filter(pl.col("timestep").eq(honey.steps));
  const rng = streamFor(`${options.seed ?? 42}/published`);
  const resamples = options.resamples ?? 2000;
  return cells.map((cell) => {
    const mine = keys.reduce((f, k) => f.filter(pl.col(k).eq(cell[k])), finals);
    const values = (mine.getColumn("saturation").toArray() as number[]).filter((v) => Number.isFinite(v));
    if (values.length === 0) throw new Error(`no runs for ${JSON.stringify(cell)}`);
    const means = Array.from({ length: resamples }, () => {
      let sum = 0;
      for (let k = 0; k < 10; k++) sum += values[rng.int(values.length)];
      return sum / 10;
    });
    return {
      params: Object.fromEntries(keys.map((k) => [k, cell[k]])),
      published: cell.saturation,
      percentile: means.filter((m) => m <= cell.saturation).length / resamples,
      lo: quantile(means, 0.025),
      hi: quantile(means, 0.975),
      median: quantile(means, 0.5),
    };
  });
}

/**
 * A statistic's bootstrap distribution over runs: each resample draws the run numbers with replacement
 * (the same draw for every parameter set, from a seeded stream) and recomputes the statistic on the
 * per-run outcomes. For the spread of a sweep's findings without re-running the sweep.
 */
export function bootstrapRuns(
  outcomes: pl.DataFrame,
  statistic: (resampled: pl.DataFrame) => number,
  options: { resamples?: number; seed?: number } = {},
): number[] {
  const runs = [...new Set(outcomes.getColumn("run").toArray() as number[])].sort((a, b) => a - b);
  const rng = streamFor(`${options.seed ?? 42}/bootstrap`);
  return Array.from({ length: options.resamples ?? 200 }, () => {
    const drawn = pl.DataFrame({ run: runs.map(() => runs[rng.int(runs.length)]) })
      .withColumns(pl.col("run").cast(outcomes.getColumn("run").dtype));
    return statistic(outcomes.join(drawn, { on: "run" }));
  });
}

/** Share of runs whose trend ends above SUCCESS, as an aggregation. */
export const shareSaturated = () => pl.col("trend").gt(SUCCESS).mean();

/** Analysis 2's low-throttle contrast: share saturated at the smallest throttle minus that at the others. */
export function lowThrottleContrast(outcomes: pl.DataFrame): { lowest: number; low: number; others: number } {
  const lowest = outcomes.getColumn("throttle").min() as number;
  const share = (f: pl.DataFrame) =>
    f.select(shareSaturated().alias("s")).getColumn("s").toArray()[0] as number;
  const low = share(outcomes.filter(pl.col("throttle").eq(lowest)));
  const others = share(outcomes.filter(pl.col("throttle").gt(lowest)));
  return { lowest, low, others };
}

/** The analysis-3 grid: narrowed to where analysis 2 saturates, with productivity, variance and pull. */
export const ANALYSIS_3_LISTS = {
  target_reserve_ratio: [0.25, 0.275, 0.3],
  throttle: [0.006, 0.014, 0.022],
  productivity: [0.87, 0.89, 0.91],
  p_variance: [0.15, 0.25, 0.35],
  p_pull: [0.65, 0.75, 0.85],
} as const;

/** Settings of the document's "high pull and low variance" check (ours: pull 0.95, variance 0.05). */
export const TRACKING_SET = { p_pull: 0.95, p_variance: 0.05 } as const;

/** Productivity at which the "Analysis" prose is checked: well above the range where analysis 1's median run turns. */
export const SUFFICIENT_PRODUCTIVITY = 0.94;

/** Root seeds over which analysis 1 is repeated for the spread of its findings (42 is the main one). */
export const REPLICATE_SEEDS = [42, ...Array.from({ length: 19 }, (_, i) => i + 1)];

// ---------------------------------------------------------------------------------------------------
// The source notebook's own figures: its parameter cell (nine throttles zipped with nine targets, at
// productivity 0.88), every state variable over time. The original scatters every run with a LOWESS
// trend; here each figure is a Monte Carlo band (median and 5th–95th percentile over runs per month).

/** The source's parameter cell: throttle and target reserve ratio zipped by position (cadCAD). */
export const SOURCE_SETTINGS = {
  throttle: [0.002, 0.004, 0.008, 0.002, 0.004, 0.008, 0.002, 0.004, 0.008],
  target_reserve_ratio: [0.1, 0.1, 0.1, 0.2, 0.2, 0.2, 0.3, 0.3, 0.3],
} as const;
/** The productivity of the source's parameter cell. */
export const SOURCE_PRODUCTIVITY = 0.88;
/** Runs per setting for the source's figures (twice the source's 10). */
export const SOURCE_RUNS = 20;
/** Quantiles of the figures' bands. */
export const BAND_LO = 0.05;
export const BAND_HI = 0.95;

/** A variable of the source's figures, with its axis label and unit. */
export interface FigureVariable {
  readonly column: string;
  readonly label: string;
  readonly unit: string;
}

/** The variables the source plots, in its order: supply (by throttle), flows, saturation, price, cap, utility. */
export const SOURCE_VARIABLES = {
  total_supply: { column: "total_supply", label: "total supply", unit: "HNY" },
  circulation: { column: "circulation", label: "circulation", unit: "HNY" },
  reserve: { column: "reserve", label: "reserve", unit: "HNY" },
  netflow: { column: "netflow", label: "netflow (inflow − outflow)", unit: "HNY/month" },
  adjustment: { column: "adjustment", label: "adjustment (mint + / burn −)", unit: "HNY/month" },
  saturation: { column: "saturation", label: "saturation", unit: "fraction of market" },
  price: { column: "price", label: "price", unit: "USD/HNY" },
  market_cap: { column: "market_cap", label: "market cap", unit: "USD" },
  utility: { column: "utility", label: "utility", unit: "dimensionless, 0–10" },
} as const satisfies Record<string, FigureVariable>;
export type SourceVariable = keyof typeof SOURCE_VARIABLES;

/** Band rows of one variable per setting: `facet` is the target reserve ratio, `facetX` the throttle. */
export type SettingBands = Readonly<Record<SourceVariable, readonly BandRow[]>>;

export interface SourceFigures {
  /** Every run's trajectory at the source's settings. */
  readonly frame: pl.DataFrame;
  readonly runs: number;
  /** Per variable, its band per (target, throttle) setting and month. */
  readonly bySetting: SettingBands;
  /**
   * The source's first figure: reserve, circulation and total supply per throttle, pooling the three
   * targets as the source's facet by throttle does; `facet` is the variable's label, `facetX` the throttle.
   */
  readonly supplyByThrottle: readonly BandRow[];
}

/** Median and BAND_LO–BAND_HI quantiles of `column` over runs, per month and the given facets. */
export function bandRows(
  frame: pl.DataFrame,
  column: string,
  facets: { facet?: string; facetX?: string } = {},
): BandRow[] {
  return bands(frame, { time: "timestep", value: column, ...facets, lo: BAND_LO, hi: BAND_HI });
}

/** The source's experiment run `runs` times per setting, summarised into the bands of its figures. */
export function sourceFigures(options: { runs?: number; seed?: number } = {}): SourceFigures {
  const runs = options.runs ?? SOURCE_RUNS;
  const frame = toFrame(simulate(honey, {
    set: { productivity: SOURCE_PRODUCTIVITY },
    sweep: {
      throttle: [...SOURCE_SETTINGS.throttle],
      target_reserve_ratio: [...SOURCE_SETTINGS.target_reserve_ratio],
    },
    runs,
    seed: options.seed ?? 42,
  }));
  const names = Object.keys(SOURCE_VARIABLES) as SourceVariable[];
  const bySetting = Object.fromEntries(names.map((name) => [
    name,
    bandRows(frame, SOURCE_VARIABLES[name].column, { facet: "target_reserve_ratio", facetX: "throttle" }),
  ])) as unknown as SettingBands;
  const supply = (["reserve", "circulation", "total_supply"] as const).flatMap((name) =>
    bandRows(frame, SOURCE_VARIABLES[name].column, { facetX: "throttle" })
      .map((b) => ({ ...b, facet: SOURCE_VARIABLES[name].label }))
  );
  return { frame, runs, bySetting, supplyByThrottle: supply };
}

/** The band rows at one month (default: the last), e.g. for a caption on where the runs end. */
export function bandsAt(rows: readonly BandRow[], t?: number): BandRow[] {
  const at = t ?? Math.max(...rows.map((b) => b.t));
  return rows.filter((b) => b.t === at);
}

/** The row of a setting (facet = target, facetX = throttle) among band rows. */
export function bandOf(rows: readonly BandRow[], target: number, throttle: number): BandRow {
  const row = rows.find((b) => b.facet === target && b.facetX === throttle);
  if (!row) throw new Error(`no band at target ${target}, throttle ${throttle}`);
  return row;
}

/** Everything the notebook shows and its claims test, computed once. */
export interface HoneyResults {
  readonly range: ProductivityRange;
  readonly replicates: readonly RangeReplicate[];
  readonly sweep2: Sweep2;
  /** Per-run outcomes of analysis 2. */
  readonly outcomes2: pl.DataFrame;
  /** Per-run outcomes of analysis 3. */
  readonly runs3: pl.DataFrame;
  readonly phases: ReturnType<typeof saturationPhases>;
  /** Per run, the median gap |price / target − 1|: at TRACKING_SET and at the analysis-1 pull and variance. */
  readonly tracking: readonly number[];
  readonly trackingDefault: readonly number[];
  /** Total-supply growth over 12 months at the 0.008 throttle, percent. */
  readonly yearlyIssuance: number;
  readonly publishedFinal: readonly PublishedCell[];
  readonly publishedProductivity: readonly PublishedCell[];
  /** The source's own figures: its nine settings, SOURCE_RUNS runs each, as bands over time. */
  readonly source: SourceFigures;
}

/** Runs every analysis the notebook needs (about half a minute). */
export function honeyResults(): HoneyResults {
  const range = productivityRange();
  const sweep2 = reserveThrottleSweep(range.median);
  const keys2 = ["target_reserve_ratio", "throttle"];
  const tracked = { productivity: range.median };
  return {
    range,
    replicates: rangeReplicates(REPLICATE_SEEDS),
    sweep2,
    outcomes2: runOutcomes(sweep2.frame, keys2),
    runs3: narrowedSweep(ANALYSIS_3_LISTS),
    phases: saturationPhases(SUFFICIENT_PRODUCTIVITY),
    tracking: targetTracking({ ...tracked, ...TRACKING_SET }),
    trackingDefault: targetTracking({
      ...tracked,
      p_pull: ANALYSIS_1_SET.p_pull,
      p_variance: ANALYSIS_1_SET.p_variance,
    }),
    yearlyIssuance: maximalIssuance(ANALYSIS_1_SET.throttle, 12),
    publishedFinal: publishedComparison(PUBLISHED_FINAL_SATURATION, { productivity: 0.88 }),
    publishedProductivity: publishedComparison(PUBLISHED_PRODUCTIVITY_SATURATION, {}),
    source: sourceFigures(),
  };
}

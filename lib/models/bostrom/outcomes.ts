/**
 * The Bostrom runs' frames turned into per-run outcomes: the original's plot units, the three conclusions'
 * numbers (supply increase, monthly validator revenue, when cyberlink demand overtakes the V supply), their
 * spread over seeds, the variants judged against the conclusions' tests, the inflation rate's course, A and
 * V minted per month, and the cells of the investmint sweeps that the text picks out. Pure functions of
 * frames; nothing here runs the model (experiments.ts does). The README's other findings are in findings.ts.
 */
import pl from "nodejs-polars";
import { BOOT_PER_GBOOT } from "./formulas.ts";
import type { BostromParams } from "./params.ts";
import { median } from "../../analysis/quantiles.ts";

/** Days in a month of the monthly revenue (the original's plots count 30-day months). */
export const DAYS_PER_MONTH = 30;
/** Seconds in a day, for transactions per second. */
export const SECONDS_PER_DAY = 86_400;
/** Days in a year (the model's timesteps_per_year). */
export const DAYS_PER_YEAR = 365;

/**
 * The original's plot units and derived series: supplies in trillions, A and V in millions, links per
 * day in millions and links in billions, neurons in millions, GPU memory in GB; the ETH value of the
 * validator revenue; transactions per second; the A and V minted each day.
 */
export function inPlotUnits(frame: pl.DataFrame): pl.DataFrame {
  const byRun = ["subset", "run"];
  const minted = (name: string) =>
    pl.col(name).diff(1, "ignore").over("subset", "run").fillNull(0).div(1e6).alias(
      name.replace("_supply", "_minted_m"),
    );
  return frame.sort([...byRun, "timestep"]).select(
    ...byRun,
    "timestep",
    pl.col("timestep").div(365).alias("year"),
    ...[
      "boot_supply",
      "boot_liquid_supply",
      "boot_frozen_supply",
      "boot_bonded_supply",
      "boot_claimed_supply",
      "boot_to_distribution_supply",
      "hydrogen_supply",
      "hydrogen_liquid_supply",
    ].map((c) => pl.col(c).div(1e12).alias(`${c}_t`)),
    pl.col("boot_inflation_rate"),
    pl.col("agents_count").div(1e6).alias("agents_count_m"),
    pl.col("agents_count").pctChange().over("subset", "run").alias("agents_growth_rate"),
    "capitalization_per_agent",
    "capitalization_in_eth",
    "gboot_price",
    "validator_revenue_gboot",
    pl.col("validator_revenue_gboot").mul(pl.col("gboot_price")).alias("validator_revenue_eth"),
    pl.col("cyberlinks_per_day").div(1e6).alias("cyberlinks_per_day_m"),
    pl.col("cyberlinks_count").div(1e9).alias("cyberlinks_count_b"),
    pl.col("ampere_supply").div(1e6).alias("ampere_supply_m"),
    pl.col("volt_supply").div(1e6).alias("volt_supply_m"),
    minted("ampere_supply"),
    minted("volt_supply"),
    "ampere_mint_rate",
    "volt_mint_rate",
    "investmint_max_period",
    pl.col("cyberlinks_per_day").div(SECONDS_PER_DAY).alias("tps"),
    pl.col("gpu_memory_usage").div(1e9).alias("gpu_memory_gb"),
    pl.col("cpu_memory_usage").div(1e9).alias("cpu_memory_gb"),
    "gpu_time_usage",
    "cpu_time_usage",
  );
}

/** Conclusion 1: BOOT supply at the last step over genesis, minus one, per (swept keys, subset, run). */
export function supplyIncrease(frame: pl.DataFrame, keys: readonly string[] = []): pl.DataFrame {
  const by = [...keys, "subset", "run"];
  const last = (c: string) => pl.col(c).sortBy("timestep").last();
  return frame.groupBy(by).agg(
    last("boot_supply").div(pl.col("boot_supply").sortBy("timestep").first()).sub(1).alias("supply_increase"),
    last("boot_inflation_rate").alias("final_inflation_rate"),
  ).sort(by);
}

/**
 * One validator's revenue in ETH a day. Under the code's form the column is GBOOT a day, priced at the
 * day's GBOOT price; under the README's form as written (`with_price`) the column already carries the
 * price, in BOOT·ETH/GBOOT, which is ETH × 1e9.
 */
export function revenueEth(form: BostromParams["validator_revenue_form"] = "gboot"): pl.Expr {
  return form === "with_price"
    ? pl.col("validator_revenue_gboot").div(BOOT_PER_GBOOT)
    : pl.col("validator_revenue_gboot").mul(pl.col("gboot_price"));
}

/**
 * Conclusion 2: one validator's revenue per 30-day month (days 1–30, 31–60, …; only full months), in
 * GBOOT and in ETH (each day's GBOOT at that day's price), for run 1 of subset 0.
 */
export function monthlyValidatorRevenue(
  frame: pl.DataFrame,
  form: BostromParams["validator_revenue_form"] = "gboot",
): pl.DataFrame {
  return frame.filter(pl.col("timestep").gt(0).and(pl.col("run").eq(1)).and(pl.col("subset").eq(0)))
    .withColumns(
      pl.col("timestep").sub(1).div(DAYS_PER_MONTH).floor().add(1).alias("month"),
      revenueEth(form).alias("eth"),
    )
    .groupBy("month").agg(
      pl.col("validator_revenue_gboot").sum().alias("revenue_gboot"),
      pl.col("eth").sum().alias("revenue_eth"),
      pl.count("timestep").alias("days"),
    )
    .filter(pl.col("days").eq(DAYS_PER_MONTH)).drop("days").sort("month");
}

/** Where, in one run, the daily cyberlink demand passes the V supply (1 V = 1 cyberlink a day). */
export interface Crossing {
  readonly subset: number;
  readonly run: number;
  /** First day on which the V supply covers the day's demand. */
  readonly supplyAhead: number | null;
  /** First day after that on which demand exceeds the V supply again. */
  readonly demandOvertakes: number | null;
  /** First day from which demand exceeds the V supply on every later day (null if it never settles). */
  readonly demandStaysAbove: number | null;
}

/** Conclusion 3: per run, when cyberlink demand overtakes the V supply. */
export function demandOvertakes(frame: pl.DataFrame): Crossing[] {
  const sorted = frame.sort(["subset", "run", "timestep"]);
  const subset = sorted.getColumn("subset").toArray() as number[];
  const run = sorted.getColumn("run").toArray() as number[];
  const t = sorted.getColumn("timestep").toArray() as number[];
  const demand = sorted.getColumn("cyberlinks_per_day").toArray() as number[];
  const supply = sorted.getColumn("volt_supply").toArray() as number[];
  const out: Crossing[] = [];
  for (let start = 0; start < t.length;) {
    let end = start;
    while (end < t.length && subset[end] === subset[start] && run[end] === run[start]) end++;
    let supplyAhead: number | null = null;
    let overtakes: number | null = null;
    let lastCovered = -1;
    for (let i = start; i < end; i++) {
      if (t[i] === 0) continue;
      const covered = supply[i] >= demand[i];
      if (covered) lastCovered = t[i];
      if (covered && supplyAhead === null) supplyAhead = t[i];
      if (!covered && supplyAhead !== null && overtakes === null) overtakes = t[i];
    }
    const lastDay = t[end - 1];
    out.push({
      subset: subset[start],
      run: run[start],
      supplyAhead,
      demandOvertakes: overtakes,
      demandStaysAbove: supplyAhead !== null && lastCovered < lastDay ? lastCovered + 1 : null,
    });
    start = end;
  }
  return out;
}

/** Median, lowest and highest of the crossing days over runs, and how many runs never cross. */
export interface CrossingStats {
  /** First day demand exceeds the V supply (after supply first covered it): median, min and max over runs. */
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
  /** Runs in which demand never overtakes the V supply. */
  readonly never: number;
  /** Runs in which demand, once ahead, stays ahead to the end (possibly after a few days of back and forth). */
  readonly settled: number;
  /** Median day from which demand stays above the V supply for good. */
  readonly settledMedian: number;
  /** Most days between the first overtaking and staying above for good, over runs. */
  readonly longestFlicker: number;
}

export function crossingStats(crossings: readonly Crossing[]): CrossingStats {
  const days = crossings.map((c) => c.demandOvertakes).filter((d): d is number => d !== null);
  const settled = crossings.filter((c) => c.demandOvertakes !== null && c.demandStaysAbove !== null);
  return {
    median: median(days),
    min: days.length ? Math.min(...days) : NaN,
    max: days.length ? Math.max(...days) : NaN,
    runs: crossings.length,
    never: crossings.length - days.length,
    settled: settled.length,
    settledMedian: median(settled.map((c) => c.demandStaysAbove)),
    longestFlicker: Math.max(0, ...settled.map((c) => c.demandStaysAbove! - c.demandOvertakes!)),
  };
}

/** Per run, the day cyberlink demand first overtakes the V supply, in years (null: never). */
export function crossingYears(
  crossings: readonly Crossing[],
  daysPerYear = DAYS_PER_YEAR,
): (number | null)[] {
  return crossings.map((c) => (c.demandOvertakes === null ? null : c.demandOvertakes / daysPerYear));
}

/** The share of values inside [lo, hi]; a missing value (null: never) counts as outside. NaN when empty. */
export function shareWithin(values: readonly (number | null)[], lo: number, hi: number): number {
  if (values.length === 0) return NaN;
  return values.filter((v) => v !== null && v >= lo && v <= hi).length / values.length;
}

/** Per run (in run order), the day's cyberlink demand over the V supply on the last day. */
export function demandOverSupplyAtEnd(frame: pl.DataFrame): number[] {
  const last = frame.getColumn("timestep").max() as number;
  return frame.filter(pl.col("timestep").eq(last)).sort(["subset", "run"])
    .select(pl.col("cyberlinks_per_day").div(pl.col("volt_supply")).alias("ratio"))
    .getColumn("ratio").toArray() as number[];
}

/**
 * The median over runs of the days on which demand overtakes the V supply, a run that never does counting
 * as later than any day: null when at least half the runs never cross (the median run never does).
 */
export function medianCrossingDay(crossings: readonly Crossing[]): number | null {
  const days = crossings.map((c) => c.demandOvertakes ?? Infinity).sort((a, b) => a - b);
  if (days.length === 0) return null;
  const mid = days.length >> 1;
  const m = days.length % 2 ? days[mid] : (days[mid - 1] + days[mid]) / 2;
  return Number.isFinite(m) ? m : null;
}

/** A test of one column of `variantEffects`, e.g. a claim's criterion. */
export interface ColumnTest {
  readonly column: string;
  readonly test: (value: number) => boolean;
}

/** One variant's outcome of each test, and the tests whose outcome differs from the code's row. */
export interface VariantVerdict {
  readonly parameter: string;
  readonly value: string;
  readonly passes: Record<string, boolean>;
  /** Names of the tests this variant passes where the code fails, or fails where the code passes. */
  readonly changed: string[];
}

/**
 * Every row of `variantEffects` tested with the same tests as the conclusions (a missing number fails),
 * and which tests each variant turns the other way from the code's model (the first row).
 */
export function variantVerdicts(
  effects: pl.DataFrame,
  tests: Record<string, ColumnTest>,
): VariantVerdict[] {
  const rows = effects.toRecords();
  const judge = (r: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(tests).map(([name, { column, test }]) => {
        const v = r[column] as number;
        return [name, Number.isFinite(v) && test(v)];
      }),
    );
  const code = judge(rows[0]);
  return rows.map((r) => {
    const passes = judge(r);
    return {
      parameter: r.parameter as string,
      value: r.value as string,
      passes,
      changed: Object.keys(tests).filter((name) => passes[name] !== code[name]),
    };
  });
}

/** The course of the inflation rate in run 1: where it starts, its peak, and when it reaches the floor. */
export interface InflationPath {
  /** The rate at genesis (per year). */
  readonly start: number;
  /** The highest rate, and the first day it is reached. */
  readonly peak: number;
  readonly peakDay: number;
  /** The first day after the peak on which the rate equals the floor; undefined when it never does. */
  readonly floorDay: number | undefined;
  /** The average fall from the peak to the floor, per year (NaN without a floor day). */
  readonly fallPerYear: number;
}

export function inflationPath(frame: pl.DataFrame, floor: number): InflationPath {
  const rows = frame.filter(pl.col("run").eq(1).and(pl.col("subset").eq(0))).sort("timestep")
    .select("timestep", "boot_inflation_rate").toRecords() as {
      timestep: number;
      boot_inflation_rate: number;
    }[];
  if (rows.length === 0) throw new Error("inflationPath: the frame has no row of run 1");
  const peak = Math.max(...rows.map((r) => r.boot_inflation_rate));
  const peakDay = rows.find((r) => r.boot_inflation_rate === peak)!.timestep;
  const floorDay = rows.find((r) => r.timestep > peakDay && r.boot_inflation_rate === floor)?.timestep;
  return {
    start: rows[0].boot_inflation_rate,
    peak,
    peakDay,
    floorDay,
    fallPerYear: floorDay === undefined ? NaN : (peak - floor) / (floorDay - peakDay) * DAYS_PER_YEAR,
  };
}

/** A and V minted in each 30-day month (days 1–30, 31–60, …) of run 1, in millions, from `inPlotUnits`. */
export function mintedPerMonth(units: pl.DataFrame): pl.DataFrame {
  return units.filter(pl.col("timestep").gt(0).and(pl.col("run").eq(1)).and(pl.col("subset").eq(0)))
    .withColumns(pl.col("timestep").sub(1).div(DAYS_PER_MONTH).floor().add(1).alias("month"))
    .groupBy("month").agg(pl.col("ampere_minted_m").sum(), pl.col("volt_minted_m").sum()).sort("month");
}

/** A cell of `investmintSweep`: its axes' values and its measures (null: the median seed never crosses). */
export type SweepCell = Record<string, number | null>;

/** The cells whose median crossing day falls within [lo, hi] years (ends included). */
export function cellsCrossingWithin(
  cells: readonly SweepCell[],
  [lo, hi]: readonly [number, number],
): SweepCell[] {
  return cells.filter((r) => {
    const d = r.crossing_day_median;
    return d !== null && d >= lo * DAYS_PER_YEAR && d <= hi * DAYS_PER_YEAR;
  });
}

/**
 * The cell whose median crossing day is closest to `day` (the first such cell on a tie); undefined when no
 * cell crosses.
 */
export function cellClosestTo(cells: readonly SweepCell[], day: number): SweepCell | undefined {
  const crossing = cells.filter((r) => r.crossing_day_median !== null);
  if (crossing.length === 0) return undefined;
  return crossing.reduce((a, b) =>
    Math.abs(b.crossing_day_median! - day) < Math.abs(a.crossing_day_median! - day) ? b : a
  );
}

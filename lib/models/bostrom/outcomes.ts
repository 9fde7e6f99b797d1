/**
 * The Bostrom runs' frames turned into per-run outcomes: the original's plot units, the first two
 * conclusions' numbers (the supply increase, the monthly validator revenue), the variants judged against the
 * conclusions' tests, the inflation rate's course, and A and V minted per month. Pure functions of frames;
 * nothing here runs the model (experiments.ts does). When demand overtakes the V supply (conclusion 3) is in
 * crossings.ts; the README's other findings are in findings.ts.
 */
import pl from "nodejs-polars";
import { BOOT_PER_GBOOT } from "./formulas.ts";
import type { BostromParams } from "./params.ts";

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

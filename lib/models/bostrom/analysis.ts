/**
 * The source document's plots and conclusions as functions the notebook calls (the model and the README's
 * conclusions are described in docs/models/bostrom.md).
 *
 * 1. BOOT supply grows by about 90% in 10 years: `supplyIncrease`.
 * 2. A validator's monthly revenue grows "from 1 ETH to 15": `monthlyValidatorRevenue`.
 * 3. Cyberlink demand exceeds the V supply after about 2.5 years: `demandOvertakes`, `crossingYears`,
 *    `shareWithin`, `demandOverSupplyAtEnd`.
 *    Its proposed halving periods, horizon and minimum mint rates swept: `investmintSweep`.
 *
 * The README's other findings: `giftClaimedShare`, `bondedShareAt`, `inflationRuleBreaks`,
 * `neuronsOverEthereum`, `loadAgainstTestnet`; the variants against the conclusions' criteria:
 * `variantEffects`, `variantVerdicts`.
 */
import pl from "nodejs-polars";
import { toFrame } from "../../engine/frame.ts";
import { simulate } from "../../engine/simulate.ts";
import { bostrom } from "./model.ts";
import {
  BOOT_PER_GBOOT,
  CPU_BYTES_PER_LINK,
  CPU_SECONDS_PER_LINK,
  GPU_BYTES_PER_LINK,
  GPU_BYTES_PER_PARTICLE,
  GPU_SECONDS_PER_LINK,
} from "./formulas.ts";
import { type BostromParams, bostromParams, README_VARIANTS } from "./params.ts";
import { median } from "../../analysis/quantiles.ts";

/** Days in a month of the monthly revenue (the original's plots count 30-day months). */
export const DAYS_PER_MONTH = 30;
/** Seconds in a day, for transactions per second. */
export const SECONDS_PER_DAY = 86_400;
/** Days in a year (the model's timesteps_per_year). */
export const DAYS_PER_YEAR = 365;

/** One simulation of the model as a frame (last substep per day, as recorded by the engine). */
export function runFrame(
  options: { set?: Record<string, unknown>; runs?: number; seed?: number; steps?: number } = {},
): pl.DataFrame {
  return toFrame(simulate(bostrom, {
    set: options.set,
    runs: options.runs ?? 1,
    seed: options.seed ?? 42,
    steps: options.steps,
  })).drop("substep");
}

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

/** The sensitivity grid: each inflation parameter against the 10-year supply increase, two at a time. */
export function inflationSweep(
  sweep: Record<string, readonly number[]>,
  options: { set?: Record<string, unknown> } = {},
): pl.DataFrame {
  // BOOT supply does not depend on the investmint draws, so one run per cell is exact.
  const frame = toFrame(simulate(bostrom, {
    set: { investmint_period_share: "fixed", ...options.set },
    sweep,
    product: true,
    runs: 1,
  }));
  return supplyIncrease(frame, Object.keys(sweep));
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

/** One model variant: a parameter of kind choice or boolean set to one of its non-default values. */
export interface Variant {
  readonly parameter: string;
  readonly value: string | boolean;
}

/** Every non-default option of every variant parameter (the README's readings, fixed shares, accumulation). */
export function variants(): Variant[] {
  return Object.entries(bostromParams).flatMap(([parameter, def]): Variant[] => {
    if (def.kind === "boolean") return [{ parameter, value: !def.default }];
    if (def.kind === "choice") {
      return (def.options as readonly string[]).filter((o) => o !== def.default).map((value) => ({
        parameter,
        value,
      }));
    }
    return [];
  });
}

/**
 * The three conclusions' numbers under the code's model, under each variant alone and under every README
 * reading together: the 10-year supply increase, one validator's ETH revenue in the first and in the last
 * full month, the median day (over `runs` seeds) on which cyberlink demand overtakes the V supply, and the
 * share of seeds in which it does so within `window` years (default 2 to 3).
 */
export function variantEffects(
  options: { runs?: number; seed?: number; window?: readonly [number, number] } = {},
): pl.DataFrame {
  const [lo, hi] = options.window ?? [2, 3];
  const cases: { parameter: string; value: string; set: Record<string, unknown> }[] = [
    { parameter: "(code)", value: "defaults", set: {} },
    ...variants().map((v) => ({
      parameter: v.parameter,
      value: String(v.value),
      set: { [v.parameter]: v.value },
    })),
    { parameter: "(README)", value: "every README reading", set: README_VARIANTS },
  ];
  const rows = cases.map(({ parameter, value, set }) => {
    const frame = runFrame({ set, runs: options.runs ?? 20, seed: options.seed });
    const form = set.validator_revenue_form === "with_price" ? "with_price" : "gboot";
    const crossings = demandOvertakes(frame);
    const crossing = crossingStats(crossings);
    const revenue = monthlyValidatorRevenue(frame, form).getColumn("revenue_eth");
    return {
      parameter,
      value,
      supply_increase: supplyIncrease(frame.filter(pl.col("run").eq(1))).getColumn("supply_increase").get(0),
      first_month_revenue_eth: revenue.head(1).get(0),
      last_month_revenue_eth: revenue.tail(1).get(0),
      median_overtaking_day: crossing.median,
      runs_never_overtaking: crossing.never,
      share_overtaking_in_window: shareWithin(crossingYears(crossings), lo, hi),
    };
  });
  return pl.DataFrame(rows);
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

// ---------------------------------------------------------------------------------------------------
// Spread over seeds, and the README's other findings

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

/** One day's row of run 1 (first subset): the deterministic state variables read from any run. */
function dayRow(frame: pl.DataFrame, day: number): Record<string, number> {
  const rows = frame.filter(
    pl.col("timestep").eq(day).and(pl.col("run").eq(1)).and(pl.col("subset").eq(0)),
  ).toRecords();
  if (rows.length === 0) throw new Error(`no row for day ${day}`);
  return rows[0] as Record<string, number>;
}

/** Claimed BOOT on a day as a share of the gift (by default the model's 700e12). */
export function giftClaimedShare(
  frame: pl.DataFrame,
  day: number,
  gift = bostromParams.boot_gift_amount_init.default,
): number {
  return dayRow(frame, day).boot_claimed_supply / gift;
}

/** Bonded BOOT over the BOOT supply on a day. */
export function bondedShareAt(frame: pl.DataFrame, day: number): number {
  const r = dayRow(frame, day);
  return r.boot_bonded_supply / r.boot_supply;
}

/**
 * The README's rule for the inflation rate: it rises while the bonded share is below the target (until the
 * cap) and falls while it is above (until the floor). Counts the days (of run 1) on which the rate moved
 * against the previous day's bonded share.
 */
export function inflationRuleBreaks(
  frame: pl.DataFrame,
  target = bostromParams.boot_bonded_share_target.default,
): { days: number; against: number } {
  const rows = frame.filter(pl.col("run").eq(1).and(pl.col("subset").eq(0))).sort("timestep").toRecords();
  let against = 0;
  for (let i = 1; i < rows.length; i++) {
    const share = (rows[i - 1].boot_bonded_supply as number) / (rows[i - 1].boot_supply as number);
    const change = (rows[i].boot_inflation_rate as number) - (rows[i - 1].boot_inflation_rate as number);
    if ((share < target && change < 0) || (share > target && change > 0)) against++;
  }
  return { days: rows.length - 1, against };
}

/**
 * The README's fit to Ethereum's active addresses by day since launch, 2·days² + 100·days + 8700, before
 * it "adjusted the formula with coefficients to expect more rapid growth".
 */
export function ethereumAddresses(day: number): number {
  return 2 * day * day + 100 * day + 8700;
}

/** Neurons on a day over Ethereum's fitted active addresses at the same age. */
export function neuronsOverEthereum(frame: pl.DataFrame, day: number): number {
  return dayRow(frame, day).agents_count / ethereumAddresses(day);
}

/** The README's testnet stress tests: cyberlinks, and GPU RAM (GB), GPU time (s), RAM (GB), CPU time (s). */
export const TESTNET_MEASUREMENTS = [
  {
    setting: "Bostrom testnet 4",
    cyberlinks: 40_335_720,
    gpu_ram_gb: 2,
    gpu_time_s: 0.25,
    ram_gb: 48,
    cpu_time_s: 35,
  },
  { setting: "1B links", cyberlinks: 1e9, gpu_ram_gb: 46, gpu_time_s: 6, ram_gb: 1_200, cpu_time_s: 868 },
  {
    setting: "100B links",
    cyberlinks: 100e9,
    gpu_ram_gb: 4_562,
    gpu_time_s: 620,
    ram_gb: 120_000,
    cpu_time_s: 87_000,
  },
] as const;

/**
 * The load formulas at each testnet setting against the measurement: one row per (setting, quantity) with
 * the model's value, the measured value and the relative error (model / measured − 1).
 */
export function loadAgainstTestnet(
  particlePerLink = bostromParams.particle_per_link.default,
): pl.DataFrame {
  const model = {
    gpu_ram_gb: (l: number) => (GPU_BYTES_PER_LINK * l + GPU_BYTES_PER_PARTICLE * l * particlePerLink) / 1e9,
    gpu_time_s: (l: number) => GPU_SECONDS_PER_LINK * l,
    ram_gb: (l: number) => CPU_BYTES_PER_LINK * l / 1e9,
    cpu_time_s: (l: number) => CPU_SECONDS_PER_LINK * l,
  };
  const names = {
    gpu_ram_gb: "GPU memory (GB)",
    gpu_time_s: "GPU time (s)",
    ram_gb: "RAM (GB)",
    cpu_time_s: "CPU time (s)",
  };
  const rows = TESTNET_MEASUREMENTS.flatMap((m) =>
    (Object.keys(model) as (keyof typeof model)[]).map((q) => {
      const value = model[q](m.cyberlinks);
      return {
        setting: m.setting,
        cyberlinks: m.cyberlinks,
        quantity: names[q],
        model: value,
        testnet: m[q] as number,
        relative_error: value / m[q] - 1,
      };
    })
  );
  return pl.DataFrame(rows);
}

/** The first day (of run 1) on which `column` is at least `min`; undefined when it never is. */
export function firstDayAtLeast(frame: pl.DataFrame, column: string, min: number): number | undefined {
  const hit = frame.filter(pl.col("run").eq(1).and(pl.col("subset").eq(0)).and(pl.col(column).gtEq(min)))
    .getColumn("timestep");
  return hit.length > 0 ? (hit.min() as number) : undefined;
}

/** The gift's phases as the run shows them (run 1): days on which the BOOT waiting for distribution and the frozen gift change course. */
export interface GiftPhases {
  /** First day on which all the gift is claimed. */
  readonly allClaimed: number | undefined;
  /** First day after activation on which the contract holds at most its last 1% (releases stop). */
  readonly releasesStop: number | undefined;
  /** First day after activation on which no claimed BOOT is waiting for distribution. */
  readonly waitingEmpty: number | undefined;
  /** First day after `waitingEmpty` on which claimed BOOT is waiting again. */
  readonly waitingAgain: number | undefined;
  /** Claimed BOOT waiting for distribution on the last day, as a share of the gift. */
  readonly waitingAtEnd: number;
}

export function giftPhases(
  frame: pl.DataFrame,
  gift = bostromParams.boot_gift_amount_init.default,
  activation = bostromParams.days_for_gift_activation.default,
): GiftPhases {
  const rows = frame.filter(pl.col("run").eq(1).and(pl.col("subset").eq(0))).sort("timestep")
    .toRecords() as Record<string, number>[];
  const after = rows.filter((r) => r.timestep > activation);
  const waitingEmpty = after.find((r) => r.boot_to_distribution_supply <= 0)?.timestep;
  return {
    allClaimed: rows.find((r) => r.boot_claimed_supply >= gift * (1 - 1e-12))?.timestep,
    releasesStop: after.find((r) => r.boot_frozen_supply <= 0.01 * gift * (1 + 1e-12))?.timestep,
    waitingEmpty,
    waitingAgain: waitingEmpty === undefined
      ? undefined
      : after.find((r) => r.timestep > waitingEmpty && r.boot_to_distribution_supply > 0)?.timestep,
    waitingAtEnd: rows[rows.length - 1].boot_to_distribution_supply / gift,
  };
}

// ---------------------------------------------------------------------------------------------------
// Conclusion 3's parameters: halving periods, horizon and minimum mint rates

/** One axis of an investmint sweep: a name for the axis and the parameters it sets, all to the same value. */
export interface SweepAxis {
  /** The parameters this axis sets (e.g. both halving periods, A's and V's, alike). */
  readonly params: readonly (keyof BostromParams)[];
  readonly values: readonly number[];
}

/** Both halving periods, A's and V's, set alike. */
export const HALVING_PERIODS = ["ampere_base_halving_period", "volt_base_halving_period"] as const;
/** Both minimum mint rates, A's and V's, set alike. */
export const MINT_RATE_MINS = ["ampere_mint_rate_min", "volt_mint_rate_min"] as const;

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

/**
 * Conclusion 3's parameters swept: for every combination of the axes' values (each axis sets all its
 * parameters to its value; every other parameter at `set` or the code's default), `runs` seeds of the
 * model (`steps` days, by default the model's 3650), and per combination one row with a column per axis (named by the axis) and:
 * `crossing_day_median` (`medianCrossingDay`: the first day demand exceeds the V supply after the supply
 * first covered it, median over seeds; null when the median seed never crosses), `crossing_day_min` and
 * `crossing_day_max` over the seeds that cross (null when none does), `runs_never_crossing`,
 * `demand_over_supply_end` (median over seeds of the last day's demand over the V supply) and
 * `supply_increase` (the 10-year BOOT supply increase, which no investmint draw changes, so run 1's).
 * Rows are ordered as the cartesian product of the axes, the first axis varying slowest.
 */
export function investmintSweep(
  axes: Record<string, SweepAxis>,
  options: { runs?: number; seed?: number; steps?: number; set?: Record<string, unknown> } = {},
): pl.DataFrame {
  const names = Object.keys(axes);
  if (names.length === 0) throw new Error("investmintSweep needs at least one axis");
  let cells: Record<string, number>[] = [{}];
  for (const name of names) {
    if (axes[name].values.length === 0) throw new Error(`axis ${name} has no values`);
    cells = cells.flatMap((cell) => axes[name].values.map((v) => ({ ...cell, [name]: v })));
  }
  const rows = cells.map((cell) => {
    const set: Record<string, unknown> = { ...options.set };
    for (const name of names) for (const p of axes[name].params) set[p] = cell[name];
    const frame = runFrame({ set, runs: options.runs ?? 10, seed: options.seed, steps: options.steps });
    const crossings = demandOvertakes(frame);
    const days = crossings.map((c) => c.demandOvertakes).filter((d): d is number => d !== null);
    return {
      ...cell,
      crossing_day_median: medianCrossingDay(crossings),
      crossing_day_min: days.length ? Math.min(...days) : null,
      crossing_day_max: days.length ? Math.max(...days) : null,
      runs_never_crossing: crossings.length - days.length,
      demand_over_supply_end: median(demandOverSupplyAtEnd(frame)),
      supply_increase: supplyIncrease(frame.filter(pl.col("run").eq(1))).getColumn("supply_increase")
        .get(0) as number,
    };
  });
  // Column by column with explicit types, so that a column whose first values are null stays numeric.
  const columns = Object.keys(rows[0]) as (keyof typeof rows[0])[];
  return pl.DataFrame(columns.map((c) => pl.Series(c, rows.map((r) => r[c] ?? null), pl.Float64)));
}

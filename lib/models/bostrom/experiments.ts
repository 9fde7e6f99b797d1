/**
 * The experiments of the Bostrom notebook, each planned and run here: one run of the code's model, the
 * Monte Carlo over seeds, the investmint variants behind conclusion 3, every variant against the
 * conclusions, the sensitivity of the 10-year supply increase to the inflation parameters, and the sweeps of
 * conclusion 3's halving periods, horizon and minimum mint rates. `Settings` holds the notebook's knobs.
 */
import pl from "nodejs-polars";
import { toFrame } from "../../engine/frame.ts";
import { simulate } from "../../engine/simulate.ts";
import { bostrom } from "./model.ts";
import { type BostromParams, bostromParams, README_VARIANTS } from "./params.ts";
import { monthlyValidatorRevenue, supplyIncrease } from "./outcomes.ts";
import {
  crossingStats,
  crossingYears,
  demandOverSupplyAtEnd,
  demandOvertakes,
  medianCrossingDay,
  shareWithin,
} from "./crossings.ts";
import { median } from "../../analysis/quantiles.ts";
import {
  nonEmptySetting,
  settingError,
  settingIncludes,
  settingValuesWithin,
  wholeSetting,
} from "../../notebook/settings.ts";

/** The notebook's knobs. */
export interface Settings {
  /** Root seed of every run; each run draws its investmint periods from its own stream under it. */
  readonly seed: number;
  /** Seeds of the Monte Carlo and of each investmint variant: 100 put the 5–95% band on 5 seeds each side. */
  readonly runs: number;
  /** Seeds of each row of the every-variant table: 14 rows, so fewer seeds each keep the report fast. */
  readonly variantRuns: number;
  /** Seeds of each cell of the halving × horizon grid and of the minimum-mint-rate sweep (35 cells). */
  readonly sweepRuns: number;
  /** Inflation caps (boot_inflation_rate_max, per year) of the sensitivity grid: the code's 0.15 ± 0.05. */
  readonly caps: readonly number[];
  /**
   * Largest yearly changes of the inflation rate (boot_inflation_rate_change_annual, per year) swept
   * against the caps: the code's 0.2 ± 0.1. Must include the code's value, the text's reference column.
   */
  readonly rateChanges: readonly number[];
  /** Inflation floors (boot_inflation_rate_min, per year): the code's 0.03 ± 0.02; must include it. */
  readonly floors: readonly number[];
  /**
   * Bonded-share targets (boot_bonded_share_target, fraction of supply) swept against the floors: the code's
   * 0.8 ± 0.1, either side of the 0.85 neurons bond towards; must include the code's value.
   */
  readonly targets: readonly number[];
  /**
   * Halving periods of A and V alike (…_base_halving_period, days): the proposed 547 and ±1/6 and ±1/3 of
   * it; must include 547, the grid's reference cell.
   */
  readonly halvings: readonly number[];
  /** Horizons before each raise of the investmint max period (horizon_period_init, days), as the halvings. */
  readonly horizons: readonly number[];
  /**
   * Minimum mint rates of A and V alike (…_mint_rate_min, fraction of the base rate), ascending from the
   * proposed 0.01 (the sweep's reference, first) to 1 (no halving at all).
   */
  readonly mintFloors: readonly number[];
  /** Days of the longer run that finds the day the mint rate reaches its floor, past the ten years. */
  readonly scheduleSteps: number;
  /**
   * Latin-hypercube points over the uncertain parameters (dependence.ts): 40 put the PRCC's chance level
   * near 0.16, well under the 0.4 that names a parameter as one that flips a verdict.
   */
  readonly lhsPoints: number;
  /** Seeds of each Latin-hypercube point (the crossing's share of seeds needs several; 4 keep it fast). */
  readonly lhsSeeds: number;
}

export const DEFAULT_SETTINGS: Settings = {
  seed: 42,
  runs: 100,
  variantRuns: 20,
  sweepRuns: 10,
  caps: [0.1, 0.125, 0.15, 0.175, 0.2],
  rateChanges: [0.1, 0.15, 0.2, 0.25, 0.3],
  floors: [0.01, 0.02, 0.03, 0.04, 0.05],
  targets: [0.7, 0.75, 0.8, 0.85, 0.9],
  halvings: [365, 456, 547, 638, 730],
  horizons: [365, 456, 547, 638, 730],
  mintFloors: [0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1],
  scheduleSteps: 5000,
  lhsPoints: 40,
  lhsSeeds: 4,
};

/** Refuses settings no experiment can run, or that lack a value the notebook reads, naming the field. */
export function checkSettings(s: Settings): void {
  wholeSetting(s, "seed");
  for (const name of ["runs", "variantRuns", "sweepRuns", "scheduleSteps", "lhsSeeds"] as const) {
    wholeSetting(s, name, 1);
  }
  wholeSetting(s, "lhsPoints", 8);
  const grids = ["caps", "rateChanges", "floors", "targets", "halvings", "horizons", "mintFloors"] as const;
  for (const name of grids) {
    nonEmptySetting(s, name);
    settingValuesWithin(s, name, (v) => Number.isFinite(v) && v > 0, "each a number > 0");
  }
  const needs: [keyof Settings & (typeof grids)[number], keyof BostromParams][] = [
    ["rateChanges", "boot_inflation_rate_change_annual"],
    ["floors", "boot_inflation_rate_min"],
    ["targets", "boot_bonded_share_target"],
    ["halvings", "volt_base_halving_period"],
    ["horizons", "horizon_period_init"],
  ];
  for (const [name, param] of needs) {
    const code = bostromParams[param].default as number;
    settingIncludes(s, name, code, `the code's ${param}, the value the text compares with`);
  }
  const proposed = bostromParams.volt_mint_rate_min.default;
  if (s.mintFloors[0] !== proposed || s.mintFloors.some((v, i) => i > 0 && v <= s.mintFloors[i - 1])) {
    throw settingError("mintFloors", s.mintFloors, `rising from the proposed ${proposed}`);
  }
  settingValuesWithin(s, "mintFloors", (v) => v <= 1, "each a fraction ≤ 1");
}

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

/** One ten-year run of the code's model (run 1 under the root seed). */
export function runOne(settings: Settings): pl.DataFrame {
  checkSettings(settings);
  return runFrame({ seed: settings.seed });
}

/** The code's model over `settings.runs` seeds. */
export function runMonteCarlo(settings: Settings): pl.DataFrame {
  checkSettings(settings);
  return runFrame({ runs: settings.runs, seed: settings.seed });
}

/**
 * The code's model run past the ten years (`settings.scheduleSteps` days) with the fixed period share, to
 * find where the mint-rate schedule ends.
 */
export function runSchedule(settings: Settings): pl.DataFrame {
  checkSettings(settings);
  return runFrame({
    steps: settings.scheduleSteps,
    seed: settings.seed,
    set: { investmint_period_share: "fixed" },
  });
}

/**
 * The investmint variants behind conclusion 3, in the order the notebook's table lists them: the code,
 * releases accumulated, the period share fixed, both, and the README's normal shares.
 */
export const INVESTMINT_VARIANTS: readonly {
  readonly name: string;
  readonly set: Record<string, unknown>;
}[] = [
  { name: "code: overwrite, random shares", set: {} },
  { name: "release_mode = accumulate", set: { release_mode: "accumulate" } },
  { name: "investmint_period_share = fixed", set: { investmint_period_share: "fixed" } },
  { name: "accumulate and fixed", set: { release_mode: "accumulate", investmint_period_share: "fixed" } },
  { name: "investmint_period_share = normal (README)", set: { investmint_period_share: "normal" } },
];

/** Each of `INVESTMINT_VARIANTS` over `settings.runs` seeds, one frame each, in that order. */
export function runInvestmintVariants(settings: Settings): pl.DataFrame[] {
  checkSettings(settings);
  return INVESTMINT_VARIANTS.map(({ set }) => runFrame({ set, runs: settings.runs, seed: settings.seed }));
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

/** `variantEffects` over `settings.variantRuns` seeds, the crossing counted within `window` years. */
export function runVariantEffects(settings: Settings, window: readonly [number, number]): pl.DataFrame {
  checkSettings(settings);
  return variantEffects({ runs: settings.variantRuns, seed: settings.seed, window });
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

/**
 * The inflation parameters against the 10-year supply increase, two at a time: the cap against the largest
 * yearly change, and the floor against the bonded-share target (`inflationSweep`, one row per pair).
 */
export function runInflationSweeps(
  settings: Settings,
): { capChange: pl.DataFrame; floorTarget: pl.DataFrame } {
  checkSettings(settings);
  return {
    capChange: inflationSweep({
      boot_inflation_rate_max: settings.caps,
      boot_inflation_rate_change_annual: settings.rateChanges,
    }),
    floorTarget: inflationSweep({
      boot_inflation_rate_min: settings.floors,
      boot_bonded_share_target: settings.targets,
    }),
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

/** The halving period (A's and V's alike) against the horizon, `settings.sweepRuns` seeds per cell. */
export function runHalvingGrid(settings: Settings): pl.DataFrame {
  checkSettings(settings);
  return investmintSweep({
    halving_period: { params: HALVING_PERIODS, values: settings.halvings },
    horizon_period_init: { params: ["horizon_period_init"], values: settings.horizons },
  }, { runs: settings.sweepRuns, seed: settings.seed });
}

/** The minimum mint rate (A's and V's alike), `settings.sweepRuns` seeds per value. */
export function runMintFloorSweep(settings: Settings): pl.DataFrame {
  checkSettings(settings);
  return investmintSweep(
    { mint_rate_min: { params: MINT_RATE_MINS, values: settings.mintFloors } },
    { runs: settings.sweepRuns, seed: settings.seed },
  );
}

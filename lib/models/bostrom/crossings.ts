/**
 * When, in each run, cyberlink demand overtakes the V supply (conclusion 3), and the same over runs: the
 * crossing days, their median, range and share within a window of years, demand over supply on the last
 * day, and the cells of the investmint sweeps that the text picks out. Pure functions of frames.
 */
import pl from "nodejs-polars";
import { median } from "../../analysis/quantiles.ts";
import { DAYS_PER_YEAR } from "./outcomes.ts";

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

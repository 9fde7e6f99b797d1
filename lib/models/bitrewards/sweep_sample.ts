/**
 * The sweep claims (a critical tracing accuracy, phase transitions, investors dominating, winner takes most)
 * read a statistic of whole sweeps: the largest jump or the highest value over the gas fee × funding split
 * map and the tracing-accuracy line. Their dependence on the uncertain parameters (sensitivity.ts
 * INTERVALS) needs both sweeps again at every set of a Latin-hypercube sample: each set runs the map at its
 * own tracing accuracy, churn threshold and aspiration, and the line at its own gas fee and funding split
 * (and the same two), one run a cell so that the sample fits the notebook's time. One run a cell inflates
 * a jump or a maximum over noisy cells, so each set's statistic is corrected by that excess as measured on
 * the main sweeps (sweeps.ts `singleRunBias`). experiments.ts `runSweepSample` runs it.
 */
import pl from "nodejs-polars";
import type { SweepLists } from "../../engine/sweep.ts";
import { formatNumber } from "../../analysis/format.ts";
import type { Dependence } from "../../notebook/claims.ts";
import { dependenceOver } from "./dependence.ts";
import { PARAMETERS } from "./sensitivity.ts";
import {
  type Grid,
  type GridStatistic,
  gridValue,
  largestJumpOf,
  largestJumpShareOf,
  largestStepShare,
  singleRunBias,
} from "./sweeps.ts";

/** The keys of the map's cells and of the line's points. */
export const MAP_KEYS = ["gas_fee_share_rate", "investor_royalty_max"] as const;
export const LINE_KEYS = ["tracing_accuracy"] as const;

/** What a sweep claim measures: a statistic of the per-cell medians of a column, over which sweeps. */
export interface SweepStatistic {
  readonly column: string;
  /** Both sweeps (map and line), or the tracing line alone. */
  readonly over: "both" | "line";
  readonly statistic: GridStatistic;
}

const highest: GridStatistic = (cells) => Math.max(...cells.flat().map((c) => c.value));
const jump = largestJumpOf([MAP_KEYS, LINE_KEYS]);
const jumpShare = largestJumpShareOf([MAP_KEYS, LINE_KEYS]);

/** The sweep claims' statistics, by claim id: the one definition the claims and the sample both read. */
export const SWEEP_STATISTICS = {
  critical_tracing: {
    column: "upstream_creator_share",
    over: "line",
    statistic: (cells) => largestStepShare(cells[0].map((c) => c.value)).share,
  },
  phase_creator_churn: { column: "active_creators_end", over: "both", statistic: jump },
  phase_investor_roi: { column: "median_investor_roi", over: "both", statistic: jumpShare },
  phase_income_shares: { column: "investor_share", over: "both", statistic: jumpShare },
  investors_dominate: { column: "investor_share", over: "both", statistic: highest },
  winner_takes_most: { column: "top_decile_share", over: "both", statistic: highest },
} as const satisfies Record<string, SweepStatistic>;
export type SweepClaim = keyof typeof SWEEP_STATISTICS;

/** The grids a statistic reads, from the map's and the line's per-run outcomes. */
export function gridsOf(over: SweepStatistic["over"], map: pl.DataFrame, line: pl.DataFrame): Grid[] {
  const lineGrid = { outcomes: line, keys: LINE_KEYS };
  return over === "line" ? [lineGrid] : [{ outcomes: map, keys: MAP_KEYS }, lineGrid];
}

/** The parameters each sweep leaves to the sample (the others are its axes). */
const MAP_SAMPLED = ["tracing_accuracy", "churn_threshold", "aspiration_income_creators"] as const;
const LINE_SAMPLED = ["gas_fee_share_rate", "funding_split", "churn_threshold", "aspiration_income_creators"];

/** The model parameters a sampled parameter is written to (the funding split to both royalty bounds). */
const written = (name: string) =>
  name === "funding_split" ? ["investor_royalty_min", "investor_royalty_max"] : [name];

/**
 * Both sweeps over a sample (one value per set of every parameter of PARAMETERS): the set's values zipped
 * in one group, crossed with the sweep's own axes, so the plan's subsets run set by set.
 */
export function sampleSweeps(
  sample: Readonly<Record<string, readonly number[]>>,
  axes: {
    gasFeeShares: readonly number[];
    fundingSplits: readonly number[];
    tracingAccuracies: readonly number[];
  },
): { map: SweepLists[]; line: SweepLists[] } {
  const setGroup = (names: readonly string[]): SweepLists =>
    Object.fromEntries(names.flatMap((name) => written(name).map((p) => [p, [...sample[name]]])));
  return {
    map: [
      setGroup(MAP_SAMPLED),
      { gas_fee_share_rate: [...axes.gasFeeShares] },
      { investor_royalty_min: [...axes.fundingSplits], investor_royalty_max: [...axes.fundingSplits] },
    ],
    line: [setGroup(LINE_SAMPLED), { tracing_accuracy: [...axes.tracingAccuracies] }],
  };
}

/**
 * A sweep's per-run outcomes with the set of each run: subsets are numbered set by set (the set group is
 * crossed first), `cells` to a set. Checks that each run carries its set's sampled values, so a change in
 * how plans number subsets cannot silently mix the sets.
 */
export function withSets(
  outcomes: pl.DataFrame,
  cells: number,
  sample: Readonly<Record<string, readonly number[]>>,
  checked: readonly string[],
): pl.DataFrame {
  const sets = (outcomes.getColumn("subset").toArray() as number[]).map((subset) =>
    Math.floor(Number(subset) / cells)
  );
  const out = outcomes.withColumns(pl.Series("set", sets, pl.Int64));
  for (const name of checked) {
    const column = name === "funding_split" ? "investor_royalty_max" : name;
    const values = out.getColumn(column).toArray() as number[];
    const bad = values.findIndex((v, i) => v !== sample[name][sets[i]]);
    if (bad >= 0) throw new Error(`withSets: run ${bad + 1} does not carry its set's ${name}`);
  }
  return out;
}

/** A run sweep sample: the sampled values, and each sweep's per-run outcomes with their `set`. */
export interface SweepSample {
  readonly sets: number;
  /** Runs a cell. */
  readonly runs: number;
  readonly values: Readonly<Record<string, readonly number[]>>;
  readonly map: pl.DataFrame;
  readonly line: pl.DataFrame;
}

/**
 * How a sweep claim depends on the uncertain parameters: per set, the claim's statistic on the set's
 * sweeps (in the claim's unit, `scale`), less the excess one run a cell gives over medians on the main
 * sweeps (`main`), judged by `holds`; the parameters ranked are the ones the claim's sweeps sample.
 */
export function sweepDependence(
  sample: SweepSample,
  id: SweepClaim,
  main: { map: pl.DataFrame; line: pl.DataFrame },
  holds: (x: number) => boolean,
  scale = 1,
): Dependence {
  const { column, over, statistic } = SWEEP_STATISTICS[id];
  const bias = singleRunBias(gridsOf(over, main.map, main.line), column, statistic);
  const values = Array.from({ length: sample.sets }, (_, k) => {
    const ofSet = (f: pl.DataFrame) => f.filter(pl.col("set").eq(k));
    return scale *
      (gridValue(gridsOf(over, ofSet(sample.map), ofSet(sample.line)), column, statistic) - bias);
  });
  const sampled = over === "line" ? LINE_SAMPLED : PARAMETERS;
  const runs = `${sample.runs} ${sample.runs === 1 ? "run" : "runs"} a cell`;
  return dependenceOver(
    Object.fromEntries(sampled.map((p) => [p, sample.values[p]])),
    values,
    holds,
    `${sample.sets} Latin-hypercube sets, at each ${
      over === "line"
        ? "the tracing line at the set's gas fee, funding split, churn threshold and aspiration"
        : "the gas fee × funding split map at the set's tracing accuracy, churn threshold and aspiration, " +
          "and the tracing line at its gas fee, funding split, churn threshold and aspiration"
    }, ${runs}; each set's statistic less ${formatNumber(scale * bias, { digits: 2 })} (the excess ${runs} ` +
      `adds over the cells' medians, measured on the main sweeps)`,
  );
}

/**
 * The planned analyses the design document names besides its scenarios (its section 5 and the phase-1
 * sweep): sweeps of the derivative split and of the reward walk's limits (max_graph_depth,
 * max_ancestors_per_event), inequality against the creators' share across every run, and where in the
 * explored space investors reach a target ROI or creators take about half of the royalties. Pure functions
 * over per-run outcomes (outcomes.ts), and the plans experiments.ts runs.
 */
import type pl from "nodejs-polars";
import { correlation } from "../../analysis/prcc.ts";
import { ranks } from "../../analysis/ranks.ts";

/** Spearman's rank correlation: the Pearson correlation of the ranks (ties at their average rank). */
export function spearman(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length < 3) {
    throw new Error(`spearman: needs two samples of the same size ≥ 3, got ${a.length} and ${b.length}`);
  }
  return correlation(ranks(a), ranks(b));
}

/** One source of runs for the inequality analysis: a label and its per-run outcomes. */
export interface RunSource {
  readonly label: string;
  readonly outcomes: pl.DataFrame;
}

/**
 * Per source and over all of them: the runs, the range of the creators' final wealth Gini and of their share
 * of royalties, and the Spearman correlation between the two across the runs (NaN when either is constant).
 */
export function giniAgainstShare(sources: readonly RunSource[]) {
  const row = (label: string, frames: readonly pl.DataFrame[]) => {
    const gini = frames.flatMap((f) => f.getColumn("final_gini_creators_wealth").toArray() as number[]);
    const share = frames.flatMap((f) => f.getColumn("creator_share").toArray() as number[]);
    return {
      source: label,
      runs: gini.length,
      giniLo: Math.min(...gini),
      giniHi: Math.max(...gini),
      shareLo: Math.min(...share),
      shareHi: Math.max(...share),
      spearman: spearman(gini, share),
    };
  };
  return [...sources.map((s) => row(s.label, [s.outcomes])), row("all runs", sources.map((s) => s.outcomes))];
}

/** A point of a sweep or a sampled parameter set, with the medians the regions are read from. */
export interface RegionCell {
  readonly label: string;
  readonly roi: number;
  readonly creatorShare: number;
}

/** "About half": creators' share of royalties within this distance of ½ (5 percentage points). */
export const HALF_TOLERANCE = 0.05;

/**
 * Where the explored settings reach the targets the document names: the cells whose median investor ROI is
 * at least each target, and those where creators take about half of the royalties (within HALF_TOLERANCE),
 * with the highest ROI and the creators' share nearest ½ for the caption when none does.
 */
export function targetRegions(cells: readonly RegionCell[], targets: readonly number[]) {
  if (cells.length === 0) throw new Error("targetRegions: no cells");
  const best = cells.reduce((a, b) => (b.roi > a.roi ? b : a));
  const nearestHalf = cells.reduce((a, b) =>
    Math.abs(b.creatorShare - 0.5) < Math.abs(a.creatorShare - 0.5) ? b : a
  );
  return {
    reaching: targets.map((target) => ({ target, cells: cells.filter((c) => c.roi >= target) })),
    half: cells.filter((c) => Math.abs(c.creatorShare - 0.5) <= HALF_TOLERANCE),
    best,
    nearestHalf,
  };
}

/**
 * The original repository's published results and where each falls among the reproduction's runs. Only
 * the result tables survive (its results files, statistics at month 120; each value a mean over its 10
 * runs). See docs/models/honey.md.
 */
import pl from "nodejs-polars";
import { resample } from "../../analysis/bootstrap.ts";
import { quantile } from "../../analysis/quantiles.ts";
import { streamFor } from "../../engine/random.ts";

/** A published cell: its parameters and the published mean saturation at month 120. */
export type PublishedRow = { readonly saturation: number; readonly [param: string]: number };

/** Runs the original averaged into each published mean. */
export const PUBLISHED_RUNS = 10;

/** The final experiment: throttle zipped with target, at productivity FINAL_PRODUCTIVITY. */
export const PUBLISHED_FINAL_SATURATION: readonly PublishedRow[] = [
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
/** The productivity of the final experiment. */
export const FINAL_PRODUCTIVITY = 0.88;

/** The productivity-range experiment (an earlier results file), at throttle 0.008 and target 0.2. */
export const PUBLISHED_PRODUCTIVITY_SATURATION: readonly PublishedRow[] = [
  { productivity: 0.87, saturation: 0.204 },
  { productivity: 0.88, saturation: 0.603 },
  { productivity: 0.89, saturation: 0.645 },
  { productivity: 0.9, saturation: 0.667 },
];

/** The parameters a published table varies: every column but the saturation. */
export const publishedKeys = (cells: readonly PublishedRow[]) =>
  Object.keys(cells[0]).filter((k) => k !== "saturation");

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
 * Each published cell against the reproduction's final saturations (`finals`: one row per run at month
 * 120, with the cells' parameter columns): `resamples` means of PUBLISHED_RUNS runs drawn with
 * replacement from the cell's runs (one stream from `seed`, cells in order), and the published mean's
 * percentile among them. Runs are bimodal, so single 10-run means vary widely.
 */
export function comparePublished(
  finals: pl.DataFrame,
  cells: readonly PublishedRow[],
  options: { resamples: number; seed: number },
): PublishedCell[] {
  const keys = publishedKeys(cells);
  const rng = streamFor(`${options.seed}/published`);
  const { resamples } = options;
  return cells.map((cell) => {
    const mine = keys.reduce((f, k) => f.filter(pl.col(k).eq(cell[k])), finals);
    const values = (mine.getColumn("saturation").toArray() as number[]).filter((v) => Number.isFinite(v));
    if (values.length === 0) throw new Error(`no runs for ${JSON.stringify(cell)}`);
    const means = Array.from(
      { length: resamples },
      () => resample(values, rng, PUBLISHED_RUNS).reduce((sum, v) => sum + v, 0) / PUBLISHED_RUNS,
    );
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

/** How many published cells lie within the central 95% of the reproduction's 10-run means. */
export const publishedInside = (cells: readonly PublishedCell[]) =>
  cells.filter((c) => c.percentile >= 0.025 && c.percentile <= 0.975).length;

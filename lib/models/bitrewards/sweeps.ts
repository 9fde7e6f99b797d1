/**
 * Statistics of the sweeps (tracing accuracy, gas fee × funding split): per-cell medians, the largest change
 * between neighbouring cells, how concentrated a line's change is, and bootstrap spreads of such statistics.
 */
import pl from "nodejs-polars";
import { bootstrap, resample } from "../../analysis/bootstrap.ts";
import { median, quantile } from "../../analysis/quantiles.ts";

/** Medians over runs of some columns, per cell of a grid of swept parameters, sorted by the keys. */
export function gridMedians(
  outcomes: pl.DataFrame,
  keys: readonly string[],
  columns: readonly string[],
): Record<string, number>[] {
  return outcomes.groupBy([...keys]).agg(...columns.map((c) => pl.col(c).median()))
    .sort([...keys]).toRecords() as Record<string, number>[];
}

/** How many cells a sweep's runs fill (distinct combinations of the keys), and runs per cell on average. */
export function gridShape(outcomes: pl.DataFrame, keys: readonly string[]): { cells: number; runs: number } {
  const cells = outcomes.select(...keys).unique().height;
  return { cells, runs: outcomes.height / cells };
}

/** The largest change of an outcome between two neighbouring points of a grid. */
export interface Jump {
  readonly size: number;
  readonly from: Record<string, number>;
  readonly to: Record<string, number>;
}

/**
 * The largest absolute change of `value` between neighbouring cells of a grid (cells one grid step apart
 * along one key, the other keys equal). With one key this walks a line.
 */
export function largestJump(
  cells: readonly Record<string, number>[],
  keys: readonly string[],
  value: string,
): Jump {
  const levels = keys.map((k) => [...new Set(cells.map((c) => c[k]))].sort((a, b) => a - b));
  const at = new Map(cells.map((c) => [keys.map((k) => c[k]).join("|"), c]));
  let best: Jump | undefined;
  for (const cell of cells) {
    keys.forEach((k, i) => {
      const next = levels[i][levels[i].indexOf(cell[k]) + 1];
      if (next === undefined) return;
      const other = at.get(keys.map((kk) => (kk === k ? next : cell[kk])).join("|"));
      if (!other) return;
      const size = Math.abs(other[value] - cell[value]);
      if (!best || size > best.size) best = { size, from: cell, to: other };
    });
  }
  if (!best) throw new Error("largestJump: the grid has no neighbouring cells");
  return best;
}

/**
 * How concentrated a response along a line is: the largest change between neighbouring points as a
 * share of the total variation (Σ |changes|). 1 / (points − 1) for a straight line, near 1 for a step.
 */
export function largestStepShare(values: readonly number[]): { share: number; index: number } {
  const steps = values.slice(1).map((v, i) => Math.abs(v - values[i]));
  const total = steps.reduce((a, b) => a + b, 0);
  const index = steps.indexOf(Math.max(...steps));
  return { share: total > 0 ? steps[index] / total : 0, index };
}

/** A sweep's per-run outcomes and the swept keys whose combinations make its cells. */
export interface Grid {
  readonly outcomes: pl.DataFrame;
  readonly keys: readonly string[];
}

/** A statistic of grids of per-cell medians: one list of cells per grid, each with its keys and `value`. */
export type GridStatistic = (grids: readonly Record<string, number>[][]) => number;

/** A grid's cells in the order of their keys (a one-key grid is a line from its lowest value up), each with its runs' values of a column in row order. */
type Cells = { key: Record<string, number>; values: number[] }[];

function cellsOf(grids: readonly Grid[], column: string): Cells[] {
  return grids.map(({ outcomes, keys }) => {
    const rows = outcomes.select(...keys, column).toRecords() as Record<string, number>[];
    const cells = new Map<string, { key: Record<string, number>; values: number[] }>();
    for (const row of rows) {
      const id = keys.map((k) => row[k]).join("|");
      const cell = cells.get(id) ?? { key: Object.fromEntries(keys.map((k) => [k, row[k]])), values: [] };
      cell.values.push(Number(row[column]));
      cells.set(id, cell);
    }
    return [...cells.values()].sort((a, b) => {
      for (const k of keys) if (a.key[k] !== b.key[k]) return a.key[k] - b.key[k];
      return 0;
    });
  });
}

/** The grids' cells with `value` drawn from each cell's runs by `draw` (e.g. their median). */
const cellValues = (cells: readonly Cells[], draw: (values: number[]) => number) =>
  cells.map((grid) => grid.map((c) => ({ ...c.key, value: draw(c.values) })));

/** A statistic of the grids of per-cell medians of a column. */
export function gridValue(grids: readonly Grid[], column: string, statistic: GridStatistic): number {
  return statistic(cellValues(cellsOf(grids, column), median));
}

/**
 * How much larger a statistic comes out from one run a cell than from the cells' medians, on the same
 * grids: the mean over run positions r of the statistic of every cell's r-th run, minus the statistic of
 * the medians (positions up to the smallest cell's run count). A sample that runs each cell once measures
 * the statistic with this bias (a maximum or a jump over noisy cells is inflated), so its values are
 * corrected by it.
 */
export function singleRunBias(grids: readonly Grid[], column: string, statistic: GridStatistic): number {
  const cells = cellsOf(grids, column);
  const runs = Math.min(...cells.flat().map((c) => c.values.length));
  const single = Array.from({ length: runs }, (_, r) => statistic(cellValues(cells, (values) => values[r])));
  return single.reduce((a, b) => a + b, 0) / runs - statistic(cellValues(cells, median));
}

/**
 * A statistic of the grids of per-cell medians of a column, and its spread: the 5th–95th percentiles of
 * the statistic over bootstrap resamplings, each drawing every cell's runs again with replacement. The
 * resampled statistics themselves (`draws`) are what a claim's stability is read from.
 *
 * The draws are bias-corrected: shifted by their mean's distance from the statistic of the runs. A highest
 * value or a largest jump over cells is biased upward under resampling (each cell's noise can only raise a
 * maximum), so uncorrected draws gave intervals that lay wholly above the value the runs measured (a
 * winner-takes-most share of 20.5 % with 5–95 % 20.7–23.1); for a statistic without bias the shift is ~0.
 */
export function bootstrapGrids(
  grids: readonly Grid[],
  column: string,
  statistic: GridStatistic,
  options: { resamples?: number; seed?: number } = {},
): { value: number; p5: number; p95: number; resamples: number; draws: number[]; bias: number } {
  const resamples = options.resamples ?? 1000;
  const cells = cellsOf(grids, column);
  const value = statistic(cellValues(cells, median));
  const raw = bootstrap(
    (rng) => statistic(cellValues(cells, (values) => median(resample(values, rng)))),
    { resamples, seed: options.seed ?? 1 },
  );
  const bias = raw.reduce((a, b) => a + b, 0) / raw.length - value;
  const draws = raw.map((x) => x - bias);
  return { value, p5: quantile(draws, 0.05), p95: quantile(draws, 0.95), resamples, draws, bias };
}

/** The largest change of the median between neighbouring cells over all grids (see `largestJump`). */
export function largestJumpOf(keys: readonly (readonly string[])[]): GridStatistic {
  return (grids) => Math.max(...grids.map((cells, i) => largestJump(cells, keys[i], "value").size));
}

/**
 * How far a value moves along one key of a grid with `key` held at each of its levels: per level of `key`
 * (ascending), the largest minus the smallest `value` over that level's cells.
 */
export function spansAt(cells: readonly Record<string, number>[], key: string, value: string): number[] {
  const levels = [...new Set(cells.map((c) => c[key]))].sort((a, b) => a - b);
  return levels.map((level) => {
    const xs = cells.filter((c) => c[key] === level).map((c) => c[value]);
    return Math.max(...xs) - Math.min(...xs);
  });
}

/**
 * Where the investors' median ROI changes sign on the gas fee × funding split map, in the product of the two
 * (what a funding earns per unit of gross value): the largest product of a cell at or below zero ROI
 * (`maxLosing`, −Infinity when none) and the smallest of a cell above it (`minGaining`, Infinity when none).
 * `minGaining > maxLosing` is a clean boundary.
 */
export function roiBoundary(
  cells: readonly Record<string, number>[],
): { maxLosing: number; minGaining: number } {
  const product = (c: Record<string, number>) => c.gas_fee_share_rate * c.investor_royalty_max;
  return {
    maxLosing: Math.max(...cells.filter((c) => c.median_investor_roi <= 0).map(product)),
    minGaining: Math.min(...cells.filter((c) => c.median_investor_roi > 0).map(product)),
  };
}

/**
 * A grid statistic: over the grids (each with its own keys, in the order given), the largest change between
 * neighbouring cells as a share of the whole range of the cells' values in that grid — the highest such
 * share. A straight slope along a 5-point axis moves 25% of its range per step; a step (a boundary) moves
 * most of it at once. A grid whose values are all equal has share 0.
 */
export function largestJumpShareOf(keysPerGrid: readonly (readonly string[])[]): GridStatistic {
  return (grids) =>
    Math.max(
      ...grids.map((cells, i) => {
        const values = cells.map((c) => c.value);
        const range = Math.max(...values) - Math.min(...values);
        return range > 0 ? largestJump(cells, keysPerGrid[i], "value").size / range : 0;
      }),
    );
}

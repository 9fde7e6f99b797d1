/**
 * Count, min, median and max of the numeric columns of a table on disk (a lazy Polars scan of a CSV or
 * Parquet file), exact, in memory that does not grow with the table.
 *
 * Min, max and counts are streaming aggregates. An exact median needs more: Polars' own `median()` holds
 * the whole column, which is fine for a small table (below `budget` values, one pass) but not for a
 * dataset of billions of rows. Above the budget the median is found by narrowing, the way one finds a
 * page in a book: a systematic sample of rows suggests values close to the median (cut points); one
 * pass counts, for every column at once, the values below and at each cut point; the median's rank then
 * lies between two cut points, or at one (ties are exact: a cut point is a value, and the counts say how
 * many values equal it). The next cut points split what is left (the sample's values in the bracket, else
 * equal steps), until few enough values remain in the bracket to fetch them and read the median off.
 * Every step holds the sample, a few counts per column, and at most `budget` values.
 */
import pl from "nodejs-polars";

export interface ColumnStats {
  /** Finite numbers: missing cells, NaN and ±Infinity are left out of everything else. */
  readonly count: number;
  /** Missing cells, NaN and ±Infinity. */
  readonly missing: number;
  /** NaN when the column holds no number. */
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

export interface StatsOptions {
  /**
   * Values held in memory at once (default 2^25, about 270 MB: a table within it takes one pass; Polars
   * holds its median's columns).
   */
  readonly budget?: number;
  /** The table's rows when known (a manifest lists them): a small table then takes one pass, not two. */
  readonly rows?: number;
}

const DEFAULT_BUDGET = 1 << 25;
/** Rows of the sample that suggests cut points (a few MB however large the table). */
const SAMPLE_ROWS = 1 << 17;
/** Even steps a bracket is cut into per pass, besides the sample's values. */
const EVEN_CUTS = 8;
/** Most sample values used as cut points per column and pass (evenly spread over those in the bracket). */
const SAMPLE_CUTS = 16;
/** Passes after which narrowing stops with an error: each pass shrinks a bracket at least EVEN_CUTS-fold. */
const MAX_PASSES = 200;

/** A column as finite numbers: NaN and ±Infinity count as missing, like an empty cell. */
function valueOf(column: string): pl.Expr {
  const value = pl.col(column).cast(pl.Float64);
  return pl.when(value.isFinite()).then(value).otherwise(pl.lit(null));
}

const run = (query: pl.LazyDataFrame) => query.collectSync({ engine: "streaming" });

/**
 * Where the value at 0-based rank `rank` of a column hides: strictly between `lo` and `hi` (each may be
 * ±Infinity), with `below` numbers at or below `lo` and `upTo` numbers below `hi`; `value` once found.
 * A median is the mean of one rank (odd count) or of the two middle ones (even count), each with its
 * own bracket: two neighbouring ranks may lie on either side of every cut point.
 */
interface Bracket {
  readonly column: string;
  readonly rank: number;
  /** The column's smallest and largest numbers. */
  readonly min: number;
  readonly max: number;
  lo: number;
  hi: number;
  below: number;
  upTo: number;
  value?: number;
}

const inside = (b: Bracket) => pl.col(b.column).gt(b.lo).and(pl.col(b.column).lt(b.hi));

/**
 * Cut points strictly inside the bracket: sample values there (data values, so that ties land on them),
 * the column's min and max, and even steps between the bracket's ends (which guarantee that it shrinks).
 */
function cutPoints(b: Bracket, sample: Float64Array): number[] {
  const within = sample.filter((v) => v > b.lo && v < b.hi);
  const every = within.length / SAMPLE_CUTS;
  const sampled = within.length <= SAMPLE_CUTS
    ? [...within]
    : Array.from({ length: SAMPLE_CUTS }, (_, i) => within[Math.floor(i * every)]);
  const lo = Math.max(b.lo, b.min);
  const hi = Math.min(b.hi, b.max);
  // Weighted ends rather than lo + (hi − lo)·t, which overflows for ends of opposite sign near ±MAX_VALUE;
  // where the bracket is a few floats wide the steps round onto its ends, and the midpoint still splits it.
  const even = Array.from(
    { length: EVEN_CUTS - 1 },
    (_, i) => lo * (1 - (i + 1) / EVEN_CUTS) + hi * ((i + 1) / EVEN_CUTS),
  );
  return [...sampled, lo, hi, lo / 2 + hi / 2, ...even].filter((c) => c > b.lo && c < b.hi);
}

/** Narrows each bracket by one pass of counts at cut points (shared by a column's brackets). */
function narrow(table: pl.LazyDataFrame, open: Bracket[], samples: Record<string, Float64Array>): void {
  const cuts = new Map<string, number[]>();
  for (const b of open) {
    cuts.set(b.column, [...(cuts.get(b.column) ?? []), ...cutPoints(b, samples[b.column])]);
  }
  for (const [column, list] of cuts) cuts.set(column, [...new Set(list)].sort((x, y) => x - y));
  const columns = [...cuts.keys()];
  const counts = run(table.select(
    ...columns.flatMap((column, i) =>
      cuts.get(column)!.flatMap((c, j) => [
        pl.col(column).lt(c).sum().alias(`${i}<${j}`),
        pl.col(column).ltEq(c).sum().alias(`${i}≤${j}`),
      ])
    ),
  )).toRecords()[0] as Record<string, number>;
  for (const b of open) {
    const i = columns.indexOf(b.column);
    for (const [j, c] of cuts.get(b.column)!.entries()) {
      const less = Number(counts[`${i}<${j}`]);
      const atMost = Number(counts[`${i}≤${j}`]);
      if (less <= b.rank && b.rank < atMost) b.value = c;
      else if (atMost <= b.rank && c > b.lo) [b.lo, b.below] = [c, atMost];
      else if (less > b.rank && c < b.hi) [b.hi, b.upTo] = [c, less];
    }
  }
}

/**
 * Fetches the values inside each bracket (together at most the budget) and reads the ranks off them.
 * Unpivoted into (bracket, value) pairs, so that the fetched frame holds the values and no empty cells.
 */
function fetch(table: pl.LazyDataFrame, open: Bracket[]): void {
  const names = open.map((_, i) => `${i}`);
  const frame = run(
    table.filter(pl.anyHorizontal(open.map(inside)))
      .select(
        ...open.map((b, i) =>
          pl.when(inside(b)).then(pl.col(b.column)).otherwise(pl.lit(null)).alias(names[i])
        ),
      )
      .unpivot([], names)
      .dropNulls(),
  );
  const owner = frame.getColumn("variable").cast(pl.Int32).toTypedArray() as Int32Array;
  const values = frame.getColumn("value").toTypedArray() as Float64Array;
  open.forEach((b, i) => {
    const mine = values.filter((_, k) => owner[k] === i).sort();
    b.value = mine[b.rank - b.below];
  });
}

/** A systematic sample of about `size` rows: every k-th row, k prime so that it beats no period of the rows. */
function sample(table: pl.LazyDataFrame, columns: readonly string[], rows: number, size: number) {
  let k = Math.max(1, Math.floor(rows / size));
  const prime = (n: number) =>
    n > 1 && Array.from({ length: Math.floor(Math.sqrt(n)) - 1 }, (_, i) => i + 2).every((d) => n % d);
  while (k > 1 && !prime(k)) k++;
  const frame = run(
    table.withRowIndex("__row").filter(pl.col("__row").modulo(k).eq(0)).select(...columns.map(valueOf)),
  );
  return Object.fromEntries(columns.map((column) => [
    column,
    Float64Array.from(
      (frame.getColumn(column).toArray() as (number | null)[]).filter((v): v is number => v !== null),
    ).sort(),
  ]));
}

/** Count, missing, min, median and max of each of `columns` of `table` (numeric columns). */
export function columnStats(
  table: pl.LazyDataFrame,
  columns: readonly string[],
  options: StatsOptions = {},
): Record<string, ColumnStats> {
  if (columns.length === 0) return {};
  const budget = options.budget ?? DEFAULT_BUDGET;
  // Every pass reads the columns as finite numbers, converted once per row rather than once per use.
  const numbers = table.select(...columns.map(valueOf));
  const fits = (rows: number) => rows * columns.length <= budget;
  const aggregates = (median: boolean) =>
    run(numbers.select(
      pl.len().alias("rows"),
      ...columns.flatMap((c) => [
        pl.col(c).count().alias(`${c}:count`),
        pl.col(c).min().alias(`${c}:min`),
        pl.col(c).max().alias(`${c}:max`),
        ...(median ? [pl.col(c).median().alias(`${c}:median`)] : []),
      ]),
    )).toRecords()[0] as Record<string, number | null>;
  let first = aggregates(options.rows !== undefined && fits(options.rows));
  const rows = Number(first.rows);
  if (first[`${columns[0]}:median`] === undefined && fits(rows)) first = aggregates(true);
  const medians = first[`${columns[0]}:median`] === undefined
    ? medianByNarrowing(numbers, columns, first, budget)
    : Object.fromEntries(columns.map((c) => [c, first[`${c}:median`] ?? NaN]));
  return Object.fromEntries(columns.map((c) => {
    const count = Number(first[`${c}:count`]);
    return [c, {
      count,
      missing: rows - count,
      min: first[`${c}:min`] ?? NaN,
      median: count === 0 ? NaN : Number(medians[c]),
      max: first[`${c}:max`] ?? NaN,
    }];
  }));
}

function medianByNarrowing(
  table: pl.LazyDataFrame,
  columns: readonly string[],
  first: Record<string, number | null>,
  budget: number,
): Record<string, number> {
  const brackets = columns.flatMap((column) => {
    const n = Number(first[`${column}:count`]);
    const [min, max] = [Number(first[`${column}:min`]), Number(first[`${column}:max`])];
    const ranks = n === 0 ? [] : [...new Set([Math.floor((n - 1) / 2), Math.ceil((n - 1) / 2)])];
    return ranks.map((rank): Bracket => ({
      column,
      rank,
      min,
      max,
      lo: -Infinity,
      hi: Infinity,
      below: 0,
      upTo: n,
    }));
  });
  const perBracket = Math.max(1, Math.floor(budget / Math.max(1, brackets.length)));
  const samples = sample(table, columns, Number(first.rows), Math.min(SAMPLE_ROWS, perBracket));
  for (let pass = 0;; pass++) {
    const open = brackets.filter((b) => b.value === undefined);
    if (open.length === 0) break;
    if (pass === MAX_PASSES) throw new Error(`median: no bracket narrowed enough in ${MAX_PASSES} passes`);
    const wide = open.filter((b) => b.upTo - b.below > perBracket);
    if (wide.length > 0) narrow(table, wide, samples);
    else fetch(table, open);
  }
  return Object.fromEntries(columns.map((column) => {
    const values = brackets.filter((b) => b.column === column).map((b) => b.value!);
    return [column, values.length === 0 ? NaN : values.reduce((s, v) => s + v, 0) / values.length];
  }));
}

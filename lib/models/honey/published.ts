/**
 * The original repository's published results, in the project under data/published/honey/ (see its
 * PROVENANCE.md): every run of its two published experiments at every month. Each published cell (one
 * parameter set, 10 runs) is compared with the reproduction on every column at month 120: where its 10-run
 * statistic falls among resampled 10-run statistics of the reproduction (the test the claims use, Holm-
 * corrected over the file), and, as a second view, a rank-sum test of its 10 runs against the reproduction's
 * runs. See docs/models/honey.md.
 */
import pl from "nodejs-polars";
import { quantile } from "../../analysis/quantiles.ts";
import { holm, rankSum } from "../../analysis/rank_sum.ts";
import { type Rng, streamFor } from "../../engine/random.ts";

/** The two published files: where they are, what they vary, and their SHA-256 as copied. */
export const PUBLISHED = {
  productivity: {
    file: "results-productivity-range.csv",
    title: "productivity range",
    varied: ["productivity"],
    sha256: "042c70436b826384853955319529bf8b748a172c3eeba31fb15f52feedcfa44f",
  },
  final: {
    file: "results-final-experiment.csv",
    title: "final experiment",
    varied: ["throttle", "target_reserve_ratio"],
    sha256: "508d4d61d2e84ca16a57eb9393b5a34ef62d8e392f7f166f0abe02e68c9e38a9",
  },
} as const;
export type PublishedName = keyof typeof PUBLISHED;

/** Where the files are. */
export const PUBLISHED_DIR = new URL("../../../data/published/honey/", import.meta.url);

/** Runs the original averaged into each published cell. */
export const PUBLISHED_RUNS = 10;
/** The month the comparison reads (the end of the runs). */
export const PUBLISHED_MONTH = 120;

/**
 * The columns compared, each by a 10-run statistic: the mean, except for price and market cap, where a
 * single run can be orders of magnitude off (the price has no floor and compounds), so the median.
 */
export const COMPARED = [
  { column: "reserve", label: "reserve", unit: "HNY", statistic: "mean" },
  { column: "circulation", label: "circulation", unit: "HNY", statistic: "mean" },
  { column: "ratio", label: "reserve ratio", unit: "pool / supply", statistic: "mean" },
  { column: "saturation", label: "saturation", unit: "share of market", statistic: "mean" },
  { column: "price", label: "price", unit: "USD/HNY", statistic: "median" },
  { column: "market_cap", label: "market cap", unit: "USD", statistic: "median" },
] as const;
export type ComparedColumn = (typeof COMPARED)[number]["column"];

/** One row of a published file: every column as a number. */
export type PublishedRecord = Readonly<Record<string, number>>;

/** A published file's rows, every field parsed as a number (the files hold numbers only). */
export function readPublished(name: PublishedName): PublishedRecord[] {
  const text = Deno.readTextFileSync(new URL(PUBLISHED[name].file, PUBLISHED_DIR));
  const [head, ...lines] = text.trim().split("\n");
  const names = head.trim().split(",");
  return lines.map((line, i) => {
    const fields = line.trim().split(",");
    if (fields.length !== names.length) {
      throw new Error(
        `${PUBLISHED[name].file}, line ${i + 2}: ${fields.length} fields, the header has ${names.length}`,
      );
    }
    return Object.fromEntries(names.map((n, k) => [n, Number(fields[k])]));
  });
}

/** A published file's column names, in the order the file gives them (the order its code wrote them). */
export function publishedColumns(name: PublishedName): string[] {
  const text = Deno.readTextFileSync(new URL(PUBLISHED[name].file, PUBLISHED_DIR));
  return text.slice(0, text.indexOf("\n")).trim().split(",");
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const statisticOf = (kind: "mean" | "median") =>
  kind === "mean" ? mean : (xs: readonly number[]) => quantile(xs, 0.5);

/** A published cell at month 120: its varied parameters and its runs' values of every compared column. */
export interface PublishedCell {
  readonly params: Readonly<Record<string, number>>;
  readonly runs: Readonly<Record<ComparedColumn, readonly number[]>>;
}

/** The file's cells at `month`, in the order they first appear. */
export function publishedCells(
  rows: readonly PublishedRecord[],
  name: PublishedName,
  month = PUBLISHED_MONTH,
): PublishedCell[] {
  const varied = PUBLISHED[name].varied;
  const cells = new Map<string, { params: Record<string, number>; runs: Record<ComparedColumn, number[]> }>();
  for (const row of rows.filter((r) => r.timestep === month)) {
    const params = Object.fromEntries(varied.map((k) => [k, row[k]]));
    const key = JSON.stringify(params);
    if (!cells.has(key)) {
      const runs = Object.fromEntries(COMPARED.map((c) => [c.column, [] as number[]]));
      cells.set(key, { params, runs: runs as Record<ComparedColumn, number[]> });
    }
    for (const c of COMPARED) cells.get(key)!.runs[c.column].push(row[c.column]);
  }
  return [...cells.values()];
}

/** One published cell and column against the reproduction's runs of the same parameters. */
export interface ColumnComparison {
  readonly params: Readonly<Record<string, number>>;
  readonly column: ComparedColumn;
  /** The published 10-run statistic (mean, or median for price and market cap). */
  readonly published: number;
  /** Share of the reproduction's resampled 10-run statistics at or below the published one. */
  readonly percentile: number;
  /** 2.5 %, 50 % and 97.5 % of the resampled 10-run statistics. */
  readonly lo: number;
  readonly median: number;
  readonly hi: number;
  /**
   * Two-sided Monte Carlo p of the published statistic among the resampled ones:
   * 2 · min(#≤ + 1, #≥ + 1) / (resamples + 1), at most 1.
   */
  readonly p: number;
  /** Whether Holm's correction of `p` over every comparison of the file rejects it at 5 % family-wise. */
  readonly rejected: boolean;
  /** Two-sided p of the rank-sum test of the published runs against the reproduction's runs (a second view). */
  readonly pRankSum: number;
  /** Whether Holm's correction of `pRankSum` over every comparison of the file rejects it at 5 %. */
  readonly rejectedRankSum: boolean;
}

/** The q-quantile of ascending values, interpolated as lib/analysis/quantiles.ts does. */
function sortedQuantile(xs: Float64Array, q: number): number {
  const at = (xs.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.min(lo + 1, xs.length - 1);
  return xs[lo] + (at - lo) * (xs[hi] - xs[lo]);
}

/**
 * `resamples` statistics of PUBLISHED_RUNS values drawn with replacement from `values`, each draw
 * `rng.int(n)` as `resample` makes it, without building an array per resample: tens of thousands of them
 * per comparison are what resolve p-values near Holm's bounds.
 */
function resampledStatistics(
  values: readonly number[],
  kind: "mean" | "median",
  rng: Rng,
  resamples: number,
): Float64Array {
  if (values.length === 0) throw new Error("no reproduced values to resample");
  const out = new Float64Array(resamples);
  const draw = new Float64Array(PUBLISHED_RUNS);
  const n = values.length;
  for (let r = 0; r < resamples; r++) {
    if (kind === "mean") {
      let sum = 0;
      for (let k = 0; k < PUBLISHED_RUNS; k++) sum += values[rng.int(n)];
      out[r] = sum / PUBLISHED_RUNS;
    } else {
      for (let k = 0; k < PUBLISHED_RUNS; k++) draw[k] = values[rng.int(n)];
      draw.sort();
      out[r] = sortedQuantile(draw, 0.5);
    }
  }
  return out;
}

/**
 * Whether the published statistic falls outside the central 95 % of the resampled ones, read from both
 * tails (two-sided p < 5 %), so that a published value equal to every resampled one is inside.
 */
export const outside = (c: ColumnComparison) => c.p < 0.05;

/** Two-sided Monte Carlo p of `published` among resampled statistics: 2 · min(#≤ + 1, #≥ + 1) / (R + 1). */
function monteCarloP(stats: Float64Array, published: number): { p: number; below: number } {
  let below = 0;
  let above = 0;
  for (const m of stats) {
    if (m <= published) below++;
    if (m >= published) above++;
  }
  return { p: Math.min(1, 2 * (Math.min(below, above) + 1) / (stats.length + 1)), below };
}

/** A cell's reproduced runs among `finals` (one row per run at month 120). */
function runsOf(finals: pl.DataFrame, params: Readonly<Record<string, number>>): pl.DataFrame {
  const mine = Object.entries(params).reduce((f, [k, v]) => f.filter(pl.col(k).eq(v)), finals);
  if (mine.height === 0) throw new Error(`no runs for ${JSON.stringify(params)}`);
  return mine;
}

const finiteValues = (xs: readonly number[]) => xs.filter((v) => Number.isFinite(v));

/**
 * Every published cell and column against the reproduction (`finals`: one row per run at month 120, with
 * the cells' parameter columns): `resamples` statistics of PUBLISHED_RUNS runs drawn with replacement
 * from the cell's runs (one stream from `seed`, cells and columns in order), and the rank-sum test; each
 * Holm-corrected over the file's comparisons.
 */
export function comparePublished(
  finals: pl.DataFrame,
  cells: readonly PublishedCell[],
  options: { resamples: number; seed: number },
): ColumnComparison[] {
  const rng = streamFor(`${options.seed}/published`);
  const rows = cells.flatMap((cell) => {
    const mine = runsOf(finals, cell.params);
    return COMPARED.map(({ column, statistic }) => {
      const values = finiteValues(mine.getColumn(column).toArray() as number[]);
      const published = statisticOf(statistic)(cell.runs[column]);
      const stats = resampledStatistics(values, statistic, rng, options.resamples);
      const { p, below } = monteCarloP(stats, published);
      stats.sort();
      return {
        params: cell.params,
        column,
        published,
        percentile: below / options.resamples,
        lo: sortedQuantile(stats, 0.025),
        median: sortedQuantile(stats, 0.5),
        hi: sortedQuantile(stats, 0.975),
        p,
        pRankSum: rankSum(cell.runs[column], values).p,
      };
    });
  });
  const rejected = holm(rows.map((r) => r.p));
  const rejectedRankSum = holm(rows.map((r) => r.pRankSum));
  return rows.map((r, i) => ({ ...r, rejected: rejected[i], rejectedRankSum: rejectedRankSum[i] }));
}

/**
 * How many of a file's comparisons are re-resolved in each bootstrap replicate of the reproduced runs: its
 * smallest p-values. Holm's correction rejects something iff the smallest p is at most its first bound, so
 * only the smallest can move the verdict; re-resolving all 54 of the final experiment 200 times would take
 * half a minute. The others keep their p. Checked once with every comparison re-resolved (200 replicates
 * of each file at its default runs): the replicate's smallest p came from the first or second smallest
 * every time, and the share agreeing with the verdict was the same as with the first six alone.
 */
export const RESOLVED = 3;

/**
 * The file's smallest p recomputed on `replicates` bootstrap resamples of the reproduced runs: each
 * replicate draws every cell's runs anew with replacement (whole runs, so its columns stay paired), and
 * the `resolve` (default RESOLVED) comparisons with the smallest p get `resamples` fresh 10-run
 * statistics from them, as `comparePublished` drew theirs; the rest keep theirs. The share of replicates on the verdict's side of
 * Holm's bound is the verdict's stability over seeds, Monte Carlo draw included.
 */
export function smallestPReplicates(
  finals: pl.DataFrame,
  cells: readonly PublishedCell[],
  comparisons: readonly ColumnComparison[],
  options: { resamples: number; seed: number; replicates: number; resolve?: number },
): number[] {
  const order = [...comparisons].sort((a, b) => a.p - b.p);
  const resolve = options.resolve ?? RESOLVED;
  const resolved = order.slice(0, resolve);
  const held = order[resolve]?.p ?? 1;
  const keyOf = (params: Readonly<Record<string, number>>) => JSON.stringify(params);
  const runs = new Map(
    cells.filter((cell) => resolved.some((c) => keyOf(c.params) === keyOf(cell.params))).map((cell) => {
      const mine = runsOf(finals, cell.params);
      const columns = Object.fromEntries(
        resolved.filter((c) => keyOf(c.params) === keyOf(cell.params))
          .map((c) => [c.column, mine.getColumn(c.column).toArray() as number[]]),
      );
      return [keyOf(cell.params), { n: mine.height, columns }] as const;
    }),
  );
  const rng = streamFor(`${options.seed}/published/replicates`);
  return Array.from({ length: options.replicates }, () => {
    const drawn = new Map(
      [...runs].map(([key, { n }]) => [key, Array.from({ length: n }, () => rng.int(n))]),
    );
    return resolved.reduce((smallest, c) => {
      const { columns } = runs.get(keyOf(c.params))!;
      const values = finiteValues(drawn.get(keyOf(c.params))!.map((i) => columns[c.column][i]));
      const kind = COMPARED.find((x) => x.column === c.column)!.statistic;
      const stats = resampledStatistics(values, kind, rng, options.resamples);
      return Math.min(smallest, monteCarloP(stats, c.published).p);
    }, held);
  });
}

/**
 * `sim … --summary`: what a dataset holds, read back from the files just written, for a person at a
 * terminal — per table its rows, each numeric column's min / median / max, and each subset's median at
 * the final step (or, for a table of one row per run, over its runs).
 *
 * The files are scanned lazily (column_stats.ts), so memory stays bounded however large the run; only
 * the per-subset medians hold rows: the final step's rows of the subsets shown.
 */
import pl from "nodejs-polars";
import { extname, join } from "node:path";
import { formatNumber as format } from "../analysis/format.ts";
import { columnStats } from "../io/column_stats.ts";
import { DatasetError, type FileEntry, readManifest } from "../io/dataset.ts";
import { isKey, timeColumnOf } from "./final_step.ts";
import { outputWidth } from "./help.ts";
/** Subsets given a line of their own; a sweep of thousands is summarised by its first ones. */
const SHOWN_SUBSETS = 50;

/** A number as the summary shows it: the reports' formatter, to 4 significant digits. */
export const formatNumber = (x: number) => format(x, { digits: 4 });

/**
 * Rows of cells as aligned text: the first `keep` columns left-aligned and repeated, the others
 * right-aligned and split into blocks no wider than `width` (as R prints a wide data frame).
 */
export function renderTable(header: string[], rows: string[][], width: number, keep = 1): string[] {
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const cell = (text: string, j: number) => j < keep ? text.padEnd(widths[j]) : text.padStart(widths[j]);
  const line = (cells: string[], columns: number[]) =>
    `  ${columns.map((j) => cell(cells[j], j)).join("  ")}`;
  const kept = header.slice(0, keep).map((_, j) => j);
  const blocks: number[][] = [];
  let block: number[] = [];
  let used = 2 + kept.reduce((n, j) => n + widths[j] + 2, 0);
  for (let j = keep; j < header.length; j++) {
    if (block.length > 0 && used + widths[j] > width) {
      blocks.push(block);
      block = [];
      used = 2 + kept.reduce((n, k) => n + widths[k] + 2, 0);
    }
    block.push(j);
    used += widths[j] + 2;
  }
  blocks.push(block);
  return blocks.flatMap((columns, b) => {
    const all = [...kept, ...columns];
    return [...(b > 0 ? [""] : []), line(header, all), ...rows.map((r) => line(r, all))];
  });
}

/** A table file of a dataset, scanned lazily (CSV or Parquet by its extension). */
export function scan(path: string): pl.LazyDataFrame {
  // Files this tool wrote hold one type per column, so the first rows tell each column's type.
  return extname(path) === ".parquet"
    ? pl.scanParquet(path)
    : pl.scanCSV(path, { inferSchemaLength: 10_000 });
}

const NUMERIC = /^(Int|UInt|Float)/;

/** The numeric columns of a scanned table, in its order. */
export function numericColumns(table: pl.LazyDataFrame): string[] {
  const head = table.head(0).collectSync();
  return head.columns.filter((c) => NUMERIC.test(head.getColumn(c).dtype.variant));
}

/** Each shown subset's median of `columns`, at the final step (of the time column) or over the table's rows. */
function subsetMedians(
  table: pl.LazyDataFrame,
  columns: string[],
  final?: { readonly column: string; readonly step: number },
): pl.DataFrame {
  const rows = final === undefined ? table : table.filter(pl.col(final.column).eq(final.step));
  return rows.filter(pl.col("subset").lt(SHOWN_SUBSETS))
    .groupBy("subset")
    .agg(...columns.map((c) => pl.col(c).cast(pl.Float64).median()))
    .sort("subset")
    .collectSync({ engine: "streaming" });
}

interface Plan {
  readonly subsets: number;
  readonly runs: number;
  /** The column counting steps in the model's tables. */
  readonly time: string;
}

function tableSummary(dir: string, file: FileEntry, plan: Plan, width: number): string[] {
  const table = scan(join(dir, file.file));
  const numeric = numericColumns(table);
  const { time } = plan;
  const measured = numeric.filter((c) => !isKey(c, time));
  const has = (c: string) => numeric.includes(c);
  const stats = columnStats(table, [...measured, ...(has(time) ? [time] : [])], {
    rows: file.rows,
  });
  const rows = file.rows ?? 0;
  const lines = [
    `${file.file}: ${rows.toLocaleString("en-US")} rows, ${file.columns?.length ?? "?"} columns`,
  ];
  if (measured.length === 0) return lines;
  const missing = measured.some((c) => stats[c].missing > 0);
  lines.push(...renderTable(
    ["column", "min", "median", "max", ...(missing ? ["missing"] : [])],
    measured.map((c) => {
      const s = stats[c];
      const cells = [c, formatNumber(s.min), formatNumber(s.median), formatNumber(s.max)];
      return missing ? [...cells, s.missing.toLocaleString("en-US")] : cells;
    }),
    width,
  ));
  if (!has("subset") || rows === 0) return lines;
  const perRun = !has(time) && has("run") && rows === plan.subsets * plan.runs;
  if (!has(time) && !perRun) return lines;
  const finalStep = has(time) ? stats[time].max : undefined;
  const medians = subsetMedians(
    table,
    measured,
    finalStep === undefined ? undefined : { column: time, step: finalStep },
  );
  const shown = plan.subsets > SHOWN_SUBSETS
    ? ` (the first ${SHOWN_SUBSETS} of ${plan.subsets} subsets)`
    : "";
  lines.push(
    "",
    finalStep === undefined
      ? `  median over the ${plan.runs} runs of each subset${shown}:`
      : `  at the final step (${time} ${finalStep}), median over the runs of each subset${shown}:`,
  );
  const records = medians.toRecords() as Record<string, number>[];
  lines.push(...renderTable(
    ["subset", ...measured],
    records.map((r) => [String(r.subset), ...measured.map((c) => formatNumber(r[c] ?? NaN))]),
    width,
  ));
  return lines;
}

/** The summary of the dataset in `dir`, as text. */
export async function summarise(dir: string, width = outputWidth()): Promise<string> {
  const manifest = await readManifest(dir);
  if (manifest === undefined) throw new DatasetError(`${dir} holds no dataset written by this tool`);
  const plan = {
    subsets: (manifest.subsets as unknown[]).length,
    runs: Number(manifest.runs),
    time: timeColumnOf(String(manifest.model)),
  };
  const files = (manifest.files as FileEntry[]).filter((f) => f.rows !== undefined);
  const header = `${manifest.model}: ${plan.subsets} subset${plan.subsets === 1 ? "" : "s"} × ${plan.runs} ` +
    `run${plan.runs === 1 ? "" : "s"} × ${manifest.steps} steps, seed ${manifest.seed}`;
  return [header, ...files.flatMap((f) => ["", ...tableSummary(dir, f, plan, width)])].join("\n");
}

/**
 * Recorded tables as Polars DataFrames, built straight from the typed columns (no row objects).
 */
import pl from "nodejs-polars";
import type { RunResult } from "./executor.ts";
import type { ParamValue } from "./params.ts";
import type { RunPlan } from "./plan.ts";
import type { ColumnData, TableData } from "./table.ts";

/**
 * A table as a frame: its key columns (`subset, run, …`), the plan's swept parameters under their own
 * names, then its value columns.
 */
export function tableFrame(table: TableData, plan: RunPlan): pl.DataFrame {
  const entries = Object.entries(table.columns);
  if (entries.length === 0) return pl.DataFrame({});
  const data: Record<string, unknown> = {};
  for (const [name, column] of entries.slice(0, table.keys)) data[name] = series(name, column);
  const subsetOfRow = table.columns.subset?.values as Int32Array | undefined;
  if (subsetOfRow) {
    for (const name of plan.sweptNames) {
      data[name] = pl.Series(name, sweptColumn(plan.subsets.map((s) => s.swept[name]), subsetOfRow));
    }
  }
  for (const [name, column] of entries.slice(table.keys)) data[name] = series(name, column);
  return pl.DataFrame(data);
}

/**
 * One table of a result as a frame (default `timeseries`): for a state-update run, `subset, run,
 * substep, timestep`, the swept parameters under their own names, then every state variable and derived
 * column.
 */
export function toFrame(result: RunResult, table = "timeseries"): pl.DataFrame {
  const data = result.tables[table];
  if (!data) {
    throw new Error(`the result has no table '${table}'; it has ${Object.keys(result.tables).join(", ")}`);
  }
  return tableFrame(data, result.plan);
}

/** Every table of a result as a frame, by name. */
export function frames(result: RunResult): Record<string, pl.DataFrame> {
  return Object.fromEntries(
    Object.entries(result.tables).map(([name, table]) => [name, tableFrame(table, result.plan)]),
  );
}

/**
 * A column as a Series. Given anything else, Polars' frame constructor first asks whether it is a Series
 * in a way that throws for a typed array, which costs more than the check (about 2 % of a large `sim`).
 */
function series(name: string, column: ColumnData): pl.Series {
  switch (column.kind) {
    case "bool":
      return pl.Series(name, Array.from(column.values, (v) => v === 1));
    case "string":
      return decode(name, column.values, column.labels);
    default:
      return pl.Series(name, column.values);
  }
}

/** A swept parameter's value on every row, looked up by the row's subset. */
function sweptColumn(bySubset: readonly ParamValue[], subsetOfRow: Int32Array): Float64Array | ParamValue[] {
  if (bySubset.every((v) => typeof v === "number")) {
    const out = new Float64Array(subsetOfRow.length);
    for (let i = 0; i < out.length; i++) out[i] = bySubset[subsetOfRow[i]] as number;
    return out;
  }
  return Array.from(subsetOfRow, (s) => bySubset[s]);
}

/**
 * A string column from dictionary codes: a left join of the codes with the labels, which keeps the
 * codes' row order and is far faster than building the column from one JavaScript string per row.
 */
function decode(name: string, codes: Uint32Array, labels: readonly string[]): pl.Series {
  const key = `__code_${name}`;
  const dictionary = pl.DataFrame({
    [key]: Uint32Array.from(labels, (_, i) => i),
    [name]: pl.Series(name, [...labels], pl.Utf8),
  });
  return pl.DataFrame({ [key]: codes }).join(dictionary, { on: key, how: "left" }).getColumn(name);
}

/**
 * What `sim --summary`, `compare` and `sensitivity` read of a model: its main table (the timeseries, or
 * its first table), and there each run's row at the final step. The column counting steps is the one the
 * model's simulator declares (`timeColumn`): `timestep` for most, `step` for BITrewards, following its
 * original (beside a `run_id`).
 */
import { simulators } from "../models/index.ts";

/** The column counting steps where no simulator declares one. */
const DEFAULT_TIME_COLUMN = "timestep";

/** Columns that say where a row belongs rather than what was measured (besides the time column). */
const KEYS = new Set(["subset", "run", "run_id"]);

/** The column counting the steps of the tables `sim` writes for `model` (a simulator or its name). */
export function timeColumnOf(model: string | { readonly timeColumn?: string }): string {
  const simulator = typeof model === "string" ? simulators[model] : model;
  return simulator?.timeColumn ?? DEFAULT_TIME_COLUMN;
}

/** Whether a column identifies a row (subset, run, step) rather than measures something. */
export const isKey = (column: string, timeColumn: string): boolean =>
  KEYS.has(column) || column === timeColumn;

/** The time column if the table has it, or undefined for a table of one row per run. */
export function stepColumn(columns: readonly string[], timeColumn: string): string | undefined {
  return columns.includes(timeColumn) ? timeColumn : undefined;
}

/** The main table among a model's tables: the timeseries, or the first. */
export function mainTable(tables: readonly string[]): string {
  return tables.includes("timeseries") ? "timeseries" : tables[0];
}

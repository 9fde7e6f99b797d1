/**
 * What `compare` and `sensitivity` read of a model: its main table (the timeseries, or its first table),
 * and there each run's row at the final step. Most
 * models count steps in `timestep`; BITrewards, following its original, in `step` (beside a `run_id`).
 */

/** Columns that say where a row belongs rather than what was measured. */
const KEYS = new Set(["subset", "run", "run_id", "timestep", "step"]);

/** Whether a column identifies a row (subset, run, step) rather than measures something. */
export const isKey = (column: string): boolean => KEYS.has(column);

/** The column that counts a table's steps, or undefined for a table of one row per run. */
export function stepColumn(columns: readonly string[]): string | undefined {
  return ["timestep", "step"].find((c) => columns.includes(c));
}

/** The main table among a model's tables: the timeseries, or the first. */
export function mainTable(tables: readonly string[]): string {
  return tables.includes("timeseries") ? "timeseries" : tables[0];
}

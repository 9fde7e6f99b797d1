/**
 * What an explorer draws and tabulates from one setting's runs: per charted output, the median and the
 * 5–95 % band over runs at each step (thinned to at most MAX_POINTS steps), and per output the median
 * over runs at the final step, computed as the command line's numbers are (the shared quantile: for an
 * even number of runs, the mean of the two middle values).
 */
import { median, quantile } from "../analysis/quantiles.ts";
import type { ColumnData, TableData } from "../engine/table.ts";

/** Steps drawn per chart at most: more points than a chart's pixels add nothing but time. */
export const MAX_POINTS = 400;

/** Columns that place a row rather than measure something. */
const KEYS = new Set(["subset", "run", "substep", "timestep"]);

export interface BandPoint {
  readonly step: number;
  readonly lo: number;
  readonly mid: number;
  readonly hi: number;
}

export interface SettingSummary {
  /** Per charted column, its band over runs. */
  readonly bands: Readonly<Record<string, readonly BandPoint[]>>;
  /** Per numeric column (in table order), the median over runs of its final-step values. */
  readonly final: Readonly<Record<string, number>>;
  readonly finalStep: number;
  readonly runs: number;
}

/** A numeric column's value at a row as a double (exact integers as the nearest double); NaN otherwise. */
function numberAt(column: ColumnData, row: number): number {
  switch (column.kind) {
    case "float":
    case "int":
      return column.values[row];
    case "bigint":
      return Number(column.values[row]);
    default:
      return NaN;
  }
}

const isNumeric = (column: ColumnData) =>
  column.kind === "float" || column.kind === "int" || column.kind === "bigint";

/** The steps drawn: every `stride`-th of 0…last, and always the last. */
export function drawnSteps(last: number, max = MAX_POINTS): number[] {
  const stride = Math.max(1, Math.ceil((last + 1) / max));
  const steps: number[] = [];
  for (let t = 0; t <= last; t += stride) steps.push(t);
  if (steps.at(-1) !== last) steps.push(last);
  return steps;
}

/** Summarises a one-subset timeseries (rows of every run and step) for the charts and the table. */
export function summarise(table: TableData, charts: readonly string[]): SettingSummary {
  const timestep = table.columns.timestep;
  const run = table.columns.run;
  if (!timestep || !run) throw new Error("the timeseries has no timestep or run column");
  // Row of (run, step): runs are numbered 1…n and each run's steps are recorded in order.
  let lastStep = 0;
  let runs = 0;
  for (let row = 0; row < table.rows; row++) {
    lastStep = Math.max(lastStep, numberAt(timestep, row));
    runs = Math.max(runs, numberAt(run, row));
  }
  const rowOf: number[][] = Array.from({ length: runs }, () => new Array(lastStep + 1).fill(-1));
  for (let row = 0; row < table.rows; row++) rowOf[numberAt(run, row) - 1][numberAt(timestep, row)] = row;
  const across = (column: ColumnData, step: number) =>
    rowOf.map((rows) => rows[step]).filter((row) => row >= 0).map((row) => numberAt(column, row));

  const bands: Record<string, BandPoint[]> = {};
  const steps = drawnSteps(lastStep);
  for (const name of charts) {
    const column = table.columns[name];
    if (!column || !isNumeric(column)) continue;
    bands[name] = steps.map((step) => {
      const values = across(column, step);
      return { step, lo: quantile(values, 0.05), mid: median(values), hi: quantile(values, 0.95) };
    });
  }
  const final: Record<string, number> = {};
  for (const [name, column] of Object.entries(table.columns)) {
    if (!KEYS.has(name) && isNumeric(column)) final[name] = median(across(column, lastStep));
  }
  return { bands, final, finalStep: lastStep, runs };
}

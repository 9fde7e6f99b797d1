/**
 * What the command line runs: a model, the tables it writes, and how one shard's recorded tables become
 * the tables written to disk. Rows stream to disk shard by shard, so `output` sees one shard at a time
 * and must only compute what a shard's units determine (per-run summaries, casts, renames).
 */
import type pl from "nodejs-polars";
import type { Runnable } from "../engine/executor.ts";
import type { ModelInfo } from "../engine/model.ts";
import type { ParamValue } from "../engine/params.ts";
import type { RunPlan } from "../engine/plan.ts";
import type { RecordOptions } from "../engine/shard.ts";

export type Params = Readonly<Record<string, ParamValue>>;

export interface Simulator extends ModelInfo {
  readonly model: Runnable;
  /** The tables written, by file stem (`timeseries` → timeseries.csv), each with one line for --help. */
  readonly tables: Readonly<Record<string, string>>;
  /** Tables written only when --tables names them (large ones few runs need); the others by default. */
  readonly onRequest?: readonly string[];
  /** What to record so that the chosen tables can be written (e.g. no event log nobody asked for). */
  record(tables: readonly string[]): RecordOptions;
  /** The tables to write (among the chosen ones) from one shard's recorded tables, as frames. */
  output(recorded: Readonly<Record<string, pl.DataFrame>>, plan: RunPlan): Record<string, pl.DataFrame>;
  /**
   * Whether `output` treats rows one by one (casts, renames, dropped columns; no per-run grouping), so
   * that a large shard may be turned into output a slice of rows at a time, in bounded memory.
   */
  readonly rowWise: boolean;
  /**
   * The column of the written tables that counts steps (default `timestep`), by which `--summary`,
   * `compare` and `sensitivity` find each run's final step.
   */
  readonly timeColumn?: string;
  /** Estimated rows per unit of each table, for the size check before a run. */
  rowsPerUnit(params: Params, steps: number): Readonly<Record<string, number>>;
}

/** The planning information of a model, as a simulator carries it. */
export function infoOf(model: Runnable): ModelInfo {
  const { name, title, params, steps, timeUnit, runs, check, module } = model;
  return { name, title, params, steps, timeUnit, runs, check, module };
}

/**
 * A state-update model's simulator: one `timeseries` row per (subset, run, timestep) with columns
 * `subset, run, timestep`, the swept parameters, then the state variables and derived columns.
 * `transform` may change that table (e.g. cast whole-number columns).
 */
export function stateUpdateSimulator(
  model: Runnable,
  transform: (timeseries: pl.DataFrame) => pl.DataFrame = (t) => t,
): Simulator {
  return {
    ...infoOf(model),
    model,
    tables: { timeseries: "one row per (subset, run, timestep): swept parameters, state variables" },
    record: () => ({}),
    output: (recorded) => ({ timeseries: transform(recorded.timeseries.drop("substep")) }),
    rowWise: true,
    rowsPerUnit: (_params, steps) => ({ timeseries: steps + 1 }),
  };
}

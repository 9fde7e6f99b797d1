/**
 * What an executor hands over for a contiguous range of a plan's units: the recorded tables and the
 * units that failed. Shards of one plan joined in plan order give the same tables whoever ran them.
 */
import type { TableData } from "./table.ts";
import type { UnitError } from "./unit_error.ts";

export interface Shard {
  /** The plan's units [from, to), in plan order. */
  readonly from: number;
  readonly to: number;
  /** Tables by name: `timeseries` for every model; `agents` and event tables for agent-based ones. */
  readonly tables: Readonly<Record<string, TableData>>;
  /** Failed units; their rows are absent from every table. */
  readonly failures: readonly UnitError[];
}

/** What to record, for either kind of model; plain data, so that it can be sent to a worker. */
export interface RecordOptions {
  /** State-update models: keep only the last substep of each timestep (default true). */
  readonly lastSubstepOnly?: boolean;
  /** State-update models: freeze every state so that a mutation throws (debug aid; slower). */
  readonly freeze?: boolean;
  /**
   * State-update models: run each block through code generated for the model's keys (default: where
   * the realm allows it, see codeGenerationAllowed in compile.ts).
   * False runs generic closures instead, with identical numbers, where code may not be generated (a
   * page under a Content Security Policy without 'unsafe-eval'); slower.
   */
  readonly generateCode?: boolean;
  /** Agent-based models: event tables to record (default all declared). */
  readonly events?: readonly string[];
  /** Agent-based models: record the agent table (default true when the model has agent reporters). */
  readonly agents?: boolean;
}

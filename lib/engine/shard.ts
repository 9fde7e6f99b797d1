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
  /** With an encoding (ExecuteOptions.encoding): the tables as encoded bytes; `tables` is then empty. */
  readonly encoded?: readonly EncodedPiece[];
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

/**
 * One table's rows of a shard as the bytes a writer appends to that table's file, in plan order: a CSV
 * body or an Arrow IPC part, produced where the rows were computed so that no thread formats them twice.
 * The bytes are in a scratch file, written by the encoder straight from native memory: they cross threads
 * as a path, and the writer reads them into a buffer it reuses (fresh memory is the dearest thing on these
 * virtual machines: touching a new page costs more than formatting its bytes).
 */
export interface EncodedPiece {
  readonly table: string;
  readonly rows: number;
  readonly columns: readonly string[];
  /** The scratch file holding the piece's bytes; the writer consumes it (appends or moves it). */
  readonly file: string;
  /** How many leading bytes open the table's file (a CSV header): written by its first piece only. */
  readonly lead: number;
}

/**
 * An encoder named by module and export, so that a worker can load it: `encode(shard, plan, args)` turns
 * a shard into the pieces to append, written into scratch files. `args` is plain data (it is sent to
 * workers).
 */
export interface Encoding {
  readonly module: string;
  readonly name: string;
  readonly args: unknown;
}

/**
 * How one shard's recorded tables become the bytes `sim` writes: the model's output frames, encoded as
 * CSV text (appended straight to the table's file) or as Arrow IPC parts (a shard's, or a Parquet
 * table's before its conversion). `encodeOutput` runs where the rows were computed, in a worker or in
 * this thread, so the main thread only appends bytes.
 */
import type pl from "nodejs-polars";
import { join } from "node:path";
import { frames } from "../engine/frame.ts";
import type { RunPlan } from "../engine/plan.ts";
import type { EncodedPiece, Encoding, Shard } from "../engine/shard.ts";
import { sliceTable } from "../engine/table.ts";
import { csvPiece, ipcPiece } from "../io/append.ts";
import { simulators } from "../models/index.ts";
import type { Simulator } from "../models/simulator.ts";

/** What `encodeOutput` needs besides the shard: plain data, sent to every worker. */
export interface OutputArgs {
  readonly model: string;
  readonly tables: readonly string[];
  /** csv: final CSV text; ipc: Arrow IPC parts. */
  readonly encoding: "csv" | "ipc";
  /** The folder of the pieces' scratch files. */
  readonly scratch: string;
}

/** The encoding of a run's output, for an executor (see ExecuteOptions.encoding). */
export function outputEncoding(args: OutputArgs): Encoding {
  return { module: new URL("./sim_output.ts", import.meta.url).href, name: "encodeOutput", args };
}

/** Rows turned into output at once when the model's output is row-wise: bounds memory for huge units. */
const SLICE_ROWS = 500_000;

/**
 * The chosen tables to write from one shard, slice by slice: one slice of the whole shard, or, when the
 * output is row-wise, slices of at most SLICE_ROWS rows, each built only when the previous is written.
 */
export function* outputOf(
  model: Simulator,
  plan: RunPlan,
  shard: Shard,
  chosen: ReadonlySet<string>,
): Generator<[string, pl.DataFrame]> {
  const rows = Math.max(0, ...Object.values(shard.tables).map((t) => t.rows));
  const step = model.rowWise ? SLICE_ROWS : Math.max(1, rows);
  for (let from = 0; from === 0 || from < rows; from += step) {
    // Each table is sliced on its own rows; past a table's end its slice is empty and adds nothing.
    const tables = Object.fromEntries(
      Object.entries(shard.tables).map((
        [name, t],
      ) => [name, sliceTable(t, Math.min(from, t.rows), Math.min(from + step, t.rows))]),
    );
    const recorded = frames({ plan, tables, failures: [] });
    for (const [name, frame] of Object.entries(model.output(recorded, plan))) {
      if (chosen.has(name) && (frame.height > 0 || from === 0)) yield [name, frame];
    }
  }
}

/**
 * Native memory of frames encoded since the last collection (about 8 bytes a cell). A Polars frame's rows live outside V8's
 * heap and are freed by a finalizer after a collection; a thread that only encodes allocates little
 * heap, so without a forced collection (with --expose-gc, as the `sim` task runs) they pile up.
 */
let encodedSinceCollection = 0;
const COLLECT_EVERY_BYTES = 64 << 20;

/**
 * One shard's chosen tables as encoded pieces, in order (tables with no columns are skipped). Their scratch
 * files are named by the shard's first unit, which no other shard of the run shares.
 */
export function encodeOutput(shard: Shard, plan: RunPlan, args: unknown): EncodedPiece[] {
  const { model, tables, encoding, scratch } = args as OutputArgs;
  const pieces: EncodedPiece[] = [];
  for (const [name, frame] of outputOf(simulators[model], plan, shard, new Set(tables))) {
    if (frame.width === 0) continue; // a shard whose every unit failed recorded no layout
    const file = join(scratch, `${shard.from}.${pieces.length}.${encoding}`);
    pieces.push(encoding === "csv" ? csvPiece(name, frame, file) : ipcPiece(name, frame, file));
    encodedSinceCollection += frame.height * frame.width * 8;
  }
  if (encodedSinceCollection > COLLECT_EVERY_BYTES) {
    (globalThis as { gc?: () => void }).gc?.();
    encodedSinceCollection = 0;
  }
  return pieces;
}

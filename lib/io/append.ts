/**
 * Table files written once: rows arrive as encoded bytes (see EncodedPiece) and are appended in plan
 * order, each byte hashed as it passes, so that a file's size and sha256 are known when it is closed
 * without reading it back. The CSV encoding lives here, the one place both a run's workers and `merge`
 * turn rows into CSV, so that a merged file has the bytes of an unsharded run's.
 */
import type pl from "nodejs-polars";
import { createHash } from "node:crypto";
import type { EncodedPiece } from "../engine/shard.ts";

/** A file's size and sha256, as a manifest lists them. */
export interface Sealed {
  readonly bytes: number;
  readonly sha256: string;
}

/** A new file written by appending, hashed as it is written. Always `close` it. */
export class AppendedFile {
  readonly #hash = createHash("sha256");
  #bytes = 0;

  private constructor(readonly path: string, readonly file: Deno.FsFile) {}

  static async create(path: string): Promise<AppendedFile> {
    return new AppendedFile(path, await Deno.open(path, { write: true, createNew: true }));
  }

  /** Appends `bytes`; the hash is computed while the operating system writes them. */
  async append(bytes: Uint8Array): Promise<void> {
    const written = writeAll(this.file, bytes);
    this.#hash.update(bytes);
    this.#bytes += bytes.length;
    await written;
  }

  /** Closes the file and returns its size and sha256. */
  close(): Sealed {
    this.file.close();
    return { bytes: this.#bytes, sha256: this.#hash.digest("hex") };
  }
}

async function writeAll(file: Deno.FsFile, bytes: Uint8Array): Promise<void> {
  for (let n = 0; n < bytes.length;) n += await file.write(bytes.subarray(n));
}

/**
 * A frame's rows as CSV text with its header line as the piece's lead. Every piece of a table is encoded
 * alone, and a CSV row's text depends on that row only, so the pieces appended in order give the bytes
 * of the whole table encoded at once, however its rows were split.
 */
export function csvPiece(table: string, frame: pl.DataFrame): EncodedPiece {
  const lead = frame.head(0).writeCSV().length;
  return { table, rows: frame.height, columns: frame.columns, bytes: frame.writeCSV(), lead };
}

/** A frame as an Arrow IPC part (a shard's parts, or a Parquet table's before its one conversion). */
export function ipcPiece(table: string, frame: pl.DataFrame): EncodedPiece {
  return { table, rows: frame.height, columns: frame.columns, bytes: frame.writeIPC(), lead: 0 };
}

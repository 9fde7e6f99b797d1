/**
 * One output folder, one dataset.
 *
 * A dataset is written into a staging folder beside its target and swapped in only when complete, so an
 * interrupted, failed or disk-full run leaves the previous dataset whole and nothing beside it. A lock
 * beside the target (an advisory lock the operating system releases when the process ends) refuses a
 * second writer. The target must be absent, empty, or a dataset this tool wrote (its manifest lists every
 * file in it): anything else is refused rather than mixed with new tables. SIGINT and SIGTERM remove the
 * staging folder and the lock before the process exits; what a SIGKILL leaves is removed by the next run
 * of the same target, once it holds the lock.
 *
 * Rows arrive in plan order as encoded pieces (append.ts), scratch files that encoders write into the
 * staging folder's `scratch/`. A CSV table's pieces are appended straight to its final file, hashed as
 * they pass. Arrow IPC pieces are moved into place as parts: a shard keeps them for `merge`, and
 * `finish` turns a table's parts into its Parquet file, or into CSV through the same encoder a run's
 * workers use, so the final files are byte-identical however the work was split.
 */
import pl from "nodejs-polars";
import { createHash } from "node:crypto";
import { basename, dirname, join, relative, resolve } from "node:path";
import { clip } from "../engine/quote.ts";
import type { EncodedPiece } from "../engine/shard.ts";
import { AppendedFile, csvPiece, type Sealed } from "./append.ts";
import { sealed } from "./manifest.ts";
import { DatasetError, reason } from "./dataset_error.ts";
import { TargetLock } from "./target_lock.ts";

export { DatasetError } from "./dataset_error.ts";

export type TableFormat = "csv" | "parquet";

/** Rows per Parquet row group: fixed, so that the file does not depend on how the rows were split. */
const PARQUET_ROW_GROUP = 65_536;

/** Written into every manifest, so that a folder this tool wrote can be told from any other. */
export const GENERATOR = "tokenomics-notebooks";
export const MANIFEST = "manifest.json";

/** One file of a dataset as its manifest lists it. */
export interface FileEntry {
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
  /** Tables only: rows and columns. */
  readonly rows?: number;
  readonly columns?: readonly string[];
}

/** The sha256 of a file, read in chunks (datasets can be larger than memory). */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  using file = await Deno.open(path);
  const buffer = new Uint8Array(1 << 20);
  for (let n = await file.read(buffer); n !== null; n = await file.read(buffer)) {
    hash.update(buffer.subarray(0, n));
  }
  return hash.digest("hex");
}

function existsSync(path: string): boolean {
  try {
    Deno.lstatSync(path);
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}

/** The manifest of a folder this tool wrote, or undefined. */
export async function readManifest(dir: string): Promise<Record<string, unknown> | undefined> {
  try {
    const manifest = JSON.parse(await Deno.readTextFile(join(dir, MANIFEST)));
    return manifest?.generator === GENERATOR ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks that `target` may be replaced: absent, empty, or a dataset this tool wrote with nothing in it
 * that its manifest does not list (`keep` names entries that belong there too, e.g. `shards`).
 */
async function checkTarget(target: string, keep: readonly string[]): Promise<void> {
  let stat: Deno.FileInfo;
  try {
    stat = await Deno.stat(target);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return;
    throw new DatasetError(`cannot use ${clip(target, 200)}: ${reason(e)}`);
  }
  if (!stat.isDirectory) throw new DatasetError(`${clip(target, 200)} exists and is not a folder`);
  const entries = [];
  for await (const entry of Deno.readDir(target)) entries.push(entry.name);
  if (entries.length === 0) return;
  const manifest = await readManifest(target);
  const listed = new Set([
    MANIFEST,
    ...keep,
    ...((manifest?.files ?? []) as FileEntry[]).map((f) => f.file.split("/")[0]),
  ]);
  const foreign = entries.filter((name) => !listed.has(name)).sort();
  if (foreign.length > 0) throw foreignFiles(target, foreign[0]);
}

function foreignFiles(dir: string, example: string): DatasetError {
  return new DatasetError(
    `${clip(dir, 200)} holds files this tool did not write (e.g. ${clip(example, 100)}); ` +
      "choose another --out or empty it",
  );
}

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/** The folders a run of `target` makes beside it: its staging folder and the previous dataset moved aside. */
function besideName(target: string, kind: "staging" | "old"): string {
  return `.${basename(target)}.${kind}-${crypto.randomUUID()}`;
}

/** Whether `name` is a folder that a run of the target named `base` made beside it (see besideName). */
function isBeside(name: string, base: string): "staging" | "old" | undefined {
  const match = new RegExp(`^\\.(.*)\\.(staging|old)-${UUID}$`, "s").exec(name);
  return match && match[1] === base ? match[2] as "staging" | "old" : undefined;
}

/**
 * Removes what runs of `target` that were killed (SIGKILL, a power cut) left beside it: staging folders,
 * and a previous dataset moved aside. Only the lock's holder makes these, so while it is held every one is
 * a dead run's; another target's, or a live run's of another target, never match. A run killed between
 * moving the previous dataset aside and moving its own in left no target: the previous one is put back.
 */
async function removeLeftovers(target: string): Promise<void> {
  const base = basename(target);
  const found: { name: string; kind: "staging" | "old" }[] = [];
  for await (const entry of Deno.readDir(dirname(target))) {
    const kind = isBeside(entry.name, base);
    if (kind) found.push({ name: entry.name, kind });
  }
  found.sort((a, b) => a.name < b.name ? -1 : 1);
  const previous = found.find((f) => f.kind === "old");
  if (previous && !existsSync(target)) {
    await Deno.rename(join(dirname(target), previous.name), target);
    found.splice(found.indexOf(previous), 1);
  }
  for (const { name } of found) await Deno.remove(join(dirname(target), name), { recursive: true });
}

/**
 * A sharded run's job folder (shard I writes `dir/<shards>/I`): like a target, absent, empty or a dataset
 * this tool wrote (a merged one), besides its shards folder, which holds nothing but shards and what
 * their runs leave beside them. Throws a DatasetError naming the first foreign file.
 */
export async function checkJobFolder(dir: string, shards: string): Promise<void> {
  await checkTarget(dir, [shards]);
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(join(dir, shards))) names.push(entry.name);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return;
    throw new DatasetError(`cannot use ${clip(join(dir, shards), 200)}: ${reason(e)}`);
  }
  // A shard's folder, or its lock or staging folder (named after the shard).
  const ours = (name: string) => {
    if (/^\d{1,9}$/.test(name)) return true;
    const shard = /^\.?(\d{1,9})\./.exec(name)?.[1];
    return shard !== undefined && (name === `${shard}.lock` || isBeside(name, shard) !== undefined);
  };
  const foreign = names.filter((name) => !ours(name)).sort();
  if (foreign.length > 0) throw foreignFiles(dir, `${shards}/${foreign[0]}`);
}

/** A table's rows as Arrow IPC part files, in plan order. */
export interface TableParts {
  readonly rows: number;
  readonly columns: readonly string[];
  readonly files: readonly string[];
}

export interface StageOptions {
  /** Entries the target may hold besides its manifest's files (e.g. `shards`). */
  readonly keep?: readonly string[];
}

/**
 * A dataset being written: parts go to a staging folder beside the target; `commit` swaps it in.
 * Always end with `commit` or `abort`.
 */
export class StagedDataset {
  readonly #parts = new Map<string, { files: string[]; rows: number; columns: readonly string[] }>();
  /** Tables appended straight to their final file. */
  readonly #appended = new Map<string, { file: AppendedFile; rows: number; columns: readonly string[] }>();
  /** Size and sha256 of the files hashed as they were written, by path relative to the staging folder. */
  readonly #sealed = new Map<string, Sealed>();
  readonly #cleanup: () => void;
  #finished = false;
  #done = false;
  /** The previous dataset moved aside by `commit`, while it is being removed. */
  #old: string | undefined;

  private constructor(
    readonly target: string,
    readonly staging: string,
    readonly lock: TargetLock,
  ) {
    // On SIGINT/SIGTERM: remove what this run wrote, synchronously, then exit as a signalled process does.
    const onSignal = (code: number) => () => {
      this.#removeSync();
      Deno.exit(code);
    };
    const onInt = onSignal(130);
    const onTerm = onSignal(143);
    Deno.addSignalListener("SIGINT", onInt);
    Deno.addSignalListener("SIGTERM", onTerm);
    this.#cleanup = () => {
      Deno.removeSignalListener("SIGINT", onInt);
      Deno.removeSignalListener("SIGTERM", onTerm);
    };
  }

  /**
   * Locks `target`, removes what killed runs of it left beside it, checks that it may be replaced, and
   * creates the staging folder beside it. `target` is taken as an absolute path, so that `out`, `out/`
   * and `./out` are one folder with one lock beside it.
   */
  static async open(path: string, options: StageOptions = {}): Promise<StagedDataset> {
    const target = resolve(path);
    const parent = dirname(target);
    if (parent === target) {
      throw new DatasetError(`cannot write a dataset at ${target}: choose a folder in it`);
    }
    try {
      await Deno.mkdir(parent, { recursive: true });
    } catch (e) {
      throw new DatasetError(`cannot create ${clip(parent, 200)}: ${reason(e)}`);
    }
    const lock = TargetLock.take(target);
    // Listening for signals from the moment the lock is held: a signal before the staging folder exists
    // must still release the lock.
    const staged = new StagedDataset(target, join(parent, besideName(target, "staging")), lock);
    try {
      await removeLeftovers(target);
      await checkTarget(target, options.keep ?? []);
      await Deno.mkdir(join(staged.staging, "parts"), { recursive: true });
      await Deno.mkdir(staged.scratch);
      return staged;
    } catch (e) {
      await staged.abort();
      if (e instanceof DatasetError) throw e;
      throw new DatasetError(`cannot write beside ${clip(target, 200)}: ${reason(e)}`);
    }
  }

  /** Writes one shard's rows of a table as its next part (call in plan order). */
  writePart(table: string, frame: pl.DataFrame): void {
    if (frame.width === 0) return; // a shard whose every unit failed recorded no layout
    const entry = this.#entry(table, frame.columns);
    const file = join(this.staging, "parts", table, `${String(entry.files.length).padStart(6, "0")}.arrow`);
    frame.writeIPC(file);
    entry.files.push(file);
    entry.rows += frame.height;
  }

  /**
   * The folder for encoders' scratch files (see EncodedPiece): inside the staging folder, so that it is
   * removed with it however the run ends, and on the same file system, so that a part is moved, not copied.
   */
  get scratch(): string {
    return join(this.staging, "scratch");
  }

  /** Moves a shard's Arrow IPC piece of a table into place as its next part (call in plan order). */
  async movePart(piece: EncodedPiece): Promise<void> {
    const entry = this.#entry(piece.table, piece.columns);
    const file = join(
      this.staging,
      "parts",
      piece.table,
      `${String(entry.files.length).padStart(6, "0")}.arrow`,
    );
    await Deno.rename(piece.file, file);
    entry.files.push(file);
    entry.rows += piece.rows;
  }

  /** Appends a CSV piece of a table to `<table>.csv` (call in plan order); its lead only once. */
  async appendCSV(piece: EncodedPiece): Promise<void> {
    let entry = this.#appended.get(piece.table);
    if (!entry) {
      const file = await AppendedFile.create(join(this.staging, `${piece.table}.csv`));
      this.#appended.set(piece.table, entry = { file, rows: 0, columns: piece.columns });
      await entry.file.appendFile(piece.file);
    } else {
      if (entry.columns.join() !== piece.columns.join()) {
        throw new Error(
          `table '${piece.table}': a piece has columns ${piece.columns.join(", ")}, not ${
            entry.columns.join(", ")
          }`,
        );
      }
      await entry.file.appendFile(piece.file, piece.lead);
    }
    entry.rows += piece.rows;
  }

  /** Rows appended to final CSV files so far. */
  appendedRows(): number {
    return [...this.#appended.values()].reduce((n, t) => n + t.rows, 0);
  }

  /** Adds part files written elsewhere (another shard's) as the table's next parts, in order. */
  addParts(table: string, files: readonly string[], rows: number, columns: readonly string[]): void {
    const entry = this.#entry(table, columns);
    entry.files.push(...files);
    entry.rows += rows;
  }

  /** Each table's rows, columns and part files (relative to the staging folder when written here). */
  parts(): Record<string, TableParts> {
    return Object.fromEntries(
      [...this.#parts].map(([name, e]) => [name, {
        rows: e.rows,
        columns: e.columns,
        files: e.files.map((f) => relative(this.staging, f)),
      }]),
    );
  }

  /**
   * Turns each table's parts into `<table>.<format>` in the staging folder (CSV part by part, through the
   * encoder of appended tables; Parquet streamed), closes the appended tables, then drops the parts.
   */
  async finish(format: TableFormat): Promise<void> {
    for (const [name, { files }] of this.#parts) {
      if (format === "csv") {
        for (const file of files) {
          await this.appendCSV(
            csvPiece(name, pl.scanIPC(file).collectSync(), join(this.scratch, "part.csv")),
          );
          await releaseFrames();
        }
      } else {
        const lazy = pl.concat(files.map((f) => pl.scanIPC(f)), { how: "vertical" });
        await lazy.sinkParquet(join(this.staging, `${name}.parquet`), { rowGroupSize: PARQUET_ROW_GROUP })
          .collect();
      }
    }
    for (const [name, { file }] of this.#appended) this.#sealed.set(`${name}.csv`, file.close());
    await Deno.remove(join(this.staging, "parts"), { recursive: true });
    this.#finished = true;
  }

  #entry(table: string, columns: readonly string[]) {
    let entry = this.#parts.get(table);
    if (!entry) {
      Deno.mkdirSync(join(this.staging, "parts", table), { recursive: true });
      this.#parts.set(table, entry = { files: [], rows: 0, columns });
    } else if (entry.columns.join() !== columns.join()) {
      throw new Error(
        `table '${table}': a part has columns ${columns.join(", ")}, not ${entry.columns.join(", ")}`,
      );
    }
    return entry;
  }

  /**
   * Writes the manifest (with every file's size, sha256 and, for tables, rows and columns; sealed, see
   * manifest.ts) and swaps the staging folder in place of the target. `moveIn` entries of the target (e.g.
   * `shards`) are carried into the new dataset. Returns the manifest's file entries.
   */
  async commit(manifest: Record<string, unknown>, moveIn: readonly string[] = []): Promise<FileEntry[]> {
    await Deno.remove(this.scratch, { recursive: true });
    const files: FileEntry[] = [];
    for (const path of await listFiles(this.staging)) {
      const file = relative(this.staging, path);
      const table = this.#tableOf(file);
      const known = this.#sealed.get(file);
      const bytes = known?.bytes ?? (await Deno.stat(path)).size;
      files.push({ file, bytes, sha256: known?.sha256 ?? await sha256File(path), ...table });
    }
    const text = JSON.stringify(sealed({ generator: GENERATOR, ...manifest, files }), null, 2) + "\n";
    await Deno.writeTextFile(join(this.staging, MANIFEST), text);
    // The swap is synchronous: a signal handler runs only between turns of the event loop, so it never
    // sees the carried entries inside the staging folder it removes, nor the target moved aside.
    const carried: string[] = [];
    const old = join(dirname(this.target), besideName(this.target, "old"));
    let replaced = false;
    try {
      for (const name of moveIn) {
        if (existsSync(join(this.target, name))) {
          Deno.renameSync(join(this.target, name), join(this.staging, name));
          carried.push(name);
        }
      }
      if (existsSync(this.target)) {
        Deno.renameSync(this.target, old);
        replaced = true;
      }
      Deno.renameSync(this.staging, this.target);
    } catch (e) {
      if (replaced) Deno.renameSync(old, this.target);
      for (const name of carried) Deno.renameSync(join(this.staging, name), join(this.target, name));
      throw e;
    }
    // From here a signal leaves the new dataset in place, and its handler removes what is left of the old.
    this.#old = replaced ? old : undefined;
    if (replaced) await Deno.remove(old, { recursive: true });
    this.#release();
    return files;
  }

  /** Removes the staging folder and the lock; the target is untouched. */
  async abort(): Promise<void> {
    if (this.#done) return;
    for (const { file } of this.#appended.values()) {
      try {
        file.close();
      } catch { /* closed by finish */ }
    }
    await Deno.remove(this.staging, { recursive: true }).catch(() => {});
    this.#release();
  }

  /** Rows and columns of a final table file, once `finish` has written them. */
  #tableOf(file: string): { rows?: number; columns?: readonly string[] } {
    const match = /^([^/]+)\.(csv|parquet)$/.exec(file);
    const part = this.#finished && match
      ? this.#parts.get(match[1]) ?? this.#appended.get(match[1])
      : undefined;
    return part ? { rows: part.rows, columns: part.columns } : {};
  }

  #removeSync(): void {
    for (const path of [this.staging, this.#old]) {
      try {
        if (path) Deno.removeSync(path, { recursive: true });
      } catch { /* already gone */ }
    }
    this.#release();
  }

  #release(): void {
    if (this.#done) return;
    this.#done = true;
    this.#cleanup();
    this.lock.release();
  }
}

/**
 * Frees what written frames held. A Polars frame keeps its rows in native memory that V8 does not count,
 * and that memory is released by a finalizer, which runs only after a collection and a turn of the event
 * loop: without both, the frames of a long run pile up. The collection needs Deno to run with
 * `--v8-flags=--expose-gc`, as the `sim` and `merge` tasks do; without it the turn alone still helps.
 */
export async function releaseFrames(): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 0));
}

/** Every regular file under `dir`, sorted (manifests list files in a stable order). */
async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) out.push(...await listFiles(path));
    else if (entry.isFile) out.push(path);
  }
  return out.sort();
}

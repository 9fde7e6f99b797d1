/**
 * One output folder, one dataset.
 *
 * A dataset is written into a staging folder beside its target and swapped in only when complete, so an
 * interrupted, failed or disk-full run leaves the previous dataset whole and nothing beside it. A lock
 * file beside the target refuses a second writer. The target must be absent, empty, or a dataset this
 * tool wrote (its manifest lists every file in it): anything else is refused rather than mixed with new
 * tables. SIGINT and SIGTERM remove the staging folder and the lock before the process exits.
 *
 * Rows arrive in plan order as Arrow IPC parts, one per shard and table; `finish` streams each table's
 * parts into its final CSV or Parquet file. The parts may come from this process, its workers, or shards
 * run on other machines: the final files go through the same streaming step and so are byte-identical
 * however the work was split.
 */
import pl from "nodejs-polars";
import { createHash } from "node:crypto";
import { basename, dirname, join, relative } from "node:path";
import { sealed } from "./manifest.ts";

export type TableFormat = "csv" | "parquet";

/** Rows per Parquet row group: fixed, so that the file does not depend on how the rows were split. */
const PARQUET_ROW_GROUP = 65_536;

/** Written into every manifest, so that a folder this tool wrote can be told from any other. */
export const GENERATOR = "tokenomics-notebooks";
export const MANIFEST = "manifest.json";

/** A problem with the output folder (exit code 2 on the command line: nothing was written). */
export class DatasetError extends Error {
  override name = "DatasetError";
}

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
    throw new DatasetError(`cannot use ${target}: ${(e as Error).message}`);
  }
  if (!stat.isDirectory) throw new DatasetError(`${target} exists and is not a folder`);
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
  if (foreign.length > 0) {
    const example = foreign[0];
    throw new DatasetError(
      `${target} holds files this tool did not write (e.g. ${example}); choose another --out or empty it`,
    );
  }
}

/** Whether a process with this id runs on this machine (a lock left by a dead run can be taken over). */
function alive(pid: number): boolean {
  try {
    Deno.statSync(`/proc/${pid}`);
    return true;
  } catch {
    return false;
  }
}

/** Takes the lock beside `target`, or explains who holds it. */
async function lock(target: string): Promise<string> {
  const path = `${target}.lock`;
  const mine = JSON.stringify({ pid: Deno.pid, host: Deno.hostname() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await Deno.writeTextFile(path, mine, { createNew: true });
      return path;
    } catch (e) {
      if (!(e instanceof Deno.errors.AlreadyExists)) {
        throw new DatasetError(`cannot write beside ${target}: ${(e as Error).message.split(":")[0]}`);
      }
    }
    let holder: { pid?: number; host?: string } = {};
    try {
      holder = JSON.parse(await Deno.readTextFile(path));
    } catch { /* a lock being written this instant: treat as held */ }
    const stale = holder.host === Deno.hostname() && typeof holder.pid === "number" && !alive(holder.pid);
    if (!stale) {
      throw new DatasetError(
        `another run is writing ${target} (pid ${holder.pid ?? "?"} on ${holder.host ?? "?"}); ` +
          `wait for it, or remove ${path} if that run is gone`,
      );
    }
    await Deno.remove(path).catch(() => {});
  }
  throw new DatasetError(`cannot take the lock ${path}`);
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
  readonly #cleanup: () => void;
  #finished = false;
  #done = false;
  /** The previous dataset moved aside by `commit`, while it is being removed. */
  #old: string | undefined;

  private constructor(
    readonly target: string,
    readonly staging: string,
    readonly lockPath: string,
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

  /** Locks `target`, checks that it may be replaced, and creates the staging folder beside it. */
  static async open(target: string, options: StageOptions = {}): Promise<StagedDataset> {
    const parent = dirname(target);
    try {
      await Deno.mkdir(parent, { recursive: true });
    } catch (e) {
      throw new DatasetError(`cannot create ${parent}: ${(e as Error).message.split(":")[0]}`);
    }
    const lockPath = await lock(target);
    // Listening for signals from the moment the lock is held: a signal before the staging folder exists
    // must still remove the lock.
    const staging = join(parent, `.${basename(target)}.staging-${crypto.randomUUID()}`);
    const staged = new StagedDataset(target, staging, lockPath);
    try {
      await checkTarget(target, options.keep ?? []);
      await Deno.mkdir(join(staging, "parts"), { recursive: true });
      return staged;
    } catch (e) {
      await staged.abort();
      if (e instanceof DatasetError) throw e;
      throw new DatasetError(`cannot write beside ${target}: ${(e as Error).message.split(":")[0]}`);
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

  /** Streams each table's parts into `<table>.<format>` in the staging folder, then drops the parts. */
  async finish(format: TableFormat): Promise<void> {
    for (const [name, { files }] of this.#parts) {
      const lazy = pl.concat(files.map((f) => pl.scanIPC(f)), { how: "vertical" });
      const out = join(this.staging, `${name}.${format}`);
      if (format === "csv") await lazy.sinkCSV(out).collect();
      else await lazy.sinkParquet(out, { rowGroupSize: PARQUET_ROW_GROUP }).collect();
    }
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
    const files: FileEntry[] = [];
    for (const path of await listFiles(this.staging)) {
      const file = relative(this.staging, path);
      const bytes = (await Deno.stat(path)).size;
      const table = this.#tableOf(file);
      files.push({ file, bytes, sha256: await sha256File(path), ...table });
    }
    const text = JSON.stringify(sealed({ generator: GENERATOR, ...manifest, files }), null, 2) + "\n";
    await Deno.writeTextFile(join(this.staging, MANIFEST), text);
    // The swap is synchronous: a signal handler runs only between turns of the event loop, so it never
    // sees the carried entries inside the staging folder it removes, nor the target moved aside.
    const carried: string[] = [];
    const old = join(dirname(this.target), `.${basename(this.target)}.old-${crypto.randomUUID()}`);
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
    await Deno.remove(this.staging, { recursive: true }).catch(() => {});
    this.#release();
  }

  /** Rows and columns of a final table file, once `finish` has written them. */
  #tableOf(file: string): { rows?: number; columns?: readonly string[] } {
    const match = /^([^/]+)\.(csv|parquet)$/.exec(file);
    const part = this.#finished && match ? this.#parts.get(match[1]) : undefined;
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
    try {
      Deno.removeSync(this.lockPath);
    } catch { /* already gone */ }
  }
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

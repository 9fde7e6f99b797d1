/**
 * The shards of a job (`DIR/shards/<index>/`, written by `sim --shard I/N`) as they stand, each checked
 * before `merge` uses anything it says.
 *
 * A shard's manifest must be sealed (manifest.ts) and agree with itself and with where it lies: its index
 * is its folder's name, its fingerprint its plan's, its units the range that index has in that plan. The
 * shards of the job must be of one count and one plan, so with every index from 0 to count − 1 present
 * once they tile the plan's units exactly once. Before a merge, a shard's folder must hold exactly the
 * files its manifest lists, each with its size and sha256, its part lists must name each of those files
 * once, and each table's rows and columns are read from its parts rather than taken from the manifest.
 */
import pl from "nodejs-polars";
import { basename, join } from "node:path";
import { shardRange } from "../engine/plan.ts";
import {
  DatasetError,
  type FileEntry,
  GENERATOR,
  MANIFEST,
  sha256File,
  type TableFormat,
  type TableParts,
} from "./dataset.ts";
import { planFingerprint, type PlanRecord, SEAL, sealHolds } from "./manifest.ts";

export const SHARDS = "shards";

/** A shard's manifest, its shape checked. */
export interface ShardManifest extends PlanRecord {
  readonly runs: number;
  readonly subsets: readonly { readonly subset: number; readonly params: unknown }[];
  readonly tables: readonly string[];
  readonly format: TableFormat;
  readonly fingerprint: string;
  readonly shard: {
    readonly index: number;
    readonly count: number;
    readonly units: readonly [number, number];
  };
  readonly parts: Readonly<Record<string, TableParts>>;
  readonly failed_runs: readonly { readonly subset: number; readonly run: number }[];
  readonly files: readonly FileEntry[];
  readonly [key: string]: unknown;
}

/** A shard that is not done, and why. */
export interface NotDone {
  readonly index: number;
  readonly state: "missing" | "failed" | "mismatched" | "damaged";
  readonly reason: string;
}

export type ShardState =
  | { readonly index: number; readonly state: "done"; readonly manifest: ShardManifest }
  | NotDone;

/** An entry of `DIR/shards` that is none of the job's shards, and why. */
export interface Foreign {
  readonly name: string;
  readonly reason: string;
}

export interface JobState {
  readonly count: number;
  /** Shards 0 to count − 1, in order. */
  readonly shards: readonly ShardState[];
  readonly foreign: readonly Foreign[];
}

const INDEX = "(0|[1-9][0-9]*)";
const FOLDER = new RegExp(`^${INDEX}$`);
const LOCK = new RegExp(`^${INDEX}\\.lock$`);
/** What a run writing a shard leaves beside it while it runs (or after it was killed). */
const STAGING = new RegExp(`^\\.${INDEX}\\.(staging|old)-`);

/** What reading one shard folder's manifest gave. */
type Read = { readonly index: number; readonly manifest: ShardManifest } | NotDone;

/**
 * The shards of a job as their manifests describe them: done, missing, failed (interrupted, or being
 * written), mismatched (another shard's, another plan's) or damaged. Files are not read: see shardTables.
 */
export async function shardStates(dir: string): Promise<JobState> {
  const root = join(dir, SHARDS);
  const folders: number[] = [];
  const locks = new Set<number>();
  const started = new Set<number>();
  const foreign: Foreign[] = [];
  try {
    for await (const entry of Deno.readDir(root)) {
      const [folder, lock, staging] = [FOLDER, LOCK, STAGING].map((re) => re.exec(entry.name)?.[1]);
      if (folder !== undefined && entry.isDirectory) folders.push(Number(folder));
      else if (lock !== undefined && entry.isFile) locks.add(Number(lock));
      else if (staging !== undefined && entry.isDirectory) started.add(Number(staging));
      else {
        const what = folder === undefined
          ? "not a shard's folder"
          : entry.isSymlink
          ? "a link, not a folder"
          : "not a folder";
        foreign.push({ name: entry.name, reason: what });
      }
    }
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new DatasetError(`${root} does not exist: no shards to merge`);
    }
    throw e;
  }
  const reads = new Map<number, Read>();
  for (const index of folders) {
    const read = await readShard(join(root, String(index)), index);
    if (read) reads.set(index, read);
  }
  const sound = [...reads.values()].filter((r) => "manifest" in r).sort((a, b) => a.index - b.index);
  if (sound.length === 0) {
    const why = [...reads.values()].map((r) => `${r.index} (${"reason" in r ? r.reason : ""})`).join(", ");
    throw new DatasetError(`${root} holds no finished shard${why ? `: ${why}` : ""}`);
  }
  // The job is what most sound shards say it is (on a tie, what the lowest index says), so that one
  // stray shard is named rather than the others.
  const groups = Map.groupBy(sound, (r) => `${r.manifest.shard.count}/${r.manifest.fingerprint}`);
  const reference = [...groups.values()].reduce((best, group) => group.length > best.length ? group : best)[0]
    .manifest;
  const count = reference.shard.count;
  const shards: ShardState[] = [];
  for (let index = 0; index < count; index++) {
    const read = reads.get(index);
    if (!read) {
      shards.push(
        folders.includes(index)
          ? { index, state: "damaged", reason: `it has no ${MANIFEST}` }
          : locks.has(index) || started.has(index)
          ? { index, state: "failed", reason: "interrupted: it left a lock or a staging folder" }
          : { index, state: "missing", reason: "no output" },
      );
    } else if (!("manifest" in read)) {
      shards.push(read);
    } else if (locks.has(index)) {
      shards.push({
        index,
        state: "failed",
        reason: `being written: ${SHARDS}/${index}.lock is there; remove it if no run of this shard is going`,
      });
    } else if (read.manifest.shard.count !== count) {
      shards.push({
        index,
        state: "mismatched",
        reason: `it is shard ${index} of ${read.manifest.shard.count}, not of the job's ${count}`,
      });
    } else if (read.manifest.fingerprint !== reference.fingerprint) {
      shards.push({ index, state: "mismatched", reason: "it ran another plan: its fingerprint differs" });
    } else {
      shards.push({ index, state: "done", manifest: read.manifest });
    }
  }
  for (const index of folders.filter((i) => i >= count).sort((a, b) => a - b)) {
    foreign.push({ name: String(index), reason: `beyond the job's ${count} shards` });
  }
  return { count, shards, foreign: foreign.sort((a, b) => a.name.localeCompare(b.name)) };
}

/**
 * A shard folder's manifest, checked on its own: undefined when there is none, otherwise the manifest or
 * what is wrong with it.
 */
async function readShard(folder: string, index: number): Promise<Read | undefined> {
  let text: string;
  try {
    text = await Deno.readTextFile(join(folder, MANIFEST));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    return { index, state: "damaged", reason: `${MANIFEST} cannot be read: ${(e as Error).message}` };
  }
  const damaged = (reason: string): Read => ({ index, state: "damaged", reason });
  const mismatched = (reason: string): Read => ({ index, state: "mismatched", reason });
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(text);
  } catch {
    return damaged(`${MANIFEST} is not valid JSON`);
  }
  if (!isObject(manifest) || manifest.generator !== GENERATOR) {
    return damaged(`${MANIFEST} was not written by this tool`);
  }
  if (!(SEAL in manifest)) {
    return damaged(`${MANIFEST} has no ${SEAL}, as older versions wrote them: run this shard again`);
  }
  if (!sealHolds(manifest)) {
    return damaged(`${MANIFEST} was changed after the shard was written: its ${SEAL} does not match`);
  }
  const field = malformed(manifest);
  if (field) return damaged(`${MANIFEST}: its ${field} is not as this tool writes it`);
  const m = manifest as ShardManifest;
  const { shard } = m;
  if (shard.index !== index) {
    return mismatched(
      `it holds shard ${shard.index}'s output: copied or moved from ${SHARDS}/${shard.index}?`,
    );
  }
  if (m.fingerprint !== planFingerprint(m)) {
    return mismatched("its fingerprint is not its plan's: the plan was edited");
  }
  const [from, to] = shardRange(m, shard.index, shard.count);
  if (shard.units[0] !== from || shard.units[1] !== to) {
    return mismatched(
      `it ran units ${shard.units[0]}–${shard.units[1] - 1}, but shard ${index} of ${shard.count} ` +
        `of its plan is units ${from}–${to - 1}`,
    );
  }
  const stray = m.failed_runs.find((f) => {
    const unit = f.subset * m.runs + f.run - 1;
    return f.run > m.runs || unit < from || unit >= to;
  });
  if (stray) {
    return mismatched(
      `it lists a failed run, subset ${stray.subset} run ${stray.run}, outside its units ${from}–${to - 1}`,
    );
  }
  return { index, manifest: m };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isWhole = (v: unknown, min: number) => Number.isInteger(v) && (v as number) >= min;
const isStrings = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === "string");

/** The first field of a manifest that merge cannot use as it is; undefined when every one is usable. */
function malformed(m: Record<string, unknown>): string | undefined {
  const { shard, subsets, parts, files, failed_runs } = m;
  const fields: [string, boolean][] = [
    [
      "shard",
      isObject(shard) && isWhole(shard.count, 1) && isWhole(shard.index, 0) &&
      (shard.index as number) < (shard.count as number) && isUnits(shard.units),
    ],
    ["runs", isWhole(m.runs, 1)],
    ["subsets", Array.isArray(subsets) && subsets.every((s, i) => isObject(s) && s.subset === i)],
    ["tables", isStrings(m.tables)],
    ["format", m.format === "csv" || m.format === "parquet"],
    ["fingerprint", typeof m.fingerprint === "string"],
    [
      "parts",
      isObject(parts) &&
      Object.values(parts).every((p) =>
        isObject(p) && isWhole(p.rows, 0) && isStrings(p.columns) && isStrings(p.files)
      ),
    ],
    [
      "files",
      Array.isArray(files) &&
      files.every((f) =>
        isObject(f) && typeof f.file === "string" && isWhole(f.bytes, 0) && typeof f.sha256 === "string"
      ),
    ],
    [
      "failed_runs",
      Array.isArray(failed_runs) &&
      failed_runs.every((f) => isObject(f) && isWhole(f.subset, 0) && isWhole(f.run, 1)),
    ],
  ];
  return fields.find(([, usable]) => !usable)?.[0];
}

const isUnits = (v: unknown) => Array.isArray(v) && v.length === 2 && isWhole(v[0], 0) && isWhole(v[1], v[0]);

/** A table of a checked shard: its part files (paths) in plan order, with rows and columns read from them. */
export interface ShardTable {
  readonly files: readonly string[];
  readonly rows: number;
  readonly columns: readonly string[];
}

/**
 * The tables of a done shard, its folder checked against its manifest: exactly the listed files, each
 * with its size and sha256; each part named by one table's part list, once, from that table's folder;
 * rows and columns read from the parts and equal to what the manifest says. Otherwise what is wrong.
 */
export async function shardTables(
  folder: string,
  manifest: ShardManifest,
): Promise<Map<string, ShardTable> | string> {
  const present = await filesUnder(folder);
  if (typeof present === "string") return present;
  const listed = new Set<string>();
  for (const { file } of manifest.files) {
    if (listed.has(file)) return `its manifest lists ${file} twice`;
    listed.add(file);
  }
  const unlisted = present.find((file) => file !== MANIFEST && !listed.has(file));
  if (unlisted) return `it holds ${unlisted}, which its manifest does not list`;
  for (const f of manifest.files) {
    if (!present.includes(f.file)) return `${f.file} is missing`;
    const path = join(folder, f.file);
    if ((await Deno.stat(path)).size !== f.bytes || await sha256File(path) !== f.sha256) {
      return `${f.file} differs from its manifest`;
    }
  }
  const inParts = new Set<string>();
  for (const [table, parts] of Object.entries(manifest.parts)) {
    if (!manifest.tables.includes(table)) {
      return `its parts hold table '${table}', which its plan does not write`;
    }
    for (const file of parts.files) {
      if (!file.startsWith(`parts/${table}/`) || !listed.has(file)) {
        return `its part list of ${table} names ${file}, which is not one of its files in parts/${table}/`;
      }
      if (inParts.has(file)) return `its part list of ${table} names ${file} twice`;
      inParts.add(file);
    }
    // Parts are numbered as they are written, in plan order.
    const numbers = parts.files.map((file) => Number(basename(file, ".arrow")));
    if (numbers.some((n, i) => !(n > (numbers[i - 1] ?? -1)))) {
      return `its part list of ${table} is not in the order the parts were written`;
    }
  }
  const stray = manifest.files.find((f) => !inParts.has(f.file));
  if (stray) return `${stray.file} is in no table's part list`;

  const tables = new Map<string, ShardTable>();
  for (const [table, parts] of Object.entries(manifest.parts)) {
    let rows = 0;
    for (const file of parts.files) {
      const shape = await partShape(join(folder, file));
      if (!shape) return `${file} is not an Arrow IPC file`;
      const column = differsAt(shape.columns, parts.columns);
      if (column >= 0) {
        const [read, listed] = [shape.columns[column], parts.columns[column]].map((c) => c ?? "nothing");
        return `column ${column + 1} of ${file} is ${read}, its manifest lists ${listed}`;
      }
      rows += shape.rows;
    }
    if (rows !== parts.rows) {
      return `its manifest says ${table} has ${parts.rows} rows, its parts hold ${rows}`;
    }
    tables.set(table, { files: parts.files.map((f) => join(folder, f)), rows, columns: parts.columns });
  }
  return tables;
}

/** The first position where two lists differ, or -1. */
function differsAt(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return i;
  return -1;
}

/** Every file under `folder`, relative to it; or the first entry that is neither a file nor a folder. */
async function filesUnder(folder: string, under = ""): Promise<string[] | string> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(join(folder, under))) {
    const path = under ? `${under}/${entry.name}` : entry.name;
    if (entry.isFile) files.push(path);
    else if (!entry.isDirectory) return `${path} is a link or device, not a file`;
    else {
      const inner = await filesUnder(folder, path);
      if (typeof inner === "string") return inner;
      files.push(...inner);
    }
  }
  return files;
}

/** Rows and columns of an Arrow IPC part, read from the file; undefined when it is not one. */
async function partShape(path: string): Promise<{ rows: number; columns: string[] } | undefined> {
  try {
    const lazy = pl.scanIPC(path);
    const counted = await lazy.select(pl.len().alias("rows")).collect();
    return { rows: Number(counted.getColumn("rows").get(0)), columns: lazy.columns };
  } catch {
    return undefined;
  }
}

/** One line per shard and per foreign entry, for `merge --status`. */
export function describeStates({ count, shards, foreign }: JobState): string[] {
  const lines = shards.map((s) =>
    s.state === "done"
      ? `shard ${s.index}/${count}: done (units ${s.manifest.shard.units[0]}–${
        s.manifest.shard.units[1] - 1
      })`
      : `shard ${s.index}/${count}: ${s.state}: ${s.reason}`
  );
  lines.push(...foreign.map((f) => `${SHARDS}/${f.name}: ${f.reason}`));
  const done = shards.filter((s) => s.state === "done").length;
  lines.push(`${done} of ${count} shards done`);
  return lines;
}

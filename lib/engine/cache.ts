/**
 * The run cache: a finished run's tables kept on disk under a key made of everything that decides them —
 * the plan (model, every subset's parameters, swept names, runs, steps, seed), the recording options and
 * the unit range, the model's code version (code_version.ts) and the model object's own functions — so
 * that re-executing a notebook after a change of prose or charts reuses its runs. Same key, same bytes:
 * the engine is deterministic for a plan.
 *
 * Where and how much: `data/cache/runs/` (or RUN_CACHE_DIR), at most RUN_CACHE_MAX_MB megabytes (default
 * 4096); when a write passes that, the least recently used entries (a hit refreshes an entry's time) are
 * removed. RUN_CACHE=off bypasses it, and so does a process without the permissions it needs (it is then
 * never asked for them). Runs with failed units are not kept.
 *
 * Safe with several processes at once: an entry is written to a temporary file and renamed into place
 * (a reader sees a whole entry or none; two writers of one key write the same bytes), and an entry
 * removed by another process's eviction between listing and reading is a miss, not an error.
 */
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { codeVersion } from "./code_version.ts";
import type { ExecuteOptions, Runnable, RunResult } from "./executor.ts";
import type { RunPlan } from "./plan.ts";
import type { ColumnData, ColumnKind, TableData } from "./table.ts";

const DEFAULT_DIR = fileURLToPath(new URL("../../data/cache/runs", import.meta.url));
const DEFAULT_MAX_MB = 4096;
/** Bumped when the entry format changes, so old entries are misses. */
const FORMAT = 1;
const MAGIC = 0x52554e43; // "RUNC"
const SUFFIX = ".run";
/** Temporary files older than this were left by a process that died while writing; eviction removes them. */
const STALE_TEMP_MS = 3_600_000;

export interface CacheSettings {
  readonly dir: string;
  readonly maxBytes: number;
}

/** Open calls of `uncached`. */
let bypassed = 0;

/**
 * Runs `fn` (synchronous) with the cache bypassed: for a notebook that states how long its runs take,
 * which a result read from the cache would misstate.
 */
export function uncached<T>(fn: () => T): T {
  bypassed++;
  try {
    return fn();
  } finally {
    bypassed--;
  }
}

/** The cache this process uses, from the environment; undefined when it is off or not permitted. */
export function cacheSettings(): CacheSettings | undefined {
  if (bypassed > 0) return undefined;
  const readable = (variable: string) =>
    Deno.permissions.querySync({ name: "env", variable }).state === "granted";
  // Without permission to read RUN_CACHE the cache stays off, and no prompt asks for it.
  if (!readable("RUN_CACHE") || Deno.env.get("RUN_CACHE") === "off") return undefined;
  const env = (name: string) => readable(name) ? Deno.env.get(name) : undefined;
  const dir = env("RUN_CACHE_DIR") || DEFAULT_DIR;
  const megabytes = Number(env("RUN_CACHE_MAX_MB") || DEFAULT_MAX_MB);
  if (!(megabytes >= 0)) {
    throw new RangeError(`RUN_CACHE_MAX_MB must be a number of megabytes, not ${megabytes}`);
  }
  const granted = (name: "read" | "write") =>
    Deno.permissions.querySync({ name, path: dir }).state === "granted";
  if (!granted("read") || !granted("write")) return undefined;
  return { dir, maxBytes: megabytes * 1024 * 1024 };
}

/** The key of a run, or undefined when the model's code version cannot be known (it is then not cached). */
export function runKey(model: Runnable, plan: RunPlan, options: ExecuteOptions): string | undefined {
  const code = model.module === undefined ? undefined : codeVersion(model.module);
  if (code === undefined) return undefined;
  const { onProgress: _, ...recording } = options;
  let functions: string;
  try {
    // A model object built in a notebook from an exported one (a policy replaced) has other functions.
    functions = JSON.stringify(
      model,
      (_key, value) =>
        typeof value === "function" ? value.toString() : typeof value === "bigint" ? `${value}n` : value,
    );
  } catch {
    return undefined;
  }
  return createHash("sha256").update(JSON.stringify({
    format: FORMAT,
    code,
    functions,
    plan: {
      model: plan.model,
      seed: plan.seed,
      steps: plan.steps,
      runs: plan.runs,
      swept: plan.sweptNames,
      subsets: plan.subsets.map((s) => s.params),
    },
    recording: Object.fromEntries(Object.entries(recording).sort(([a], [b]) => a.localeCompare(b))),
  })).digest("hex");
}

/** Runs `compute` unless the cache holds its result; keeps a computed result. */
export function cachedRun(
  model: Runnable,
  plan: RunPlan,
  options: ExecuteOptions,
  compute: () => RunResult,
): RunResult {
  const settings = cacheSettings();
  const key = settings && runKey(model, plan, options);
  if (!settings || !key) return compute();
  const hit = readEntry(settings, key, plan);
  if (hit) return hit;
  const result = compute();
  writeEntry(settings, key, result);
  return result;
}

/** cachedRun for a run that is computed asynchronously (over workers). */
export async function cachedRunAsync(
  model: Runnable,
  plan: RunPlan,
  options: ExecuteOptions,
  compute: () => Promise<RunResult>,
): Promise<RunResult> {
  const settings = cacheSettings();
  const key = settings && runKey(model, plan, options);
  if (!settings || !key) return compute();
  const hit = readEntry(settings, key, plan);
  if (hit) return hit;
  const result = await compute();
  writeEntry(settings, key, result);
  return result;
}

interface ColumnHeader {
  name: string;
  kind: ColumnKind;
  labels?: readonly string[];
  offset: number;
  bytes: number;
}

interface Header {
  key: string;
  tables: { name: string; rows: number; keys: number; columns: ColumnHeader[] }[];
  length: number;
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;

/** The entry's bytes: magic, header length, header (JSON), then each column's values, 8-byte aligned. */
export function encodeEntry(key: string, result: RunResult): Uint8Array<ArrayBuffer> {
  const header: Header = { key, tables: [], length: 0 };
  const buffers: { offset: number; data: Uint8Array }[] = [];
  let at = 0;
  for (const [name, table] of Object.entries(result.tables)) {
    const columns: ColumnHeader[] = [];
    for (const [column, data] of Object.entries(table.columns)) {
      const values = data.values;
      const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
      columns.push({
        name: column,
        kind: data.kind,
        ...(data.kind === "string" ? { labels: data.labels } : {}),
        offset: at,
        bytes: bytes.byteLength,
      });
      buffers.push({ offset: at, data: bytes });
      at = align8(at + bytes.byteLength);
    }
    header.tables.push({ name, rows: table.rows, keys: table.keys, columns });
  }
  header.length = at;
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = align8(8 + json.byteLength);
  const out = new Uint8Array(start + at);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, json.byteLength, true);
  out.set(json, 8);
  for (const { offset, data } of buffers) out.set(data, start + offset);
  return out;
}

const ARRAYS = {
  float: Float64Array,
  int: Int32Array,
  bigint: BigInt64Array,
  bool: Uint8Array,
  string: Uint32Array,
} as const;

/** The tables of an entry, or undefined when its bytes are not a whole entry of `key`. */
export function decodeEntry(
  bytes: Uint8Array<ArrayBuffer>,
  key: string,
): Record<string, TableData> | undefined {
  // Typed arrays over the bytes need their 8-byte alignment.
  if (bytes.byteOffset % 8 !== 0) bytes = bytes.slice();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 8 || view.getUint32(0, true) !== MAGIC) return undefined;
  const jsonLength = view.getUint32(4, true);
  if (8 + jsonLength > bytes.byteLength) return undefined;
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + jsonLength)));
  } catch {
    return undefined;
  }
  const start = align8(8 + jsonLength);
  if (header.key !== key || start + header.length !== bytes.byteLength) return undefined;
  const tables: Record<string, TableData> = {};
  for (const table of header.tables) {
    const columns: Record<string, ColumnData> = {};
    for (const c of table.columns) {
      const Typed = ARRAYS[c.kind];
      const values = new Typed(
        bytes.buffer,
        bytes.byteOffset + start + c.offset,
        c.bytes / Typed.BYTES_PER_ELEMENT,
      );
      columns[c.name] = (c.kind === "string"
        ? { kind: c.kind, values, labels: c.labels }
        : { kind: c.kind, values }) as ColumnData;
    }
    tables[table.name] = { rows: table.rows, keys: table.keys, columns };
  }
  return tables;
}

const entryPath = (settings: CacheSettings, key: string) => `${settings.dir}/${key}${SUFFIX}`;

/** The cached result of `key`, its time refreshed (least recently used goes first); undefined on a miss. */
export function readEntry(settings: CacheSettings, key: string, plan: RunPlan): RunResult | undefined {
  const path = entryPath(settings, key);
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = Deno.readFileSync(path);
  } catch {
    return undefined;
  }
  const tables = decodeEntry(bytes, key);
  if (!tables) return undefined;
  try {
    const now = new Date();
    Deno.utimeSync(path, now, now);
  } catch {
    // Evicted by another process meanwhile: the result read is whole all the same.
  }
  return { plan, tables, failures: [] };
}

/** Keeps a result (not one with failed units, nor one larger than the cache), then evicts down to size. */
export function writeEntry(settings: CacheSettings, key: string, result: RunResult): void {
  if (result.failures.length > 0) return;
  const bytes = encodeEntry(key, result);
  if (bytes.byteLength > settings.maxBytes) return;
  Deno.mkdirSync(settings.dir, { recursive: true });
  const temp = `${settings.dir}/.tmp-${crypto.randomUUID()}`;
  try {
    Deno.writeFileSync(temp, bytes);
    Deno.renameSync(temp, entryPath(settings, key));
  } catch (error) {
    try {
      Deno.removeSync(temp);
    } catch {
      // Never written.
    }
    throw error;
  }
  evict(settings);
}

/**
 * Removes the least recently used entries until the cache holds at most its size, and temporary files
 * left by a process that died while writing. Another process may evict at the same time: an entry gone
 * before it is looked at or removed is skipped.
 */
export function evict(settings: CacheSettings): void {
  const entries: { path: string; size: number; used: number }[] = [];
  const now = Date.now();
  for (const entry of Deno.readDirSync(settings.dir)) {
    const path = `${settings.dir}/${entry.name}`;
    let info: Deno.FileInfo;
    try {
      info = Deno.statSync(path);
    } catch {
      continue;
    }
    const used = info.mtime?.getTime() ?? 0;
    if (entry.name.startsWith(".tmp-")) {
      if (now - used > STALE_TEMP_MS) removeQuietly(path);
    } else if (entry.name.endsWith(SUFFIX)) entries.push({ path, size: info.size, used });
  }
  let total = entries.reduce((sum, e) => sum + e.size, 0);
  entries.sort((a, b) => a.used - b.used || a.path.localeCompare(b.path));
  for (const entry of entries) {
    if (total <= settings.maxBytes) break;
    removeQuietly(entry.path);
    total -= entry.size;
  }
}

function removeQuietly(path: string): void {
  try {
    Deno.removeSync(path);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
}

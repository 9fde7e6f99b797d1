/**
 * Running a checked `sim` request: the size check before anything runs, the executor (a pool of workers
 * by default), progress on a terminal, and the rows streamed into the output folder (or a shard of it).
 */
import { join } from "node:path";
import { adaptive } from "../engine/adaptive.ts";
import { type Executor, growingChunks, runRange } from "../engine/executor.ts";
import { frames } from "../engine/frame.ts";
import { type RunPlan, shardRange, unitCount } from "../engine/plan.ts";
import { checkJobFolder, type TableFormat } from "../io/dataset.ts";
import { planFingerprint } from "../io/manifest.ts";
import { SHARDS } from "../io/shards.ts";
import { runInto, type Written } from "../io/write_run.ts";
import { outputEncoding } from "./sim_output.ts";
import type { Simulator } from "../models/simulator.ts";
import { VERSION } from "../version.ts";

export interface RunRequest {
  readonly model: Simulator;
  readonly plan: RunPlan;
  readonly out: string;
  readonly format: TableFormat;
  /** The tables to write (default: all the model's). */
  readonly tables: readonly string[];
  readonly workers: number;
  /** Shard `index` of `count` of the plan, written into `out/shards/<index>/` for `merge`. */
  readonly shard?: { readonly index: number; readonly count: number };
  /** Refuse a run whose estimated output exceeds this many bytes. */
  readonly maxBytes: number;
  readonly scenario?: string;
  readonly config?: string;
}

/** A run refused before it started (exit code 2: nothing was written). */
export class SizeError extends Error {
  override name = "SizeError";
}

/**
 * Rows of the largest chunk of units: chunks grow from one unit to this (see growingChunks), large enough
 * to amortise a hand-over between threads, small enough that the chunks run ahead of the writer stay a
 * few MB each.
 */
const CHUNK_ROWS = 20_000;
/** Chunks at least this many to the range, so that long units (agent-based runs) spread over workers. */
const MIN_CHUNKS = 16;
/** Columns assumed for a table when the pilot unit failed. */
const PILOTLESS_COLUMNS = 20;
/** Bytes per cell of a written table, a generous average for the size check (CSV text; Parquet is less). */
const BYTES_PER_CELL = 12;

/** The units a request runs: the whole plan, or its shard. */
function unitsOf(request: RunRequest): [number, number] {
  return request.shard
    ? shardRange(request.plan, request.shard.index, request.shard.count)
    : [0, unitCount(request.plan)];
}

/** Estimated rows per unit of each chosen table, averaged over the plan's subsets. */
function rowsPerUnit(request: RunRequest): Record<string, number> {
  const { model, plan } = request;
  const out: Record<string, number> = {};
  for (const subset of plan.subsets) {
    const rows = model.rowsPerUnit(subset.params, plan.steps);
    for (const table of request.tables) {
      out[table] = (out[table] ?? 0) + (rows[table] ?? 0) / plan.subsets.length;
    }
  }
  return out;
}

/** Each chosen table's columns, from a pilot of one unit over one step (cheap, and exact in width). */
function columnsPerTable(request: RunRequest): Record<string, number> {
  const { model, plan } = request;
  const pilot: RunPlan = { ...plan, subsets: [plan.subsets[0]], runs: 1, steps: Math.min(plan.steps, 1) };
  const shard = runRange(model.model, pilot, 0, 1, model.record(request.tables));
  // A pilot that fails says nothing about widths; the run itself will report the failure.
  const tables = shard.failures.length > 0
    ? {}
    : model.output(frames({ plan: pilot, tables: shard.tables, failures: [] }), pilot);
  return Object.fromEntries(request.tables.map((name) => [name, tables[name]?.width ?? PILOTLESS_COLUMNS]));
}

/** Estimated rows and bytes of the output (from rows per unit of each table); throws SizeError above the limit. */
function checkSize(request: RunRequest, perUnit: Record<string, number>): void {
  const [from, to] = unitsOf(request);
  const rows = Object.values(perUnit).reduce((n, r) => n + r, 0) * (to - from);
  const columns = columnsPerTable(request);
  const bytes = Object.entries(perUnit)
    .reduce((n, [table, r]) => n + r * (to - from) * columns[table] * BYTES_PER_CELL, 0);
  if (bytes > request.maxBytes) {
    throw new SizeError(
      `this run would write about ${formatCount(rows)} rows, ~${formatBytes(bytes)} (limit ` +
        `${formatBytes(request.maxBytes)}); raise the limit with --max-output ${formatBytes(bytes * 1.5)} ` +
        `or run fewer steps, runs or subsets`,
    );
  }
}

/**
 * The executor for a request: workers where they pay for themselves (see adaptive.ts). The chunks are a
 * function of the units to run and the rows per unit only: never of the workers, so neither are the files.
 */
function executorFor(request: RunRequest, perUnit: number): Executor {
  const [from, to] = unitsOf(request);
  const byRows = Math.max(1, Math.floor(CHUNK_ROWS / Math.max(1, perUnit)));
  const byCount = Math.max(1, Math.floor((to - from) / MIN_CHUNKS));
  const size = Math.min(byRows, byCount);
  return adaptive(request.model.model, request.workers, (a, b) => growingChunks(a, b, size));
}

/**
 * Progress on stderr when it is a terminal: units done, rows per second, time left; each line starts with
 * the command's name.
 */
export function progressReporter(
  rowsPerUnit: number,
  command = "sim",
): ((done: number, total: number) => void) | undefined {
  if (!Deno.stderr.isTerminal()) return undefined;
  const encoder = new TextEncoder();
  const start = performance.now();
  let lastShown = 0;
  return (done, total) => {
    const now = performance.now();
    if (done < total && now - lastShown < 200) return;
    lastShown = now;
    const seconds = (now - start) / 1000;
    const rate = (done * rowsPerUnit) / Math.max(seconds, 1e-3);
    const left = done > 0 ? (seconds * (total - done)) / done : NaN;
    const line = `${command}: ${done}/${total} units · ${formatCount(rate)} rows/s · ${
      Number.isFinite(left) ? `${Math.ceil(left)} s left` : "…"
    }`;
    Deno.stderr.writeSync(encoder.encode(`\r${line.padEnd(60)}${done === total ? "\n" : ""}`));
  };
}

/** Runs a checked request into its output folder (or shard folder). */
export async function runRequest(request: RunRequest): Promise<Written & { target: string }> {
  const { model, plan } = request;
  // Rows per unit are estimated once, over every subset: the size check, chunking and progress use them.
  const perTable = rowsPerUnit(request);
  const perUnit = Object.values(perTable).reduce((n, r) => n + r, 0);
  checkSize(request, perTable);
  const units = unitsOf(request);
  // A shard's own folder is checked as any target is; its job's folder must be one this tool wrote too.
  if (request.shard) await checkJobFolder(request.out, SHARDS);
  const target = request.shard ? join(request.out, SHARDS, String(request.shard.index)) : request.out;
  const planRecord = {
    model: model.name,
    version: VERSION,
    scenario: request.scenario ?? null,
    config: request.config ?? null,
    seed: plan.seed,
    steps: plan.steps,
    runs: plan.runs,
    swept: plan.sweptNames,
    subsets: plan.subsets.map((s) => ({ subset: s.subset, params: s.params })),
    tables: request.tables,
    format: request.format,
  };
  const written = await runInto(executorFor(request, perUnit), plan, {
    target,
    format: request.format,
    encoding: (pieces, scratch) =>
      outputEncoding({ model: model.name, tables: request.tables, encoding: pieces, scratch }),
    manifest: { ...planRecord, fingerprint: planFingerprint(planRecord) },
    shard: request.shard && { ...request.shard, units },
  }, {
    ...model.record(request.tables),
    units,
    onProgress: progressReporter(perUnit),
  });
  return { ...written, target };
}

const formatCount = (n: number) => Math.round(n).toLocaleString("en-US");

/** Bytes as a size a person reads and `--max-output` accepts, e.g. 12.5GB. */
export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let i = 0;
  while (bytes >= 1000 && i < units.length - 1) {
    bytes /= 1000;
    i++;
  }
  return `${Number(bytes.toPrecision(3))}${units[i]}`;
}

/** Parses a size such as 500MB, 20GB or 1e9 (bytes); undefined when it is not one. */
export function parseBytes(text: string): number | undefined {
  const match = /^(\d{1,15}(?:\.\d{1,6})?)\s*(B|KB|MB|GB|TB)?$/i.exec(text.trim());
  if (!match) return undefined;
  const scale = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 }[(match[2] ?? "B").toUpperCase()]!;
  return Number(match[1]) * scale;
}

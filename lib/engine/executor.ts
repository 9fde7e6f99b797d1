/**
 * Executors: what runs a plan's work units, wherever they run.
 *
 * Every executor runs ranges of units through the same `runRange` (state-update or agent-based, by the
 * model's kind) and hands the resulting shards over in plan order; every unit draws from its run's own
 * seeded stream (plan.ts), so the joined tables are the same whichever executor, worker or shard ran
 * what. `inProcess` runs in this thread; `workerPool` (pool.ts) spreads ranges over Web Workers.
 */
import { type AnyAgentModel, runAgentRange } from "./agents.ts";
import type { AnyModel } from "./model.ts";
import { type RunPlan, unitCount } from "./plan.ts";
import type { EncodedPiece, Encoding, RecordOptions, Shard } from "./shard.ts";
import { runStateUpdateRange } from "./state_update.ts";
import { concatTables, type TableData } from "./table.ts";
import type { UnitError } from "./unit_error.ts";

/** A model of either kind. */
export type Runnable = AnyModel | AnyAgentModel;

export function isAgentModel(model: Runnable): model is AnyAgentModel {
  return "phases" in model;
}

/** Runs units [from, to) of a plan in this thread, whatever the model's kind. */
export function runRange(
  model: Runnable,
  plan: RunPlan,
  from: number,
  to: number,
  options: RecordOptions = {},
  onUnit?: () => void,
): Shard {
  if (plan.model !== model.name) throw new Error(`plan is for model ${plan.model}, not ${model.name}`);
  return isAgentModel(model)
    ? runAgentRange(model, plan, from, to, options, onUnit)
    : runStateUpdateRange(model, plan, from, to, options, onUnit);
}

export interface ExecuteOptions extends RecordOptions {
  /** Only the plan's units [from, to) (default all): a shard of a larger job. */
  readonly units?: readonly [number, number];
  /** Called after each unit with (units done, units to run). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Encode each shard where it was run (see Encoding): the sink receives `encoded`, not `tables`. */
  readonly encoding?: Encoding;
}

/** Receives shards in plan order; may be async (e.g. writing to disk), and the executor waits for it. */
export type ShardSink = (shard: Shard) => void | Promise<void>;

export interface Executor {
  /** Runs the plan's units (`options.units`, default all) and hands their shards to `sink` in plan order. */
  run(plan: RunPlan, sink: ShardSink, options?: ExecuteOptions): Promise<void>;
}

/** The unit range an options object selects, checked against the plan. */
export function unitRange(plan: RunPlan, options: ExecuteOptions = {}): [number, number] {
  const total = unitCount(plan);
  const [from, to] = options.units ?? [0, total];
  if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from <= to && to <= total)) {
    throw new RangeError(`unit range [${from}, ${to}) is not within the plan's ${total} units`);
  }
  return [from, to];
}

/** Splits [from, to) into consecutive chunks of at most `size` units. */
export function chunks(from: number, to: number, size: number): [number, number][] {
  const out: [number, number][] = [];
  for (let at = from; at < to; at += size) out.push([at, Math.min(to, at + size)]);
  return out;
}

/**
 * Splits [from, to) into chunks of 1, 2, 4, … units, doubling up to `size`: the first rows come back at
 * once (every worker busy early, a short run not held up by one big chunk), later chunks are large enough
 * to amortise their hand-over. The chunks depend on the range and `size` only, never on timing.
 */
export function growingChunks(from: number, to: number, size: number): [number, number][] {
  const out: [number, number][] = [];
  let next = 1;
  for (let at = from; at < to; at += next, next = Math.min(size, 2 * next)) {
    out.push([at, Math.min(to, at + Math.min(next, size))]);
  }
  return out;
}

/** How an executor cuts a range into chunks: at most N units each, or a function of the range. */
export type Chunking = number | ((from: number, to: number) => [number, number][]);

/** The chunks of [from, to) under a chunking (a number N: chunks of N units). */
export function chunksOf(from: number, to: number, chunking: Chunking): [number, number][] {
  return typeof chunking === "number"
    ? chunks(from, to, Math.min(chunking, Math.max(1, to - from)))
    : chunking(from, to);
}

type Encode = (shard: Shard, plan: RunPlan, args: unknown) => readonly EncodedPiece[];
const encoders = new Map<string, Promise<Encode>>();

/** The encoder an Encoding names, loaded once per thread. */
export function encoderOf(encoding: Encoding): Promise<Encode> {
  const key = `${encoding.module}#${encoding.name}`;
  let encode = encoders.get(key);
  if (!encode) {
    encode = import(encoding.module).then((m) => {
      if (typeof m[encoding.name] !== "function") {
        throw new Error(`module ${encoding.module} has no function '${encoding.name}'`);
      }
      return m[encoding.name] as Encode;
    });
    encoders.set(key, encode);
  }
  return encode;
}

/** A shard with its tables replaced by their encoded pieces. */
export function encodedShard(shard: Shard, plan: RunPlan, encoding: Encoding, encode: Encode): Shard {
  return { ...shard, tables: {}, encoded: encode(shard, plan, encoding.args) };
}

/**
 * An executor that runs in this thread, chunk by chunk (default: the whole range as one chunk). With an
 * encoding, each chunk is encoded here as a worker would encode it.
 */
export function inProcess(model: Runnable, chunking: Chunking = Infinity): Executor {
  return {
    async run(plan, sink, options = {}) {
      const [from, to] = unitRange(plan, options);
      const encoding = options.encoding;
      const encode = encoding && await encoderOf(encoding);
      let done = 0;
      const onUnit = options.onProgress && (() => options.onProgress!(++done, to - from));
      for (const [a, b] of chunksOf(from, to, chunking)) {
        const shard = runRange(model, plan, a, b, options, onUnit);
        await sink(encode ? encodedShard(shard, plan, encoding, encode) : shard);
      }
    },
  };
}

/** The tables and failures of a whole run (or of a range of it). */
export interface RunResult {
  readonly plan: RunPlan;
  readonly tables: Readonly<Record<string, TableData>>;
  readonly failures: readonly UnitError[];
}

/** Joins shards given in plan order into one result. */
export function joinShards(plan: RunPlan, shards: readonly Shard[]): RunResult {
  const names = [...new Set(shards.flatMap((s) => Object.keys(s.tables)))];
  return {
    plan,
    tables: Object.fromEntries(names.map((name) => [name, concatTables(shards.map((s) => s.tables[name]))])),
    failures: shards.flatMap((s) => s.failures),
  };
}

/** Runs a plan in this thread and returns its tables (synchronous: the notebooks' everyday call). */
export function runInProcess(model: Runnable, plan: RunPlan, options: ExecuteOptions = {}): RunResult {
  const [from, to] = unitRange(plan, options);
  let done = 0;
  const onUnit = options.onProgress && (() => options.onProgress!(++done, to - from));
  return joinShards(plan, [runRange(model, plan, from, to, options, onUnit)]);
}

/** Runs a plan on any executor and keeps every shard in memory, joined. */
export async function collect(
  executor: Executor,
  plan: RunPlan,
  options: ExecuteOptions = {},
): Promise<RunResult> {
  const shards: Shard[] = [];
  await executor.run(plan, (shard) => void shards.push(shard), options);
  return joinShards(plan, shards);
}

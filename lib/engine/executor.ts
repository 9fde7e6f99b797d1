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
import type { RecordOptions, Shard } from "./shard.ts";
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

/** An executor that runs in this thread, `chunkUnits` units per shard (default: the whole range). */
export function inProcess(model: Runnable, chunkUnits = Infinity): Executor {
  return {
    async run(plan, sink, options = {}) {
      const [from, to] = unitRange(plan, options);
      let done = 0;
      const onUnit = options.onProgress && (() => options.onProgress!(++done, to - from));
      for (const [a, b] of chunks(from, to, Math.min(chunkUnits, Math.max(1, to - from)))) {
        await sink(runRange(model, plan, a, b, options, onUnit));
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

/**
 * Everyday calls for notebooks and tests, over the executors of executor.ts: plan and run in one call,
 * in this thread, and get results in the shape of the model's kind — typed columns and a frame for a
 * state-update model (`simulate`; `toFrame` in frame.ts), frames per table for an agent-based one (`runAgents`).
 * For workers, shards or streaming to disk, use an executor directly.
 *
 * These are the calls notebooks run their models through, so they are where runs are cached (cache.ts:
 * the same plan, options and model code give the result kept from before) and where a long run over
 * workers shows its progress in Jupyter (progress.ts).
 */
import type pl from "nodejs-polars";
import type { AgentModel, AnyAgentModel, World } from "./agents.ts";
import { cachedRun, cachedRunAsync } from "./cache.ts";
import {
  collect,
  type ExecuteOptions,
  runInProcess,
  type Runnable,
  type RunResult,
  unitRange,
} from "./executor.ts";
import { frames } from "./frame.ts";
import type { AnyModel } from "./model.ts";
import type { ParamSchema } from "./params.ts";
import { type KeptWorkers, workerPool } from "./pool.ts";
import { type PlanOptions, planRuns, type RunPlan } from "./plan.ts";
import type { TableData } from "./table.ts";
import type { UnitError } from "./unit_error.ts";
import { jupyterProgress } from "./progress.ts";

/** A state-update run: its `timeseries` table as typed columns. */
export interface SimulationResult extends RunResult {
  readonly columns: {
    readonly subset: Int32Array;
    readonly run: Int32Array;
    readonly substep: Int32Array;
    readonly timestep: Int32Array;
    /** One column per state variable then per derived column, in the model's order. */
    readonly values: Readonly<Record<string, Float64Array | BigInt64Array>>;
  };
  readonly rows: number;
  /** Names of the recorded value columns (state variables, then derived). */
  readonly valueNames: readonly string[];
}

/** A state-update result's view of its typed columns. */
export function asSimulation(result: RunResult): SimulationResult {
  const table: TableData = result.tables.timeseries;
  const col = (name: string) => (table.columns[name]?.values ?? new Int32Array(0)) as Int32Array;
  const valueNames = Object.keys(table.columns).slice(table.keys);
  return {
    ...result,
    columns: {
      subset: col("subset"),
      run: col("run"),
      substep: col("substep"),
      timestep: col("timestep"),
      values: Object.fromEntries(
        valueNames.map((name) => [name, table.columns[name].values as Float64Array | BigInt64Array]),
      ),
    },
    rows: table.rows,
    valueNames,
  };
}

/** Runs every unit of a state-update plan in this thread. */
export function execute(model: AnyModel, plan: RunPlan, options: ExecuteOptions = {}): SimulationResult {
  return asSimulation(inThread(model, plan, options));
}

/**
 * A plan's result from the cache, or run in this thread. (No progress line: a run in this thread holds it,
 * so the kernel would send the line's updates only once the run has ended.)
 */
function inThread(model: Runnable, plan: RunPlan, options: ExecuteOptions): RunResult {
  return cachedRun(model, plan, options, () => runInProcess(model, plan, options));
}

/** The options with `progress` told of every unit done, as well as any onProgress they hold. */
function withProgress(options: ExecuteOptions, progress: ReturnType<typeof jupyterProgress>): ExecuteOptions {
  if (!progress) return options;
  return {
    ...options,
    onProgress: (done, total) => {
      options.onProgress?.(done, total);
      progress.update(done, total);
    },
  };
}

/** Plans and executes in one call. */
export function simulate(model: AnyModel, options: PlanOptions & ExecuteOptions = {}): SimulationResult {
  return execute(model, planRuns(model, options), options);
}

/** An agent-based run's tables as frames. */
export interface AgentRunResult {
  readonly plan: RunPlan;
  /** `subset, run, timestep`, the swept parameters, then the model reporters; timestep 0 is the start. */
  readonly timeseries: pl.DataFrame;
  /** `subset, run, timestep, agent_id, agent_type`, the swept parameters, then the agent reporters. */
  readonly agents?: pl.DataFrame;
  /** Each recorded event table: `subset, run, timestep`, the swept parameters, then its columns. */
  readonly events: Readonly<Record<string, pl.DataFrame>>;
  /** Units that failed; their rows are absent from every table, the other units' rows are kept. */
  readonly failures: readonly UnitError[];
}

/** An agent-based result's tables as frames. */
export function asAgentFrames(result: RunResult): AgentRunResult {
  const { timeseries, agents, ...events } = frames(result);
  return { plan: result.plan, timeseries, agents, events, failures: result.failures };
}

/** Runs every unit of an agent-based plan in this thread. */
// deno-lint-ignore no-explicit-any
export function runAgents<Sch extends ParamSchema, W extends World<any>>(
  model: AgentModel<Sch, W>,
  plan: RunPlan,
  options: ExecuteOptions = {},
): AgentRunResult {
  return asAgentFrames(inThread(model as AnyAgentModel, plan, options));
}

export interface ParallelOptions extends ExecuteOptions {
  /** Number of workers (default: the machine's logical cores). */
  readonly workers?: number;
  /** Workers to take and give back, so that a series of runs starts them once (pool.ts). */
  readonly kept?: KeptWorkers;
}

/**
 * Runs a plan over a pool of workers, or in this thread when one worker is asked for, the plan has a
 * single unit, or the model declares no module. Same tables either way.
 */
export function runParallel(
  model: AnyModel | AnyAgentModel,
  plan: RunPlan,
  options: ParallelOptions = {},
): Promise<RunResult> {
  const { workers = navigator.hardwareConcurrency, kept, ...execute } = options;
  const [from, to] = unitRange(plan, execute);
  if (workers <= 1 || to - from <= 1 || !model.module) return Promise.resolve(inThread(model, plan, execute));
  return cachedRunAsync(model, plan, execute, async () => {
    const progress = jupyterProgress(model.name);
    try {
      return await collect(
        workerPool(model, workers, undefined, undefined, false, kept),
        plan,
        withProgress(execute, progress),
      );
    } finally {
      progress?.finish();
    }
  });
}

/**
 * Run plans and the in-process executor.
 *
 * A plan lists the parameter subsets and the Monte Carlo runs; each (subset, run) is an independent work
 * unit with its own seeded stream, so any executor — this one, a pool of workers, a shard of a larger
 * job — produces the same rows for it.
 */
import type { AnyModel, ModelInfo } from "./model.ts";
import { ParamError, type ParamValue, resolveParams } from "./params.ts";
import {
  allocateColumns,
  type Columns,
  type RecordOptions,
  rowsPerUnit,
  RunError,
  runUnit,
  valueColumnNames,
  type WorkUnit,
  workUnit,
} from "./run_unit.ts";
import { type Assignment, crossSweeps, type SweepLists, zipSweep } from "./sweep.ts";

export interface PlanOptions {
  /** Parameter values for every subset (overriding the model's defaults). */
  readonly set?: Readonly<Record<string, unknown>>;
  /**
   * Swept parameters. One group of lists is zipped by position (cadCAD's reading); several groups are
   * each zipped and then crossed with one another.
   */
  readonly sweep?: SweepLists | readonly SweepLists[];
  /** Cross every swept parameter with every other instead of zipping. */
  readonly product?: boolean;
  /** Monte Carlo runs per subset (default: the model's). */
  readonly runs?: number;
  /** Timesteps after the initial state (default: the model's). */
  readonly steps?: number;
  /** Root seed of every stream. */
  readonly seed?: string | number;
}

export interface Subset {
  /** 0-based, as cadCAD numbers subsets. */
  readonly subset: number;
  readonly swept: Assignment;
  readonly params: Readonly<Record<string, ParamValue>>;
}

export interface RunPlan {
  readonly model: string;
  readonly subsets: readonly Subset[];
  readonly sweptNames: readonly string[];
  readonly runs: number;
  readonly steps: number;
  readonly seed: string | number;
}

export const DEFAULT_SEED = 42;

function checkCount(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new ParamError(`${name} must be a whole number ≥ ${min}, got ${value}`);
  }
  return value;
}

/** Validates every parameter of every subset and lists the work. */
export function planRuns(model: ModelInfo, options: PlanOptions = {}): RunPlan {
  const given = options.sweep ?? [];
  let groups: readonly SweepLists[] = Array.isArray(given) ? given : [given as SweepLists];
  if (options.product) groups = groups.flatMap((g) => Object.entries(g).map(([k, v]) => ({ [k]: v })));
  const sweptNames = groups.flatMap((g) => Object.keys(g));
  const seen = new Set<string>();
  for (const name of sweptNames) {
    if (seen.has(name)) throw new ParamError(`parameter '${name}' is swept twice`);
    seen.add(name);
    if (options.set && Object.hasOwn(options.set, name)) {
      throw new ParamError(`parameter '${name}' is both set and swept; give it one way only`);
    }
  }
  const assignments = crossSweeps(groups.map(zipSweep));
  const subsets = assignments.map((swept, subset) => {
    const params = resolveParams(model.params, { ...options.set, ...swept }, model.name);
    model.check?.(params);
    return { subset, swept, params };
  });
  return {
    model: model.name,
    subsets,
    sweptNames,
    runs: checkCount("runs", options.runs ?? model.runs, 1),
    steps: checkCount("steps", options.steps ?? model.steps, 0),
    seed: options.seed ?? DEFAULT_SEED,
  };
}

/** Every (subset, run) of a plan, runs 1-based. */
export function workUnits(plan: RunPlan): WorkUnit[] {
  return plan.subsets.flatMap((s) =>
    Array.from({ length: plan.runs }, (_, i) => workUnit(plan.seed, s.subset, i + 1))
  );
}

export interface ExecuteOptions {
  /** Keep only the last substep of each timestep (default true: one row per timestep). */
  readonly lastSubstepOnly?: boolean;
  /** Freeze states to catch mutation (debug). */
  readonly freeze?: boolean;
  /** Called after each unit with (units done, units in total). */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface SimulationResult {
  readonly plan: RunPlan;
  /** The rows of every successful unit, in plan order. */
  readonly columns: Columns;
  readonly rows: number;
  /** Names of the recorded value columns (state variables, then derived). */
  readonly valueNames: readonly string[];
  /** Units that failed; their rows are absent, the other units' rows are kept. */
  readonly failures: readonly RunError[];
}

/** How rows are recorded, from a plan and execution options. */
export function recordOptions(plan: RunPlan, options: ExecuteOptions): RecordOptions {
  return {
    steps: plan.steps,
    lastSubstepOnly: options.lastSubstepOnly ?? true,
    freeze: options.freeze ?? false,
  };
}

/** The rows of a contiguous range of a plan's units, and which of them failed. */
export interface RangeResult {
  readonly columns: Columns;
  /** Failed units, by index within the range. */
  readonly failed: readonly { readonly index: number; readonly error: RunError }[];
}

/**
 * Runs units [from, to) of a plan into fresh columns: the core every executor shares, so that a unit's
 * rows are the same whichever executor, worker or shard runs it.
 */
export function runRange(
  model: AnyModel,
  plan: RunPlan,
  from: number,
  to: number,
  record: RecordOptions,
  onUnit?: () => void,
): RangeResult {
  const units = workUnits(plan).slice(from, to);
  const perUnit = rowsPerUnit(model, record);
  const columns = allocateColumns(model, model.initialState(plan.subsets[0].params), perUnit * units.length);
  const failed: { index: number; error: RunError }[] = [];
  units.forEach((unit, i) => {
    try {
      runUnit(model, plan.subsets[unit.subset].params, unit, record, columns, i * perUnit);
    } catch (error) {
      if (!(error instanceof RunError)) throw error;
      failed.push({ index: i, error });
    }
    onUnit?.();
  });
  return { columns, failed };
}

/** Assembles a result from the whole plan's columns, dropping the rows of failed units. */
export function assemble(
  model: AnyModel,
  plan: RunPlan,
  record: RecordOptions,
  whole: RangeResult,
): SimulationResult {
  const perUnit = rowsPerUnit(model, record);
  const failedIndices = whole.failed.map((f) => f.index);
  const units = whole.columns.subset.length / perUnit;
  return {
    plan,
    columns: failedIndices.length === 0 ? whole.columns : dropUnits(whole.columns, failedIndices, perUnit),
    rows: perUnit * (units - failedIndices.length),
    valueNames: valueColumnNames(model, model.initialState(plan.subsets[0].params)),
    failures: whole.failed.map((f) => f.error),
  };
}

/** Runs every unit of a plan in this thread. */
export function execute(model: AnyModel, plan: RunPlan, options: ExecuteOptions = {}): SimulationResult {
  const record = recordOptions(plan, options);
  const total = plan.subsets.length * plan.runs;
  let done = 0;
  const progress = options.onProgress;
  const whole = runRange(model, plan, 0, total, record, progress && (() => progress(++done, total)));
  return assemble(model, plan, record, whole);
}

/** Plans and executes in one call. */
export function simulate(
  model: AnyModel,
  options: PlanOptions & ExecuteOptions = {},
): SimulationResult {
  return execute(model, planRuns(model, options), options);
}

/** Copies the columns without the rows of the failed units (given by index, ascending). */
function dropUnits(columns: Columns, failed: readonly number[], perUnit: number): Columns {
  const total = columns.subset.length / perUnit;
  const keep: number[] = [];
  for (let u = 0; u < total; u++) if (!failed.includes(u)) keep.push(u);
  const take = <A extends Int32Array | Float64Array | BigInt64Array>(col: A): A => {
    const out = new (col.constructor as new (n: number) => A)(keep.length * perUnit);
    keep.forEach((u, k) => out.set(col.subarray(u * perUnit, (u + 1) * perUnit) as never, k * perUnit));
    return out;
  };
  const values: Columns["values"] = {};
  for (const [name, col] of Object.entries(columns.values)) values[name] = take(col);
  return {
    subset: take(columns.subset),
    run: take(columns.run),
    substep: take(columns.substep),
    timestep: take(columns.timestep),
    values,
  };
}

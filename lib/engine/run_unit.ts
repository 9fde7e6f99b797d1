/**
 * One work unit: a single Monte Carlo run of one parameter subset, recorded into typed columns.
 */
import type { AnyModel, Signals, State, StateValue, StepContext } from "./model.ts";
import type { ParamValue } from "./params.ts";
import { streamFor, unitSeed } from "./random.ts";
import { type Aggregator, compileModel } from "./compile.ts";

/** One independent piece of work: which subset, which run, and the seed its stream derives from. */
export interface WorkUnit {
  readonly subset: number;
  readonly run: number;
  readonly seed: string;
}

export interface RecordOptions {
  /** Number of timesteps after the initial state. */
  readonly steps: number;
  /** Record only the state at the end of each timestep, not every substep. */
  readonly lastSubstepOnly: boolean;
  /** Freeze every state so that a policy or update mutating it throws (debug aid; slower). */
  readonly freeze: boolean;
}

/** Typed storage for the recorded rows of one or many work units. */
export interface Columns {
  readonly subset: Int32Array;
  readonly run: Int32Array;
  readonly substep: Int32Array;
  readonly timestep: Int32Array;
  /** One column per state variable then per derived column, in the model's order. */
  readonly values: Record<string, Float64Array | BigInt64Array>;
}

/** Raised when a run fails, naming the unit, its parameters and the step where it failed. */
export class RunError extends Error {
  override name = "RunError";
  constructor(
    readonly unit: WorkUnit,
    readonly params: Readonly<Record<string, ParamValue>>,
    readonly timestep: number,
    readonly substep: number,
    override readonly cause: unknown,
  ) {
    super(
      `run ${unit.run} of subset ${unit.subset} failed at timestep ${timestep}, substep ${substep}: ${
        cause instanceof Error ? cause.message : String(cause)
      } (parameters: ${JSON.stringify(params)})`,
    );
  }
}

/** Rows one unit records. */
export function rowsPerUnit(model: AnyModel, options: RecordOptions): number {
  return 1 + options.steps * (options.lastSubstepOnly ? 1 : model.blocks.length);
}

/** The names of the recorded value columns: state variables, then derived columns. */
export function valueColumnNames(model: AnyModel, initial: State): string[] {
  return [...Object.keys(initial), ...Object.keys(model.derived ?? {})];
}

/** Allocates columns for `rows` rows, typed after the initial state (bigint state → BigInt64Array). */
export function allocateColumns(model: AnyModel, initial: State, rows: number): Columns {
  const values: Record<string, Float64Array | BigInt64Array> = {};
  for (const [name, v] of Object.entries(initial)) {
    values[name] = typeof v === "bigint" ? new BigInt64Array(rows) : new Float64Array(rows);
  }
  for (const name of Object.keys(model.derived ?? {})) values[name] = new Float64Array(rows);
  return {
    subset: new Int32Array(rows),
    run: new Int32Array(rows),
    substep: new Int32Array(rows),
    timestep: new Int32Array(rows),
    values,
  };
}

/** Sums the signals of a block's policies by key, as cadCAD does. */
function aggregate(outputs: readonly Signals[]): Signals {
  const signals: Record<string, StateValue> = {};
  for (const emitted of outputs) {
    for (const key in emitted) {
      const prev = signals[key];
      signals[key] = prev === undefined ? emitted[key] : (prev as number) + (emitted[key] as number);
    }
  }
  return signals;
}

/**
 * Runs one unit and writes its rows into `out` from row `offset`. Throws RunError on failure, after
 * which the rows it had written are meaningless and must be dropped by the caller.
 */
export function runUnit(
  model: AnyModel,
  params: Readonly<Record<string, ParamValue>>,
  unit: WorkUnit,
  options: RecordOptions,
  out: Columns,
  offset: number,
): void {
  const ctx = {
    rng: streamFor(unit.seed),
    timestep: 0,
    substep: 0,
    run: unit.run,
    subset: unit.subset,
    memory: undefined as unknown,
  };
  const stepCtx: StepContext = ctx;
  let state: State;
  try {
    state = model.initialState(params);
    ctx.memory = model.memory?.(params);
  } catch (cause) {
    throw new RunError(unit, params, 0, 0, cause);
  }
  const compiled = compileModel(model, Object.keys(state));
  const valueCols = compiled.columns.map((name) => out.values[name]);
  const blocks = compiled.blocks;
  const lastBlock = blocks.length - 1;
  let row = offset;
  const record = (s: State) => {
    out.subset[row] = unit.subset;
    out.run[row] = unit.run;
    out.substep[row] = ctx.substep;
    out.timestep[row] = ctx.timestep;
    compiled.record(s, params, valueCols, row);
    row++;
  };

  if (options.freeze) Object.freeze(state);
  record(state);
  const outputs: Signals[] = [];
  const aggregators: (Aggregator | undefined)[] = blocks.map(() => undefined);
  try {
    for (let t = 1; t <= options.steps; t++) {
      ctx.timestep = t;
      for (let b = 0; b <= lastBlock; b++) {
        ctx.substep = b + 1;
        const { policies, next } = blocks[b];
        outputs.length = policies.length;
        for (let i = 0; i < policies.length; i++) outputs[i] = policies[i](params, state, stepCtx);
        const fast = aggregators[b] ??= compiled.aggregator(outputs);
        state = next(params, state, fast(outputs) ?? aggregate(outputs), stepCtx);
        if (options.freeze) Object.freeze(state);
        if (!options.lastSubstepOnly || b === lastBlock) record(state);
      }
    }
  } catch (cause) {
    throw new RunError(unit, params, ctx.timestep, ctx.substep, cause);
  }
}

/** The unit for (root seed, subset, run). */
export function workUnit(rootSeed: string | number, subset: number, run: number): WorkUnit {
  return { subset, run, seed: unitSeed(rootSeed, subset, run) };
}

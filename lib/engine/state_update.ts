/**
 * The state-update (cadCAD-style) runner: runs a range of a plan's units into one `timeseries` table.
 *
 * A unit is one Monte Carlo run of one parameter subset. Its rows are written into typed columns sized
 * for the whole range; a failed unit's rows are overwritten by the next unit's, so failures cost no
 * copy. Row layout: `subset, run, substep, timestep`, then the state variables and derived columns.
 */
import type { AnyModel, State, StepContext } from "./model.ts";
import type { ParamValue } from "./params.ts";
import { type RunPlan, type WorkUnit, workUnits } from "./plan.ts";
import { streamFor } from "./random.ts";
import { type CompiledModel, compileModel } from "./compile.ts";
import type { RecordOptions, Shard } from "./shard.ts";
import type { ColumnData, TableData } from "./table.ts";
import { UnitError } from "./unit_error.ts";

type Params = Readonly<Record<string, ParamValue>>;
type ValueColumn = Float64Array | BigInt64Array;

/** Rows one unit records. */
export function rowsPerUnit(model: AnyModel, steps: number, lastSubstepOnly: boolean): number {
  return 1 + steps * (lastSubstepOnly ? 1 : model.blocks.length);
}

/** The columns of a range being recorded, laid out after the first unit's initial state. */
interface Layout {
  readonly compiled: CompiledModel;
  /** Identifies the layout: every unit's initial state must have the same variables and types. */
  readonly id: string;
  /** The last initial state found to have this layout (models often return one constant object). */
  checked: State;
  readonly subset: Int32Array;
  readonly run: Int32Array;
  readonly substep: Int32Array;
  readonly timestep: Int32Array;
  readonly values: readonly ValueColumn[];
}

const layoutId = (state: State) => JSON.stringify(Object.keys(state).map((k) => [k, typeof state[k]]));

function allocate(model: AnyModel, initial: State, rows: number, options: RecordOptions): Layout {
  const compiled = compileModel(model, initial, { generate: options.generateCode });
  return {
    compiled,
    id: layoutId(initial),
    checked: initial,
    subset: new Int32Array(rows),
    run: new Int32Array(rows),
    substep: new Int32Array(rows),
    timestep: new Int32Array(rows),
    values: compiled.columns.map((name) =>
      typeof initial[name] === "bigint" ? new BigInt64Array(rows) : new Float64Array(rows)
    ),
  };
}

/**
 * Runs one unit from its initial state, writing rows from `row` on. Throws UnitError on failure, after
 * which the rows it wrote are meaningless.
 */
function runUnit(
  model: AnyModel,
  params: Params,
  unit: WorkUnit,
  initial: State,
  memory: unknown,
  steps: number,
  options: RecordOptions,
  out: Layout,
  row: number,
): void {
  const lastSubstepOnly = options.lastSubstepOnly ?? true;
  const freeze = options.freeze ?? false;
  const ctx = {
    rng: streamFor(unit.seed),
    timestep: 0,
    substep: 0,
    run: unit.run,
    subset: unit.subset,
    memory,
  };
  const stepCtx: StepContext = ctx;
  const { compiled } = out;
  const blocks = compiled.blocks;
  const lastBlock = blocks.length - 1;
  const record = (s: State) => {
    out.subset[row] = unit.subset;
    out.run[row] = unit.run;
    out.substep[row] = ctx.substep;
    out.timestep[row] = ctx.timestep;
    compiled.record(s, params, out.values, row);
    row++;
  };
  // Two state objects of the compiled layout, each block writing the next state into the one the
  // previous block read: no object per step (on the honey sweep the per-step states were most of what
  // the engine allocated, and their collection most of its excess over a hand-written loop). A model may
  // not keep a state past the call it was given to (model.ts). Debug mode takes a fresh state every
  // block instead, so that each can be frozen.
  let state = compiled.copy(initial);
  let spare = freeze ? undefined : compiled.copy(initial);
  try {
    if (freeze) Object.freeze(state);
    record(state);
    for (let t = 1; t <= steps; t++) {
      ctx.timestep = t;
      for (let b = 0; b <= lastBlock; b++) {
        ctx.substep = b + 1;
        const next = blocks[b].step(params, state, stepCtx, spare ?? compiled.copy(state));
        if (freeze) Object.freeze(next);
        else spare = state;
        state = next;
        if (!lastSubstepOnly || b === lastBlock) record(state);
      }
    }
  } catch (cause) {
    const phase = ctx.substep === 0 ? "initial" : model.blocks[ctx.substep - 1].label;
    throw new UnitError(unit, params, { timestep: ctx.timestep, substep: ctx.substep, phase }, cause);
  }
}

/**
 * Runs units [from, to) of a plan into one `timeseries` table. A unit whose initial state (or per-run
 * memory) cannot be built fails alone, like one that fails mid-run. A model whose blocks do not fit its
 * state throws ModelError at the first unit, before it runs: the model's mistake, not the units'.
 */
export function runStateUpdateRange(
  model: AnyModel,
  plan: RunPlan,
  from: number,
  to: number,
  options: RecordOptions = {},
  onUnit?: () => void,
): Shard {
  const perUnit = rowsPerUnit(model, plan.steps, options.lastSubstepOnly ?? true);
  const failures: UnitError[] = [];
  let layout: Layout | undefined;
  let row = 0;
  for (const unit of workUnits(plan, from, to)) {
    const params = plan.subsets[unit.subset].params;
    try {
      const initialFailure = (cause: unknown) =>
        new UnitError(unit, params, { timestep: 0, substep: 0, phase: "initial" }, cause);
      let initial: State, memory: unknown;
      try {
        initial = model.initialState(params);
        memory = model.memory?.(params);
      } catch (cause) {
        throw initialFailure(cause);
      }
      layout ??= allocate(model, initial, perUnit * (to - from), options);
      if (initial !== layout.checked) {
        if (layoutId(initial) !== layout.id) {
          throw initialFailure(
            new Error(
              `initial state has variables ${layoutId(initial)}, unlike the first unit's ${layout.id}`,
            ),
          );
        }
        layout.checked = initial;
      }
      runUnit(model, params, unit, initial, memory, plan.steps, options, layout, row);
      row += perUnit;
    } catch (error) {
      if (!(error instanceof UnitError)) throw error;
      failures.push(error);
    }
    onUnit?.();
  }
  return { from, to, tables: { timeseries: timeseriesTable(layout, row) }, failures };
}

/** The filled rows of a layout as a table (views, no copy). */
function timeseriesTable(layout: Layout | undefined, rows: number): TableData {
  if (!layout) return { rows: 0, keys: 4, columns: {} };
  const int = (values: Int32Array): ColumnData => ({ kind: "int", values: values.subarray(0, rows) });
  const value = (values: ValueColumn): ColumnData =>
    values instanceof BigInt64Array
      ? { kind: "bigint", values: values.subarray(0, rows) }
      : { kind: "float", values: values.subarray(0, rows) };
  // fromEntries: every name an own property, `__proto__` included.
  const columns: Record<string, ColumnData> = Object.fromEntries([
    ["subset", int(layout.subset)],
    ["run", int(layout.run)],
    ["substep", int(layout.substep)],
    ["timestep", int(layout.timestep)],
    ...layout.compiled.columns.map((name, i) => [name, value(layout.values[i])]),
  ]);
  return { rows, keys: 4, columns };
}

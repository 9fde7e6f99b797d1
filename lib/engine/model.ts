/**
 * The shape of a state-update model, in cadCAD's terms.
 *
 * A model has state variables with initial values, and blocks (cadCAD's partial state update blocks).
 * In each block every policy reads the state as it was before the block and returns signals; signals
 * with the same key from different policies are summed; then every update function reads that same
 * previous state and the summed signals and returns its variable's next value. A timestep runs the
 * blocks in order, one substep each.
 *
 * State is immutable by contract: policies and updates must not modify the state or the signals they
 * are given, nor keep them past the call. The engine neither deep-copies (the largest cost in radCAD)
 * nor allocates a state per substep: it writes each substep's state into one of two objects of its own
 * in turn (state_update.ts). Its debug mode gives a fresh state every substep and freezes it, so that
 * a mutation throws.
 */
import type { ParamSchema, ParamValues } from "./params.ts";
import type { Rng } from "./random.ts";

/** A state variable's value: a float, or an exact integer (e.g. token base units) as bigint. */
export type StateValue = number | bigint;
export type State = Readonly<Record<string, StateValue>>;
export type Signals = Readonly<Record<string, StateValue>>;

/**
 * A mistake in a model's definition rather than in one of its runs (an update for a variable the state
 * does not have, a block that is not one): found before any unit runs, it stops the run with this one
 * error, naming the model and the key, instead of failing every unit.
 */
export class ModelError extends Error {
  override name = "ModelError";
}

/** What a policy or update may know besides parameters and state. */
export interface StepContext {
  /** This work unit's seeded random stream; the only source of randomness a model may use. */
  readonly rng: Rng;
  /** The timestep being computed, 1-based (timestep 0 is the initial state). */
  readonly timestep: number;
  /** The substep (block) being computed, 1-based. */
  readonly substep: number;
  /** Monte Carlo run, 1-based. */
  readonly run: number;
  /** Parameter subset, 0-based. */
  readonly subset: number;
  /**
   * This run's memory outside the recorded state (see `StateUpdateModel.memory`); undefined when the model
   * declares none. The model casts it to its own type.
   */
  readonly memory: unknown;
}

/** Returns the block's signals as a plain object (a literal or Object.fromEntries): its own enumerable keys. */
export type Policy<P, S extends State> = (params: P, state: S, ctx: StepContext) => Signals;
export type Update<P, S extends State, V extends StateValue> = (
  params: P,
  state: S,
  signals: Signals,
  ctx: StepContext,
) => V;

/** A partial state update block: policies, then the variables they update. */
export interface Block<P, S extends State> {
  readonly label: string;
  readonly policies: Readonly<Record<string, Policy<P, S>>>;
  /** Variables without an update keep their value through this substep. */
  readonly updates: { readonly [K in keyof S]?: Update<P, S, S[K]> };
}

/** What planning needs of any model, state-update or agent-based: its name, parameters and defaults. */
export interface ModelInfo<Sch extends ParamSchema = ParamSchema> {
  /** Identifier used on the command line, e.g. `honey`. */
  readonly name: string;
  /** One line for listings and report titles. */
  readonly title: string;
  readonly params: Sch;
  /** Default number of timesteps and the unit of one timestep, e.g. "month". */
  readonly steps: number;
  readonly timeUnit: string;
  /** Default number of Monte Carlo runs. */
  readonly runs: number;
  /** Checks across parameters that single ranges cannot express; throws ParamError. */
  // deno-lint-ignore no-explicit-any
  readonly check?: (params: any) => void;
  /**
   * The URL of the module that exports this model under its `name` (give `import.meta.url`): how a worker
   * thread or another machine loads it. Without it the model runs in this thread only.
   */
  readonly module?: string;
}

export interface StateUpdateModel<Sch extends ParamSchema, S extends State> extends ModelInfo<Sch> {
  readonly initialState: (params: ParamValues<Sch>) => S;
  /**
   * Per-run memory for what is not a column, such as a table of scheduled releases keyed by day: created
   * fresh for every run (so runs stay independent), mutable, and reached through `ctx.memory`. Keep
   * everything that can be a number in the state instead, where it is recorded and immutable.
   */
  readonly memory?: (params: ParamValues<Sch>) => unknown;
  readonly blocks: readonly Block<ParamValues<Sch>, S>[];
  /** Columns computed from each recorded state, e.g. total supply; kept after the state variables. */
  readonly derived?: Readonly<Record<string, (state: S, params: ParamValues<Sch>) => number>>;
  readonly check?: (params: ParamValues<Sch>) => void;
}

// deno-lint-ignore no-explicit-any
export type AnyModel = StateUpdateModel<any, any>;

/** Declares a model; only here so that TypeScript infers the parameter and state types in one place. */
export function defineModel<Sch extends ParamSchema, S extends State>(
  model: StateUpdateModel<Sch, S>,
): StateUpdateModel<Sch, S> {
  return model;
}

/**
 * Updates that set each named variable to the summed signal of the same name: cadCAD's most common
 * update, written once here instead of once per variable.
 */
export function fromSignals<P, S extends State, K extends keyof S & string>(
  keys: readonly K[],
): { readonly [Q in K]: Update<P, S, S[Q]> } {
  return Object.fromEntries(keys.map((k) => [k, (_p: P, _s: S, x: Signals) => x[k]])) as unknown as {
    [Q in K]: Update<P, S, S[Q]>;
  };
}

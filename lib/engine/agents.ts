/**
 * The agent-based runner, in Mesa's idiom.
 *
 * A model creates a world holding its agents (kept in insertion order and by type) and whatever else it
 * needs (a pool, a graph). Each step runs the model's phases in their fixed order: a phase either
 * activates agents of some types, one by one, in random order drawn from the run's seeded stream (Mesa's
 * `shuffle_do`) or in insertion order, or runs a model-level function. After every step, and once before
 * the first, a data collector records the model-level reporters (one timeseries row) and, if the model
 * has agent-level reporters, one row per agent (every step, or at the end of the run only). Agents and
 * model functions may also emit rows to named event tables (e.g. a transaction log).
 *
 * Runs use the same run plans, seeding and executors as the state-update engine (`plan.ts`,
 * `executor.ts`): `runAgentRange` runs a range of a plan's units into typed tables, every unit drawing
 * only from its run's stream (plan.ts), so a unit's rows never depend on the others, and a failed
 * unit is reported with its timestep and phase while the other units' rows are kept.
 */
import type { ModelInfo } from "./model.ts";
import type { ParamSchema, ParamValue, ParamValues } from "./params.ts";
import { DEFAULT_SEED, type RunPlan, unitSeed, type WorkUnit, workUnits } from "./plan.ts";
import { type Rng, streamFor } from "./random.ts";
import type { RecordOptions, Shard } from "./shard.ts";
import { type CellValue, type ColumnKind, TableBuilder } from "./table.ts";
import { UnitError } from "./unit_error.ts";

export type { CellValue, ColumnKind } from "./table.ts";

/** What the runner needs of an agent; models extend it with their own fields. */
export interface Agent {
  /** Unique in its run, given by the registry in order of entry from 0. */
  readonly id: number;
  readonly type: string;
}

/**
 * The agents of type `T`: the matching member of a discriminated union of agent types, or the agent type
 * itself when one interface covers every type.
 */
export type OfType<A extends Agent, T> = [Extract<A, { type: T }>] extends [never] ? A
  : Extract<A, { type: T }>;

/** The agents of one run, in order of entry and by type (Mesa's `model.agents` and `agents_by_type`). */
export class AgentRegistry<A extends Agent> {
  readonly #all: A[] = [];
  readonly #byType = new Map<string, A[]>();

  /** Adds the agent `make` builds from the next free id, and returns it. */
  add<B extends A>(make: (id: number) => B): B {
    const agent = make(this.#all.length);
    if (agent.id !== this.#all.length) {
      throw new Error(`agent built with id ${agent.id}; the registry gave id ${this.#all.length}`);
    }
    this.#all.push(agent);
    const group = this.#byType.get(agent.type);
    if (group) group.push(agent);
    else this.#byType.set(agent.type, [agent]);
    return agent;
  }

  /** Every agent in order of entry. */
  all(): readonly A[] {
    return this.#all;
  }

  /** The agents of one type in order of entry. */
  ofType<T extends A["type"]>(type: T): readonly OfType<A, T>[] {
    return (this.#byType.get(type) ?? []) as OfType<A, T>[];
  }

  get size(): number {
    return this.#all.length;
  }
}

/** A run's world: the agents and anything else the model keeps (pools, graphs, counters). */
export interface World<A extends Agent> {
  readonly agents: AgentRegistry<A>;
}

/** What a phase, an agent or `create` may know besides parameters and the world. */
export interface AgentContext {
  /** This run's seeded stream: the only source of randomness a model may use. */
  readonly rng: Rng;
  /** The step being computed, 1-based; 0 while the world is created. */
  readonly timestep: number;
  /** Monte Carlo run, 1-based. */
  readonly run: number;
  /** Parameter subset, 0-based. */
  readonly subset: number;
  /** Name of the running phase ("create" while the world is created). */
  readonly phase: string;
  /**
   * Appends a row to the event table `table` (declared in the model's `events`); the runner adds
   * `subset, run, timestep`. A row must give every declared column a value of its kind.
   */
  emit(table: string, row: Readonly<Record<string, CellValue>>): void;
  /** Whether this run keeps the rows emitted to `table`: a model need not build rows no one records. */
  records(table: string): boolean;
}

/** Activation order inside a phase: Mesa's `shuffle_do` ("random") or `do` ("insertion"). */
export type ActivationOrder = "random" | "insertion";

type Act<P, W, A> = (agent: A, world: W, params: P, ctx: AgentContext) => void;

/** One behaviour per agent type, each typed for its own agents. */
export type ActByType<P, W, A extends Agent> = {
  readonly [T in A["type"]]?: Act<P, W, OfType<A, T>>;
};

/** A phase that activates agents: those of `agents` (a type or types), each calling `act` once. */
export interface AgentPhase<P, W, A extends Agent> {
  readonly name: string;
  /** The type or types activated together (mixed in order of entry before any shuffle). */
  readonly agents: A["type"] | readonly A["type"][];
  /** Default "random": a fresh permutation from the run's stream every step. */
  readonly order?: ActivationOrder | ((params: P) => ActivationOrder);
  /** Only agents passing this test act (e.g. those that have not churned). */
  readonly when?: (agent: A, world: W, params: P) => boolean;
  /** One behaviour for every activated agent, or one per type. */
  readonly act: Act<P, W, A> | ActByType<P, W, A>;
}

/** A phase that runs once per step at model level (entry of new agents, reward distribution, ...). */
export interface ModelPhase<P, W> {
  readonly name: string;
  readonly run: (world: W, params: P, ctx: AgentContext) => void;
}

export type Phase<P, W, A extends Agent> = AgentPhase<P, W, A> | ModelPhase<P, W>;

/**
 * A model-level reporter: one timeseries column. A bare function records floats; the object form
 * declares the column's kind.
 */
export type ModelReporter<P, W> =
  | ((world: W, params: P) => number)
  | { readonly kind: ColumnKind; readonly value: (world: W, params: P) => CellValue };

/** An agent-level reporter: one column of the agent table. */
export type AgentReporter<P, W, A> =
  | ((agent: A, world: W, params: P) => number)
  | { readonly kind: ColumnKind; readonly value: (agent: A, world: W, params: P) => CellValue };

/** The agent type of a world. */
export type AgentOf<W> = W extends World<infer A> ? A : never;

/** An agent-based model: planning information, how to create a world, the phases and the reporters. */
// deno-lint-ignore no-explicit-any
export interface AgentModel<Sch extends ParamSchema, W extends World<any>> extends ModelInfo<Sch> {
  /** Builds one run's world at timestep 0 (initial agents included); may draw from `ctx.rng`. */
  readonly create: (params: ParamValues<Sch>, ctx: AgentContext) => W;
  /** Run in this order every step. */
  readonly phases: readonly Phase<ParamValues<Sch>, W, AgentOf<W>>[];
  /** Timeseries columns, recorded at timestep 0 and after every step. */
  readonly modelReporters: Readonly<Record<string, ModelReporter<ParamValues<Sch>, W>>>;
  /** Agent table columns (after `agent_id`, `agent_type`). */
  readonly agentReporters?: Readonly<Record<string, AgentReporter<ParamValues<Sch>, W, AgentOf<W>>>>;
  /** When agent rows are recorded: after the last step only (default) or at every timestep. */
  readonly agentRecording?: "end" | "step";
  /** Event tables by name: each table's columns and their kinds. */
  readonly events?: Readonly<Record<string, Readonly<Record<string, ColumnKind>>>>;
  readonly check?: (params: ParamValues<Sch>) => void;
}

// deno-lint-ignore no-explicit-any
export type AnyAgentModel = AgentModel<any, any>;

/** Declares an agent model; only here so that TypeScript infers its types in one place. */
// deno-lint-ignore no-explicit-any
export function defineAgentModel<Sch extends ParamSchema, W extends World<any>>(
  model: AgentModel<Sch, W>,
): AgentModel<Sch, W> {
  return model;
}

const KEYS = { subset: "int", run: "int", timestep: "int" } as const;

type Fn = (...args: unknown[]) => CellValue;
const reporterKind = (r: unknown): ColumnKind =>
  typeof r === "function" ? "float" : (r as { kind: ColumnKind }).kind;
const reporterFn = (r: unknown): Fn => (typeof r === "function" ? r : (r as { value: Fn }).value) as Fn;

/** The tables of a range being recorded. */
interface Recorder {
  readonly timeseries: TableBuilder;
  readonly agents?: TableBuilder;
  readonly events: ReadonlyMap<string, TableBuilder>;
}

/** Names the runner gives its own tables, which an event table may not take. */
const RESERVED_TABLES = ["timeseries", "agents"];

function recorder(model: AnyAgentModel, options: RecordOptions): Recorder {
  const kinds = (reporters: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(reporters).map(([name, r]) => [name, reporterKind(r)]));
  const wanted = options.events ?? Object.keys(model.events ?? {});
  const events = new Map<string, TableBuilder>();
  for (const name of wanted) {
    const columns = model.events?.[name];
    if (!columns || !Object.hasOwn(model.events!, name)) {
      throw new Error(`model ${model.name} declares no event table '${name}'`);
    }
    if (RESERVED_TABLES.includes(name)) {
      throw new Error(`model ${model.name}: an event table may not be called '${name}'`);
    }
    events.set(name, new TableBuilder(name, { ...KEYS, ...columns }, 3));
  }
  const withAgents = model.agentReporters !== undefined && (options.agents ?? true);
  return {
    timeseries: new TableBuilder("timeseries", { ...KEYS, ...kinds(model.modelReporters) }, 3),
    agents: withAgents
      ? new TableBuilder("agents", {
        ...KEYS,
        agent_id: "int",
        agent_type: "string",
        ...kinds(model.agentReporters!),
      }, 5)
      : undefined,
    events,
  };
}

/** The members of an agent phase, in activation order for this step. */
function activated<A extends Agent>(
  phase: AgentPhase<unknown, World<A>, A>,
  world: World<A>,
  params: unknown,
  rng: Rng,
): A[] {
  const types = typeof phase.agents === "string" ? [phase.agents] : phase.agents;
  // A copy, so agents that enter during the phase wait for the next step (as Mesa's AgentSet does).
  let members = types.length === 1
    ? [...world.agents.ofType(types[0])]
    : world.agents.all().filter((a) => types.includes(a.type));
  if (phase.when) members = members.filter((a) => phase.when!(a, world, params));
  const order = typeof phase.order === "function" ? phase.order(params) : phase.order ?? "random";
  return inActivationOrder(members, order, rng);
}

/**
 * Agents in the order they act this step: a fresh permutation from the run's stream ("random", Mesa's
 * `shuffle_do`) or as given ("insertion", Mesa's `do`). Shuffles `members` in place. For a model phase that activates agents
 * itself, e.g. because which agents and behaviours it has is decided per run.
 */
export function inActivationOrder<A>(members: A[], order: ActivationOrder, rng: Rng): A[] {
  return order === "random" ? rng.shuffle(members) : members;
}

/** The behaviour of one agent in a phase. */
function behaviour(
  phase: AgentPhase<unknown, unknown, Agent>,
  agent: Agent,
): Act<unknown, unknown, Agent> {
  if (typeof phase.act === "function") return phase.act as Act<unknown, unknown, Agent>;
  const act = (phase.act as Record<string, Act<unknown, unknown, Agent> | undefined>)[agent.type];
  if (!act) throw new Error(`phase '${phase.name}' has no behaviour for agents of type '${agent.type}'`);
  return act;
}

/**
 * Runs one unit: creates the world, steps it `steps` times through the phases, and hands each
 * collection point (timestep 0, then after every step) to `collect`. Events go to `emit`.
 */
function stepWorld<W extends World<Agent>>(
  model: AnyAgentModel,
  params: Readonly<Record<string, ParamValue>>,
  unit: WorkUnit,
  steps: number,
  emit: (table: string, row: Readonly<Record<string, CellValue>>, timestep: number) => void,
  records: (table: string) => boolean,
  collect: (world: W, timestep: number) => void,
): W {
  const ctx = {
    rng: streamFor(unit.seed),
    timestep: 0,
    run: unit.run,
    subset: unit.subset,
    phase: "create",
    emit: (table: string, row: Readonly<Record<string, CellValue>>) => emit(table, row, ctx.timestep),
    records,
  };
  try {
    const world = model.create(params, ctx) as W;
    ctx.phase = "collect";
    collect(world, 0);
    for (let t = 1; t <= steps; t++) {
      ctx.timestep = t;
      for (const phase of model.phases as readonly Phase<unknown, W, Agent>[]) {
        ctx.phase = phase.name;
        if ("run" in phase) {
          phase.run(world, params, ctx);
          continue;
        }
        for (
          const agent of activated(phase as AgentPhase<unknown, World<Agent>, Agent>, world, params, ctx.rng)
        ) {
          behaviour(phase as AgentPhase<unknown, unknown, Agent>, agent)(agent, world, params, ctx);
        }
      }
      ctx.phase = "collect";
      collect(world, t);
    }
    return world;
  } catch (cause) {
    throw new UnitError(unit, params, { timestep: ctx.timestep, phase: ctx.phase }, cause);
  }
}

/** Records a unit's rows into the plan's tables. */
function unitRecorder(
  model: AnyAgentModel,
  rec: Recorder,
  unit: WorkUnit,
  params: Readonly<Record<string, ParamValue>>,
  steps: number,
) {
  const modelFns = Object.values(model.modelReporters).map(reporterFn);
  const agentFns = Object.values(model.agentReporters ?? {}).map(reporterFn);
  const everyStep = model.agentRecording === "step";
  const emit = (table: string, row: Readonly<Record<string, CellValue>>, timestep: number) => {
    const target = rec.events.get(table);
    if (!target) {
      if (model.events && Object.hasOwn(model.events, table)) return; // declared, not recorded this run
      throw new Error(`event table '${table}' is not declared by model ${model.name}`);
    }
    for (const c of target.values) {
      const value = row[c.name];
      if (value === undefined) throw new Error(`event for table '${table}' has no value for '${c.name}'`);
      c.push(value);
    }
    keys(target, timestep);
  };
  const keys = (table: TableBuilder, timestep: number) => {
    table.columns[0].push(unit.subset);
    table.columns[1].push(unit.run);
    table.columns[2].push(timestep);
  };
  const collect = (world: World<Agent>, timestep: number) => {
    keys(rec.timeseries, timestep);
    const values = rec.timeseries.values;
    for (let i = 0; i < values.length; i++) values[i].push(modelFns[i](world, params));
    const agents = rec.agents;
    if (agents && (everyStep || timestep === steps)) {
      const [, , , id, type] = agents.columns;
      for (const agent of world.agents.all()) {
        keys(agents, timestep);
        id.push(agent.id);
        type.push(agent.type);
        for (let i = 0; i < agents.values.length; i++) {
          agents.values[i].push(agentFns[i](agent, world, params));
        }
      }
    }
  };
  return { emit, collect };
}

/**
 * Runs units [from, to) of a plan in this thread into the model's tables: `timeseries`, `agents` (when
 * recorded) and the event tables. Units run in plan order, each from its own stream.
 */
export function runAgentRange(
  model: AnyAgentModel,
  plan: RunPlan,
  from: number,
  to: number,
  options: RecordOptions = {},
  onUnit?: () => void,
): Shard {
  const rec = recorder(model, options);
  const tables = [rec.timeseries, ...(rec.agents ? [rec.agents] : []), ...rec.events.values()];
  const failures: UnitError[] = [];
  for (const unit of workUnits(plan, from, to)) {
    const params = plan.subsets[unit.subset].params;
    const marks = tables.map((t) => t.rows);
    const { emit, collect } = unitRecorder(model, rec, unit, params, plan.steps);
    try {
      stepWorld(model, params, unit, plan.steps, emit, (table) => rec.events.has(table), collect);
    } catch (error) {
      if (!(error instanceof UnitError)) throw error;
      failures.push(error);
      tables.forEach((t, k) => t.truncate(marks[k]));
    }
    onUnit?.();
  }
  return { from, to, tables: Object.fromEntries(tables.map((t) => [t.name, t.data()])), failures };
}

export interface WorldOptions {
  readonly steps?: number;
  readonly seed?: string | number;
  readonly subset?: number;
  readonly run?: number;
  /** Receives every event as it happens (default: events are dropped). */
  readonly onEvent?: (table: string, row: Readonly<Record<string, CellValue>>, timestep: number) => void;
  /** Called at timestep 0 and after every step with the live world (for inspection; do not modify). */
  readonly onStep?: (world: unknown, timestep: number) => void;
}

/**
 * One run without recording, returning its world after `steps` steps: for tests and notebooks that
 * inspect agents directly. Same stream as run `run` of a plan with root seed `seed`.
 */
// deno-lint-ignore no-explicit-any
export function runWorld<Sch extends ParamSchema, W extends World<any>>(
  model: AgentModel<Sch, W>,
  params: ParamValues<Sch>,
  options: WorldOptions = {},
): W {
  const subset = options.subset ?? 0;
  const run = options.run ?? 1;
  const unit = { subset, run, seed: unitSeed(options.seed ?? DEFAULT_SEED, run) };
  return stepWorld<W>(
    model as AnyAgentModel,
    params as Readonly<Record<string, ParamValue>>,
    unit,
    options.steps ?? model.steps,
    options.onEvent ?? (() => {}),
    () => options.onEvent !== undefined,
    (world, t) => options.onStep?.(world, t),
  );
}

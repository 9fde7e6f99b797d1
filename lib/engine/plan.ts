/**
 * Run plans, work units and their seeds: what every executor shares.
 *
 * A plan lists the parameter subsets (every value checked) and the Monte Carlo runs. Each (subset, run)
 * is an independent work unit, numbered in plan order (subsets, then runs 1…n), so any executor — this
 * thread, a pool of workers, a shard on another machine — produces the same rows for it, and a range of
 * unit indices is all a shard needs to know.
 *
 * A unit's random stream is keyed by what the run is, not by where it sits: it derives from the root
 * seed and the run number only. So the same parameters, root seed and run give the same numbers whatever
 * else the sweep holds (inserting a value into a sweep leaves every other subset's rows as they were),
 * and run k of every subset draws the same numbers: common random numbers, so that two parameter sets
 * compared run by run differ by their parameters, not by their luck. Runs 1…n of one subset still draw
 * independent streams.
 */
import type { ModelInfo } from "./model.ts";
import { ParamError, type ParamValue, resolveParams } from "./params.ts";
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

/** One independent piece of work: which subset, which run, and the seed its stream derives from. */
export interface WorkUnit {
  readonly subset: number;
  readonly run: number;
  readonly seed: string;
}

export const DEFAULT_SEED = 42;

/** Parameter subsets one plan may hold: each is a checked object in memory, planned before any run. */
export const MAX_SUBSETS = 1_000_000;

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
  const zipped = groups.map(zipSweep);
  const count = zipped.reduce((n, g) => n * g.length, 1);
  if (count > MAX_SUBSETS) {
    throw new ParamError(
      `the sweep crosses into ${count.toExponential(2)} parameter subsets; a plan holds at most ` +
        `${MAX_SUBSETS.toLocaleString("en-US")} (narrow a sweep, or zip lists instead of crossing them)`,
    );
  }
  const assignments = crossSweeps(zipped);
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

/** What decides how many units a plan has (a plan, or a plan as a manifest records it). */
export interface PlanSize {
  readonly subsets: readonly unknown[];
  readonly runs: number;
}

/** How many work units a plan has. */
export function unitCount(plan: PlanSize): number {
  return plan.subsets.length * plan.runs;
}

/**
 * The seed string of run `run`'s stream under root seed `root`, the same in every subset (see the top of
 * this file). Plain text so that a reader can recreate any run by hand: `streamFor("42/3")` is run 3 of
 * root seed 42.
 */
export function unitSeed(root: string | number, run: number): string {
  return `${root}/${run}`;
}

/** The unit at `index` in plan order (subsets, then runs 1…n). */
export function unitAt(plan: RunPlan, index: number): WorkUnit {
  const subset = Math.floor(index / plan.runs);
  const run = index - subset * plan.runs + 1;
  return { subset, run, seed: unitSeed(plan.seed, run) };
}

/** The units [from, to) of a plan, in plan order. */
export function workUnits(plan: RunPlan, from = 0, to = unitCount(plan)): WorkUnit[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => unitAt(plan, from + i));
}

/** The units [from, to) of shard `index` (0-based) of `count` equal shards of a plan. */
export function shardRange(plan: PlanSize, index: number, count: number): [number, number] {
  const total = unitCount(plan);
  if (!(Number.isInteger(count) && count >= 1 && Number.isInteger(index) && index >= 0 && index < count)) {
    throw new RangeError(`shard ${index}/${count}: the index must be a whole number from 0 to ${count - 1}`);
  }
  return [Math.round((index * total) / count), Math.round(((index + 1) * total) / count)];
}

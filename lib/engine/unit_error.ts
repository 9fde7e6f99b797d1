/**
 * The one error a failed work unit leaves behind, whichever runner or executor ran it: the unit, its
 * parameters, and where in the run it failed. The other units' rows are kept.
 */
import type { ParamValue } from "./params.ts";
import type { RunPlan, WorkUnit } from "./plan.ts";

/** Where a unit failed, as plain data (what crosses threads and goes into manifests). */
export interface UnitFailure {
  readonly subset: number;
  readonly run: number;
  readonly seed: string;
  /** 0 while the initial state or world is being created. */
  readonly timestep: number;
  /** State-update models: the substep (block), 1-based; 0 outside the blocks. */
  readonly substep?: number;
  /** The block's label (state-update) or the phase's name (agent-based): "create", "collect", … */
  readonly phase: string;
  readonly message: string;
}

export class UnitError extends Error {
  override name = "UnitError";
  readonly failure: UnitFailure;

  constructor(
    unit: WorkUnit,
    readonly params: Readonly<Record<string, ParamValue>>,
    where: { readonly timestep: number; readonly substep?: number; readonly phase: string },
    override readonly cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const step = where.substep === undefined
      ? `timestep ${where.timestep} in phase '${where.phase}'`
      : `timestep ${where.timestep}, substep ${where.substep} ('${where.phase}')`;
    super(
      `run ${unit.run} of subset ${unit.subset} failed at ${step}: ${reason} (parameters: ${
        JSON.stringify(params)
      })`,
    );
    this.failure = { subset: unit.subset, run: unit.run, seed: unit.seed, ...where, message: reason };
  }

  get unit(): WorkUnit {
    return { subset: this.failure.subset, run: this.failure.run, seed: this.failure.seed };
  }

  get timestep(): number {
    return this.failure.timestep;
  }

  get substep(): number | undefined {
    return this.failure.substep;
  }

  get phase(): string {
    return this.failure.phase;
  }

  /** Rebuilds the error on the other side of a thread or file from its plain data. */
  static from(failure: UnitFailure, plan: RunPlan): UnitError {
    const unit = { subset: failure.subset, run: failure.run, seed: failure.seed };
    return new UnitError(unit, plan.subsets[failure.subset].params, failure, new Error(failure.message));
  }
}

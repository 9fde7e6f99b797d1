/**
 * What the command line runs: any model that turns a checked run plan into named tables. State-update
 * models get the standard `timeseries` table through `stateUpdateSimulator`; models with other outputs
 * (exact integer columns, transaction logs, agent tables) implement `run` themselves.
 */
import type pl from "nodejs-polars";
import type { AnyModel, ModelInfo } from "../engine/model.ts";
import type { RunPlan } from "../engine/plan.ts";
import { execute, type SimulationResult } from "../engine/simulate.ts";
import { toFrame } from "../engine/frame.ts";

export interface SimulatorOutput {
  /** Tables to write, by file stem (`timeseries` → timeseries.csv). */
  readonly tables: Readonly<Record<string, pl.DataFrame>>;
  /** One line per failed run; the other runs' rows are in the tables. */
  readonly failures: readonly string[];
}

export interface Simulator extends ModelInfo {
  run(
    plan: RunPlan,
    onProgress?: (done: number, total: number) => void,
  ): SimulatorOutput | Promise<SimulatorOutput>;
}

/**
 * A state-update model's simulator: one `timeseries` row per (subset, run, timestep) with columns
 * `subset, run, timestep`, the swept parameters, then the state variables and derived columns. `extra`
 * may add or replace tables computed from the result.
 */
export function stateUpdateSimulator(
  model: AnyModel,
  extra?: (result: SimulationResult, timeseries: pl.DataFrame) => Record<string, pl.DataFrame>,
): Simulator {
  return {
    name: model.name,
    title: model.title,
    params: model.params,
    steps: model.steps,
    timeUnit: model.timeUnit,
    runs: model.runs,
    check: model.check,
    run(plan, onProgress) {
      const result = execute(model, plan, { onProgress });
      if (result.rows === 0) {
        throw new Error(`every run failed; nothing written (first: ${result.failures[0]?.message})`);
      }
      const timeseries = toFrame(result).drop("substep");
      return {
        tables: { timeseries, ...extra?.(result, timeseries) },
        failures: result.failures.map((f) => f.message),
      };
    },
  };
}

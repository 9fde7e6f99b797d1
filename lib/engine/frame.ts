/**
 * Simulation results as Polars DataFrames, built straight from the typed columns (no row objects).
 */
import pl from "nodejs-polars";
import type { ParamValue } from "./params.ts";
import type { SimulationResult } from "./simulate.ts";

/**
 * The tidy frame of a simulation: `subset, run, substep, timestep`, the swept parameters under their own
 * names, then every state variable and derived column.
 */
export function toFrame(result: SimulationResult): pl.DataFrame {
  const { columns, plan } = result;
  const data: Record<string, unknown> = {
    subset: columns.subset,
    run: columns.run,
    substep: columns.substep,
    timestep: columns.timestep,
  };
  for (const name of plan.sweptNames) {
    data[name] = sweptColumn(plan.subsets.map((s) => s.swept[name]), columns.subset);
  }
  for (const name of result.valueNames) data[name] = columns.values[name];
  return pl.DataFrame(data);
}

/** A swept parameter's value on every row, looked up by the row's subset. */
function sweptColumn(bySubset: readonly ParamValue[], subsetOfRow: Int32Array): unknown {
  if (bySubset.every((v) => typeof v === "number")) {
    const out = new Float64Array(subsetOfRow.length);
    for (let i = 0; i < out.length; i++) out[i] = bySubset[subsetOfRow[i]] as number;
    return out;
  }
  return Array.from(subsetOfRow, (s) => bySubset[s]);
}

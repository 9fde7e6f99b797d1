/** `deno task sim gonka`: the reward schedule with whole-number columns written as integers. */
import pl from "nodejs-polars";
import { type Simulator, stateUpdateSimulator } from "../simulator.ts";
import { INTEGER_COLUMNS } from "./analysis.ts";
import { gonka } from "./model.ts";

export const gonkaSimulator: Simulator = stateUpdateSimulator(
  gonka,
  (timeseries) => timeseries.withColumns(...INTEGER_COLUMNS.map((c) => pl.col(c).cast(pl.Int64))),
);

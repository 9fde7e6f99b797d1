/**
 * `deno task sim bitrewards`: the three tables of the model's output description — timeseries,
 * run_summary, agent_outcomes — computed shard by shard (each row depends on one run only).
 */
import { infoOf, type Simulator } from "../simulator.ts";
import { bitrewards } from "./model.ts";
import type { BitrewardsParams } from "./params.ts";
import { bitrewardsTables } from "./tables.ts";

export const bitrewardsSimulator: Simulator = {
  ...infoOf(bitrewards),
  model: bitrewards,
  tables: {
    timeseries: "one row per (run, step): activity, contributions, usage, wealth inequality, ROI",
    run_summary: "one row per run: key parameters, averages and final values, collapse indicator",
    agent_outcomes: "one row per agent and run: role, wealth, income, satisfaction, ROI, contributions",
  },
  // Per-run summaries group a run's rows: a shard is turned into output whole (its units are small).
  rowWise: false,
  // Every table is computed from both recorded tables.
  record: () => ({ agents: true }),
  output(recorded, plan) {
    const tables = bitrewardsTables({ plan, timeseries: recorded.timeseries, agents: recorded.agents });
    return { ...tables };
  },
  rowsPerUnit(params, steps) {
    const p = params as unknown as BitrewardsParams;
    return {
      timeseries: steps + 1,
      run_summary: 1,
      agent_outcomes: p.N_creators + p.N_investors + p.N_users,
    };
  },
};

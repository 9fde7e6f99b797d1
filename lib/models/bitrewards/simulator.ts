/**
 * `deno task sim bitrewards`: the three tables of the model's output description — timeseries,
 * run_summary, agent_outcomes — computed shard by shard (each row depends on one run only), and on request
 * (`--tables ...,agent_steps`) one row per agent per step.
 */
import { infoOf, type Simulator } from "../simulator.ts";
import { bitrewards } from "./model.ts";
import type { BitrewardsParams } from "./params.ts";
import { agentStepsTable, bitrewardsTables } from "./tables.ts";

export const bitrewardsSimulator: Simulator = {
  ...infoOf(bitrewards),
  model: bitrewards,
  tables: {
    timeseries: "one row per (run, step): activity, contributions, usage, wealth inequality, ROI",
    run_summary: "one row per run: key parameters, averages and final values, collapse indicator",
    agent_outcomes: "one row per agent and run: initial state (role, skill, motivation, aspiration, " +
      "preferences), wealth, royalties, user benefit, satisfaction, ROI, contributions",
    agent_steps: "one row per agent per step: active, royalties and benefit this step, wealth, " +
      "satisfaction, contributions (written only when --tables names it: 96 agents × 241 steps a run)",
  },
  onRequest: ["agent_steps"],
  // The original's name for the time column (lib/models/bitrewards/tables.ts renames timestep to step).
  timeColumn: "step",
  // Per-run summaries group a run's rows: a shard is turned into output whole (its units are small).
  rowWise: false,
  // Every table but agent_steps is computed from the timeseries and the agent table.
  record: (tables) => ({ agents: true, events: tables.includes("agent_steps") ? ["agent_steps"] : [] }),
  output(recorded, plan) {
    const tables = bitrewardsTables({ plan, timeseries: recorded.timeseries, agents: recorded.agents });
    return {
      ...tables,
      ...(recorded.agent_steps ? { agent_steps: agentStepsTable(recorded.agent_steps, plan) } : {}),
    };
  },
  rowsPerUnit(params, steps) {
    const p = params as unknown as BitrewardsParams;
    const agents = p.N_creators + p.N_investors + p.N_users;
    return {
      timeseries: steps + 1,
      run_summary: 1,
      agent_outcomes: agents,
      agent_steps: agents * (steps + 1),
    };
  },
};

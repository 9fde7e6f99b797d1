/**
 * `deno task sim datadao`: the two tables the original README promised and its code never wrote —
 * `timeseries` (one row per step, timestep 0 the start) and `transactions` (every dDT trade, liquidity
 * deposit, fee collection, compute spend and Pie payout) — plus `agents`, every agent's final balances.
 */
import { runAgents } from "../../engine/simulate.ts";
import type { Simulator } from "../simulator.ts";
import { datadao } from "./model.ts";

export const datadaoSimulator: Simulator = {
  name: datadao.name,
  title: datadao.title,
  params: datadao.params,
  steps: datadao.steps,
  timeUnit: datadao.timeUnit,
  runs: datadao.runs,
  check: datadao.check,
  run(plan, onProgress) {
    const result = runAgents(datadao, plan, { onProgress });
    if (result.timeseries.height === 0) {
      throw new Error(`every run failed; nothing written (first: ${result.failures[0]?.message})`);
    }
    return {
      tables: {
        timeseries: result.timeseries,
        transactions: result.events.transactions,
        agents: result.agents!,
      },
      failures: result.failures.map((f) => f.message),
    };
  },
};

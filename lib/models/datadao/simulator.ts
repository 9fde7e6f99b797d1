/**
 * `deno task sim datadao`: the two tables the original README promised and its code never wrote —
 * `timeseries` (one row per step, timestep 0 the start) and `transactions` (every dDT trade, liquidity
 * deposit, fee collection, compute spend and Pie payout) — plus `agents`, every agent's final balances.
 * The transaction log is written only when `--tables` names it: over the default 2000 steps it is
 * millions of rows (about 700 MB of CSV a run), which few analyses read, beside a few MB for the others.
 */
import { infoOf, type Simulator } from "../simulator.ts";
import { datadao } from "./model.ts";
import { AGENT_TYPES, type DataDaoParams } from "./params.ts";

/**
 * Transactions per agent-step, from the defaults: the documented variant logs every provider's fee share
 * each step (≈ 7.9 M rows over 2000 steps, about 2 per agent-step); the estimate errs high.
 */
const TRANSACTIONS_PER_AGENT_STEP = 2.5;

export const datadaoSimulator: Simulator = {
  ...infoOf(datadao),
  model: datadao,
  tables: {
    timeseries: "one row per (subset, run, timestep): pool, prices, supply, balances by agent type",
    transactions: "every trade, deposit, fee collection, compute spend and Pie payout (written only " +
      "when --tables names it: millions of rows, about 700 MB of CSV a run over the default 2000 steps)",
    agents: "every agent's final balances, one row per agent and run",
  },
  onRequest: ["transactions"],
  record: (tables) => ({
    events: tables.includes("transactions") ? ["transactions"] : [],
    agents: tables.includes("agents"),
  }),
  output: (recorded) => recorded,
  rowWise: true,
  rowsPerUnit(params, steps) {
    const p = params as unknown as DataDaoParams;
    const initial = AGENT_TYPES.reduce((n, type) => n + p[`initial_${type}`], 0);
    const final = initial + p.agents_per_entry * Math.ceil(steps / p.entry_interval);
    return {
      timeseries: steps + 1,
      transactions: Math.ceil(TRANSACTIONS_PER_AGENT_STEP * ((initial + final) / 2) * steps),
      agents: final,
    };
  },
};

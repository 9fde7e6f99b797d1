/**
 * Small hand-made dataDAO tables for the outcome and claim tests: the columns the model writes, each 0
 * unless a test gives it, so a test states only the numbers it works by hand.
 */
import pl from "nodejs-polars";
import { AGENT_TYPES } from "@lib/models/datadao/params.ts";

/** The model's timeseries columns that the outcomes read (besides variant and timestep). */
const TIMESERIES_COLUMNS = [
  "price",
  "lp_ddt_reserve",
  "lp_xdai_reserve",
  "lp_total_shares",
  "pie_ddt",
  "pie_distributed",
  ...AGENT_TYPES.flatMap((t) => [`count_${t}`, `avg_ddt_${t}`, `avg_xdai_${t}`]),
  "ddt_minted",
  "ddt_spent",
  "ddt_created",
  "ddt_destroyed",
  "ddt_held",
  "min_ddt_balance",
  "fees_charged",
  "fees_forfeited",
];

const AGENT_COLUMNS = [
  "entered",
  "lp_shares",
  "fees_collected",
  "ddt_bought",
  "pie_received",
  "lp_xdai_in",
  "lp_ddt_in",
];

type Given = Record<string, number | string | undefined>;
type Row = { variant: string; timestep: number } & Given;
type AgentRow = { variant: string; agent_id: number; agent_type: string } & Given;

/** A timeseries of the given rows, every other column 0. */
export function timeseriesOf(rows: readonly Row[]): pl.DataFrame {
  return pl.DataFrame(rows.map(({ variant, timestep, ...given }) => ({
    variant,
    timestep,
    ...Object.fromEntries(TIMESERIES_COLUMNS.map((c) => [c, 0])),
    ...given,
  })));
}

/** An agents table of the given rows, every other column 0. */
export function agentsOf(rows: readonly AgentRow[]): pl.DataFrame {
  return pl.DataFrame(rows.map(({ variant, agent_id, agent_type, ...given }) => ({
    variant,
    agent_id,
    agent_type,
    ...Object.fromEntries(AGENT_COLUMNS.map((c) => [c, 0])),
    ...given,
  })));
}

/** `count_<type>` columns from counts in type order: degen, organization, power, active, casual. */
export function counts(...n: number[]): Record<string, number> {
  return Object.fromEntries(AGENT_TYPES.map((t, i) => [`count_${t}`, n[i]]));
}

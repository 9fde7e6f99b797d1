/** Tables of small BITrewards runs for the tests: 10 creators, 2 investors, 20 users, 30 weeks, seed 9. */
import { runAgents } from "@lib/engine/simulate.ts";
import { planRuns } from "@lib/engine/plan.ts";
import { bitrewards } from "@lib/models/bitrewards/model.ts";
import { type BitrewardsTables, bitrewardsTables } from "@lib/models/bitrewards/tables.ts";

export const SMALL = { N_creators: 10, N_investors: 2, N_users: 20 } as const;

/** Tables of small runs of `set` over `sweep`; several sweep groups are crossed. */
export function smallTables(
  set: Record<string, number>,
  sweep: Record<string, number[]> | Record<string, number[]>[],
  runs = 2,
  steps = 30,
): BitrewardsTables {
  return bitrewardsTables(
    runAgents(bitrewards, planRuns(bitrewards, { set: { ...SMALL, ...set }, sweep, runs, steps, seed: 9 })),
  );
}

/**
 * `deno task sim bitrewards`: the three tables of the seed's section 7 — timeseries, run_summary,
 * agent_outcomes — for every run of the plan, the runs spread over a pool of workers.
 */
import { asAgentFrames, runParallel } from "../../engine/simulate.ts";
import type { Simulator } from "../simulator.ts";
import { bitrewards } from "./model.ts";
import { bitrewardsTables } from "./tables.ts";

export const bitrewardsSimulator: Simulator = {
  name: bitrewards.name,
  title: bitrewards.title,
  params: bitrewards.params,
  steps: bitrewards.steps,
  timeUnit: bitrewards.timeUnit,
  runs: bitrewards.runs,
  check: bitrewards.check,
  async run(plan, onProgress) {
    const result = asAgentFrames(await runParallel(bitrewards, plan, { onProgress }));
    if (result.failures.length === plan.subsets.length * plan.runs) {
      throw new Error(`every run failed; nothing written (first: ${result.failures[0].message})`);
    }
    return { tables: { ...bitrewardsTables(result) }, failures: result.failures.map((f) => f.message) };
  },
};

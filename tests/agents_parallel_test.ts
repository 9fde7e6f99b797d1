/**
 * The agent models' pool of workers: the same tables as the in-process runner for any worker count,
 * failures included, on a toy model and on BITrewards.
 */
import { assertEquals } from "@std/assert";
import type pl from "nodejs-polars";
import { runAgents } from "@lib/engine/agents.ts";
import { runAgentsParallel } from "@lib/engine/agents_parallel.ts";
import { planRuns } from "@lib/engine/simulate.ts";
import { counters } from "./fixtures/counter_agents.ts";
import { bitrewards } from "@lib/models/bitrewards/model.ts";

const csv = (frame?: pl.DataFrame) => frame?.writeCSV().toString();

Deno.test("workers give exactly the in-process tables, failed runs included", async () => {
  const plan = planRuns(counters, { sweep: { bias: [0.2, 0.5, 0.8], fail_subset: [1] }, runs: 3, seed: 4 });
  const local = runAgents(counters, plan);
  const ref = {
    module: new URL("./fixtures/counter_agents.ts", import.meta.url).href,
    exportName: "counters",
  };
  for (const workers of [1, 2, 4]) {
    const remote = await runAgentsParallel(ref, plan, { workers });
    assertEquals(csv(remote.timeseries), csv(local.timeseries), `timeseries, ${workers} workers`);
    assertEquals(csv(remote.agents), csv(local.agents), `agents, ${workers} workers`);
    assertEquals(csv(remote.events.ticks), csv(local.events.ticks), `events, ${workers} workers`);
    assertEquals(remote.failures.map((f) => f.message), local.failures.map((f) => f.message));
  }
  assertEquals(local.failures.length, 1);
});

Deno.test("BITrewards over two workers equals the in-process run", async () => {
  const plan = planRuns(bitrewards, {
    set: { N_creators: 10, N_investors: 2, N_users: 20 },
    sweep: { gas_fee_share_rate: [0.003, 0.008] },
    runs: 2,
    steps: 20,
  });
  const local = runAgents(bitrewards, plan);
  const ref = {
    module: new URL("../lib/models/bitrewards/model.ts", import.meta.url).href,
    exportName: "bitrewards",
  };
  const remote = await runAgentsParallel(ref, plan, { workers: 2 });
  assertEquals(csv(remote.timeseries), csv(local.timeseries));
  assertEquals(csv(remote.agents), csv(local.agents));
});

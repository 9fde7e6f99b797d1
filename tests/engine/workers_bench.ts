/**
 * `deno bench -A tests/engine/workers_bench.ts`: what a pool of workers gains over one worker and over a
 * run in this thread, on the two workloads the notebooks spread over workers: the honey 81-pair × 100-run
 * sweep (many short units) and the four BITrewards reference scenarios (few long agent-based units).
 * Each group has one worker as its baseline, so `deno bench` prints the other cases as ratios measured
 * in the same run. Each iteration takes seconds, so the iterations are few and fixed.
 *
 * A control group runs plain arithmetic on 1 and 2 bare workers: the ratio this machine allows at that
 * moment (other processes on the same cores lower it), against which the pool's ratios are read.
 */
import { collect, type Executor, runInProcess } from "@lib/engine/executor.ts";
import { planRuns, type RunPlan } from "@lib/engine/plan.ts";
import { workerPool } from "@lib/engine/pool.ts";
import { loadScenario, planOptionsOf } from "@lib/io/config.ts";
import { bitrewards } from "@lib/models/bitrewards/model.ts";
import { honey } from "@lib/models/honey/model.ts";
import { benchArithmeticControl } from "../support/arithmetic_control.ts";

const HONEY_RUNS = 100;
const honeyPlan = planRuns(honey, {
  ...planOptionsOf([await loadScenario("honey", "reserve-throttle")]),
  runs: HONEY_RUNS,
});
const honeyRows = honeyPlan.subsets.length * HONEY_RUNS * (honeyPlan.steps + 1);
if (honeyPlan.subsets.length !== 81) throw new Error(`the honey sweep has ${honeyPlan.subsets.length} pairs`);

// The notebook's four reference scenarios, planned as `scenarioPlan` in the model's analysis does.
const SCENARIOS = ["baseline", "low_tracing_accuracy", "high_funding_share", "high_investor_share"];
const bitrewardsPlans: RunPlan[] = await Promise.all(
  SCENARIOS.map(async (name) =>
    planRuns(bitrewards, planOptionsOf([await loadScenario("bitrewards", name)]))
  ),
);
const bitrewardsRows = bitrewardsPlans.reduce((n, p) => n + p.subsets.length * p.runs * (p.steps + 1), 0);

/** Fails the bench when a run lost rows, so that a fast wrong answer is never reported as a speed-up. */
function expectRows(rows: number, expected: number, what: string): void {
  if (rows !== expected) throw new Error(`${what}: ${rows} rows, expected ${expected}`);
}

const workersName = (n: number) => (n === 0 ? "in process" : `${n} worker${n > 1 ? "s" : ""}`);

// 0 workers: in this thread (runInProcess), the baseline of a notebook that does not use the pool.
for (const workers of [1, 2, 0]) {
  Deno.bench(`honey sweep 81 × ${HONEY_RUNS} runs, ${workersName(workers)}`, {
    group: "honey sweep",
    baseline: workers === 1,
    n: 5,
    warmup: 1,
  }, async () => {
    const result = workers === 0
      ? runInProcess(honey, honeyPlan)
      : await collect(workerPool(honey, workers), honeyPlan);
    expectRows(result.tables.timeseries.rows, honeyRows, workersName(workers));
  });
}

/** Runs a plan on an executor and drops its shards: the pool's own cost, without joining the tables. */
async function dropShards(executor: Executor, plan: RunPlan): Promise<number> {
  let rows = 0;
  await executor.run(plan, (shard) => void (rows += shard.tables.timeseries.rows));
  return rows;
}

// What `collect` adds: joining the shards copies every row once more (~150 MB here).
for (const workers of [1, 2]) {
  Deno.bench(`honey sweep 81 × ${HONEY_RUNS} runs, ${workersName(workers)}, shards not joined`, {
    group: "honey sweep",
    n: 5,
    warmup: 1,
  }, async () => {
    expectRows(await dropShards(workerPool(honey, workers), honeyPlan), honeyRows, workersName(workers));
  });
}

for (const workers of [1, 2, 0]) {
  Deno.bench(`bitrewards four scenarios, ${workersName(workers)}`, {
    group: "bitrewards scenarios",
    baseline: workers === 1,
    n: 2,
    warmup: 1,
  }, async () => {
    let rows = 0;
    // One plan after another, as the notebook runs them.
    for (const plan of bitrewardsPlans) {
      const result = workers === 0
        ? runInProcess(bitrewards, plan)
        : await collect(workerPool(bitrewards, workers), plan);
      rows += result.tables.timeseries.rows;
    }
    expectRows(rows, bitrewardsRows, workersName(workers));
  });
}

benchArithmeticControl();

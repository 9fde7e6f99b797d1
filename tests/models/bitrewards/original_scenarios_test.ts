import { assertEquals } from "@std/assert";
import pl from "nodejs-polars";
import {
  collapsesForUsers,
  originalOutcomes,
  originalSummary,
  usersActiveOverTime,
} from "@lib/models/bitrewards/original_scenarios.ts";
import type { BitrewardsTables } from "@lib/models/bitrewards/tables.ts";

/** Two runs of four steps (plus step 0): run 1 loses its last user at step 2, run 2 keeps one. */
function tables(usersRun1: number[], usageRun1: number[], churnSteps = 3): BitrewardsTables {
  const steps = [0, 1, 2, 3, 4];
  return {
    timeseries: pl.DataFrame({
      run_id: [...steps.map(() => 1), ...steps.map(() => 2)],
      step: [...steps, ...steps],
      active_users: [...usersRun1, 3, 2, 1, 1, 1],
      total_usage_events: [...usageRun1, 0, 4, 3, 2, 2],
      total_fee_distributed: [0, 0.5, 0.25, 0, 0, 0, 1, 1, 1, 1],
      active_creators: [5, 5, 4, 4, 3, 5, 5, 5, 5, 5],
      active_investors: [2, 2, 2, 2, 1, 2, 2, 2, 2, 2],
      mean_investor_roi: [0, 0, 0, 0, -0.5, 0, 0.1, 0.2, 0.3, 0.4],
      gini_creators_wealth: [0, 0.1, 0.2, 0.3, 0.4, 0, 0.2, 0.2, 0.2, 0.2],
    }),
    run_summary: pl.DataFrame({ run_id: [1, 2], churn_steps: [churnSteps, churnSteps] }),
    agent_outcomes: pl.DataFrame({}),
  };
}

Deno.test("per-run outcomes: when the last user left, usage after it, the final state, the fees", () => {
  const out = originalOutcomes(tables([3, 1, 0, 0, 0], [0, 2, 0, 0, 0]), "original_baseline");
  const rows = out.toRecords();
  assertEquals(rows.map((r) => r.users_gone_step), [2, null]);
  assertEquals(rows.map((r) => r.usage_after_users_gone), [0, 0]);
  assertEquals(rows.map((r) => r.fees), [0.75, 4]);
  assertEquals(rows.map((r) => r.active_creators_end), [3, 5]);
  assertEquals(rows.map((r) => r.mean_investor_roi_end), [-0.5, 0.4]);
  assertEquals(rows.map((r) => r.scenario), ["original_baseline", "original_baseline"]);
});

Deno.test("the users' collapse: every run's users gone within the churn window and no usage after", () => {
  const runOne = (users: number[], usage: number[], churn = 3) =>
    originalOutcomes(tables(users, usage, churn), "x").filter(pl.col("run_id").eq(1));
  assertEquals(collapsesForUsers(runOne([3, 1, 0, 0, 0], [0, 2, 0, 0, 0])), true);
  assertEquals(
    collapsesForUsers(runOne([3, 1, 0, 0, 0], [0, 2, 0, 1, 0])),
    false,
    "usage after the users left",
  );
  assertEquals(
    collapsesForUsers(runOne([3, 1, 0, 0, 0], [0, 2, 0, 0, 0], 1)),
    false,
    "later than the window",
  );
  // Run 2 keeps a user to the end: the pair does not collapse.
  assertEquals(collapsesForUsers(originalOutcomes(tables([3, 1, 0, 0, 0], [0, 2, 0, 0, 0]), "x")), false);
  assertEquals(collapsesForUsers(pl.DataFrame({})), false, "no runs, no collapse");
});

Deno.test("the summary has one row per scenario with medians over its runs", () => {
  const out = originalOutcomes(tables([3, 1, 0, 0, 0], [0, 2, 0, 0, 0]), "original_baseline");
  const [baseline, ...others] = originalSummary(out);
  assertEquals(baseline.runs, 2);
  assertEquals(baseline.runs_users_gone, 1);
  assertEquals(baseline.last_user_left_step, null, "one run keeps its users");
  assertEquals(baseline.fees, (0.75 + 4) / 2);
  assertEquals(baseline.collapses_for_users, "no");
  assertEquals(others.map((o) => o.runs), [0, 0, 0]);
});

Deno.test("users active over time: the median over runs, as a percentage of the users at the start", () => {
  const t = tables([4, 2, 0, 0, 0], [0, 2, 0, 0, 0]);
  const withUsers = { ...t, run_summary: t.run_summary.withColumns(pl.lit(4).alias("N_users")) };
  const rows = usersActiveOverTime({ original_baseline: withUsers });
  // Step 1: run 1 has 2 of 4 users, run 2 has 2 of 4 → 50%; step 2: 0% and 25% → median 12.5%.
  assertEquals(rows.map((r) => r.percent), [87.5, 50, 12.5, 12.5, 12.5]);
  assertEquals(rows.every((r) => r.scenario === "original_baseline"), true);
});

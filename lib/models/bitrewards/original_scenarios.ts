/**
 * The original implementation's four scenarios, run under its own rules (`rules = "reference"`, by
 * `runOriginal` in experiments.ts), for the notebook to set beside the design: per-run outcomes, one
 * summary row per scenario, and the test of why the three non-baseline configurations collapse (docs/models/bitrewards.md, "The reference variant").
 */
import pl from "nodejs-polars";
import { median } from "../../analysis/quantiles.ts";
import type { BitrewardsTables } from "./tables.ts";

export const ORIGINAL_SCENARIOS = [
  "original_baseline",
  "original_low_tracing_accuracy",
  "original_high_funding_share",
  "original_high_investor_share",
] as const;
export type OriginalScenario = typeof ORIGINAL_SCENARIOS[number];

/**
 * One row per run: the step at which the last user left (null when users remain at the end), usage
 * events after it, and the run's final state: active agents of each class, the mean investor ROI and
 * the creators' wealth Gini as the reference rules define them, and all fees paid over the run.
 */
export function originalOutcomes(tables: BitrewardsTables, scenario: string): pl.DataFrame {
  const ts = tables.timeseries.filter(pl.col("step").gt(0)).sort(["run_id", "step"]);
  const gone = ts.filter(pl.col("active_users").eq(0)).groupBy("run_id").agg(
    pl.col("step").min().alias("users_gone_step"),
  );
  const perRun = ts.join(gone, { on: "run_id", how: "left" }).groupBy("run_id").agg(
    pl.col("total_usage_events").filter(pl.col("step").gt(pl.col("users_gone_step"))).sum()
      .alias("usage_after_users_gone"),
    pl.col("total_fee_distributed").sum().alias("fees"),
    pl.col("active_creators").last().alias("active_creators_end"),
    pl.col("active_investors").last().alias("active_investors_end"),
    pl.col("active_users").last().alias("active_users_end"),
    pl.col("mean_investor_roi").last().alias("mean_investor_roi_end"),
    pl.col("gini_creators_wealth").last().alias("gini_creators_end"),
  );
  return perRun.join(gone, { on: "run_id", how: "left" })
    .join(tables.run_summary.select("run_id", "churn_steps"), { on: "run_id" })
    .withColumns(pl.lit(scenario).alias("scenario"))
    .sort("run_id");
}

/**
 * The test of the original's collapse, fixed before any result: a configuration collapses for its users'
 * reason when, in every run, the last user has left by the end of the users' churn window (step
 * `churn_steps`: users who earn nothing never clear the threshold, so they leave as soon as the window
 * allows) and no usage event happens afterwards.
 */
export function collapsesForUsers(outcomes: pl.DataFrame): boolean {
  const rows = outcomes.toRecords() as {
    users_gone_step: number | null;
    usage_after_users_gone: number | null;
    churn_steps: number;
  }[];
  return rows.length > 0 &&
    rows.every((r) => r.users_gone_step !== null && r.users_gone_step <= r.churn_steps) &&
    rows.every((r) => (r.usage_after_users_gone ?? 0) === 0);
}

/** One row per scenario: runs, medians over runs of the outcomes, and the collapse test's result. */
export function originalSummary(outcomes: pl.DataFrame): Record<string, string | number | null>[] {
  return ORIGINAL_SCENARIOS.map((scenario) => {
    const mine = outcomes.filter(pl.col("scenario").eq(pl.lit(scenario)));
    const med = (column: string) => median(mine.getColumn(column).toArray() as number[]);
    const gone = (mine.getColumn("users_gone_step").toArray() as (number | null)[])
      .filter((s): s is number => s !== null);
    return {
      scenario,
      runs: mine.height,
      runs_users_gone: gone.length,
      last_user_left_step: gone.length === mine.height && gone.length > 0 ? Math.max(...gone) : null,
      active_creators_end: med("active_creators_end"),
      active_investors_end: med("active_investors_end"),
      active_users_end: med("active_users_end"),
      mean_investor_roi_end: med("mean_investor_roi_end"),
      gini_creators_end: med("gini_creators_end"),
      fees: med("fees"),
      collapses_for_users: collapsesForUsers(mine) ? "yes" : "no",
    };
  });
}

/** Median over runs of the users still active (% of those at the start), per scenario and step. */
export function usersActiveOverTime(
  tables: Readonly<Record<string, BitrewardsTables>>,
): { scenario: string; step: number; percent: number }[] {
  return Object.entries(tables).flatMap(([scenario, t]) =>
    t.timeseries.join(t.run_summary.select("run_id", "N_users"), { on: "run_id" })
      .groupBy("step").agg(
        pl.col("active_users").cast(pl.Float64).div(pl.col("N_users")).mul(100).median().alias("percent"),
      )
      .sort("step")
      .toRecords()
      .map((r) => ({ scenario, step: r.step as number, percent: r.percent as number }))
  );
}

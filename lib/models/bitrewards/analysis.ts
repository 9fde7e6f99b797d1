/**
 * The BITrewards analysis: the reference scenarios, per-run outcomes for the documented expected
 * behaviours, income shares, and the sweeps the notebook draws (tracing accuracy, gas fee × funding).
 */
import pl from "nodejs-polars";
import type { ParamValue } from "../../engine/params.ts";
import { type PlanOptions, planRuns, type RunPlan } from "../../engine/plan.ts";
import { asAgentFrames, runParallel } from "../../engine/simulate.ts";
import type { SweepLists } from "../../engine/sweep.ts";
import { loadScenario, planOptionsOf } from "../../io/config.ts";
import type { ContributionLedger } from "./contributions.ts";
import { bitrewards } from "./model.ts";
import { type BitrewardsTables, bitrewardsTables } from "./tables.ts";

export const SCENARIOS = [
  "baseline",
  "low_tracing_accuracy",
  "high_funding_share",
  "high_investor_share",
] as const;
export type ScenarioName = typeof SCENARIOS[number];

/** The plan of a shipped scenario, with optional extra parameter values (e.g. a control's churn). */
export async function scenarioPlan(name: ScenarioName, set: Record<string, number> = {}): Promise<RunPlan> {
  const options = planOptionsOf([await loadScenario("bitrewards", name)]);
  return planRuns(bitrewards, { ...options, set: { ...options.set, ...set } } as PlanOptions);
}

/** Runs a plan over a pool of workers and builds the three tables. */
export async function runTables(plan: RunPlan): Promise<BitrewardsTables> {
  return bitrewardsTables(asAgentFrames(await runParallel(bitrewards, plan)));
}

/**
 * One row per run: the outcomes the documented expectations speak of. Royalty shares are of all
 * royalties paid (users pay fees and receive none).
 */
export function runOutcomes(tables: BitrewardsTables, label: string): pl.DataFrame {
  const byType = tables.agent_outcomes.groupBy(["run_id", "agent_type"]).agg(
    pl.col("total_income").sum().alias("income"),
    pl.col("final_satisfaction").mean().alias("satisfaction"),
    pl.len().alias("agents"),
  );
  const pick = (type: string, column: string, alias: string) =>
    byType.filter(pl.col("agent_type").eq(pl.lit(type))).select("run_id", pl.col(column).alias(alias));
  const royalties = pick("CreatorAgent", "income", "creator_income")
    .join(pick("InvestorAgent", "income", "investor_income"), { on: "run_id", how: "left" })
    .join(pick("CreatorAgent", "satisfaction", "creator_satisfaction"), { on: "run_id" })
    .join(pick("CreatorAgent", "agents", "creators"), { on: "run_id" })
    .join(pick("InvestorAgent", "agents", "investors"), { on: "run_id", how: "left" })
    .withColumns(pl.col("investor_income").fillNull(0), pl.col("investors").fillNull(0));
  const overTime = tables.timeseries.filter(pl.col("step").gt(0)).groupBy("run_id").agg(
    pl.col("upstream_share").mean().alias("upstream_share"),
    pl.col("mean_tracing_depth").mean().alias("mean_tracing_depth"),
  );
  return tables.run_summary.select(
    "run_id",
    "gas_fee_share_rate",
    "investor_royalty_max",
    "tracing_accuracy",
    "median_investor_roi",
    "final_gini_creators_wealth",
    "collapse_indicator",
    pl.col("final_active_creators").cast(pl.Float64).div(pl.col("N_creators")).alias("active_creators_end"),
    pl.col("final_active_investors").cast(pl.Float64).div(pl.col("N_investors")).alias(
      "active_investors_end",
    ),
    pl.col("final_active_users").cast(pl.Float64).div(pl.col("N_users")).alias("active_users_end"),
    pl.col("avg_active_creators").cast(pl.Float64).div(pl.col("N_creators")).alias("active_creators_mean"),
    pl.col("avg_active_users").cast(pl.Float64).div(pl.col("N_users")).alias("active_users_mean"),
  ).join(royalties, { on: "run_id" }).join(overTime, { on: "run_id" }).withColumns(
    pl.col("creator_income").div(pl.col("creator_income").add(pl.col("investor_income"))).alias(
      "creator_share",
    ),
    pl.col("investor_income").div(pl.col("creator_income").add(pl.col("investor_income"))).alias(
      "investor_share",
    ),
    pl.col("creator_income").div(pl.col("creators")).alias("income_per_creator"),
    pl.col("investor_income").div(pl.col("investors")).alias("income_per_investor"),
    pl.lit(label).alias("scenario"),
  );
}

/** Median and 10th–90th percentiles of each column over runs, per scenario. */
export function spread(outcomes: pl.DataFrame, columns: readonly string[]): pl.DataFrame {
  return outcomes.groupBy("scenario").agg(
    ...columns.flatMap((c) => [
      pl.col(c).median().alias(`${c}_median`),
      pl.col(c).quantile(0.1, "linear").alias(`${c}_p10`),
      pl.col(c).quantile(0.9, "linear").alias(`${c}_p90`),
    ]),
  );
}

/** The median of a column over one scenario's runs. */
export function medianOf(outcomes: pl.DataFrame, scenario: string, column: string): number {
  return outcomes.filter(pl.col("scenario").eq(pl.lit(scenario))).getColumn(column).median() as number;
}

/** Active agents of each type as a fraction of the starting population, per run and step. */
export function activeFractions(tables: BitrewardsTables, label: string): pl.DataFrame {
  const start = tables.run_summary.select("run_id", "N_creators", "N_investors", "N_users");
  const ts = tables.timeseries.join(start, { on: "run_id" });
  const frac = (type: string, n: string) =>
    ts.select(
      "run_id",
      "step",
      pl.col(`active_${type}`).cast(pl.Float64).div(pl.col(n)).alias("fraction"),
      pl.lit(type).alias("agent_type"),
    );
  return pl.concat([
    frac("creators", "N_creators"),
    frac("investors", "N_investors"),
    frac("users", "N_users"),
  ])
    .withColumns(pl.lit(label).alias("scenario"));
}

/** Royalty income by agent type and creator role, as shares of everything paid, over all runs. */
export function incomeByRole(tables: BitrewardsTables): pl.DataFrame {
  const paid = tables.agent_outcomes.filter(pl.col("agent_type").neq(pl.lit("UserAgent")))
    .withColumns(
      pl.when(pl.col("agent_type").eq(pl.lit("InvestorAgent"))).then(pl.lit("investor")).otherwise(
        pl.col("role"),
      )
        .alias("earner"),
    );
  const total = paid.getColumn("total_income").sum() as number;
  return paid.groupBy("earner").agg(
    pl.col("total_income").sum().div(total).alias("share_of_royalties"),
    pl.len().cast(pl.Float64).div(tables.run_summary.height).alias("agents_per_run"),
  ).sort("share_of_royalties", true);
}

/** Baseline settings with the stricter churn rule of the other scenarios, for like-for-like comparisons. */
export const CONTROL_CHURN = { churn_threshold: 0.2, churn_steps: 20 } as const;

/**
 * Per-run outcomes over a sweep on the baseline scenario's settings (its own sweep replaced): one group
 * of lists is zipped, several groups are crossed. The swept key parameters are columns of the result.
 */
export async function sweepOutcomes(
  sweep: readonly SweepLists[],
  options: { runs: number; set?: Record<string, number> },
): Promise<pl.DataFrame> {
  const base = planOptionsOf([await loadScenario("bitrewards", "baseline")]);
  const set: Record<string, ParamValue> = { ...base.set, ...options.set };
  for (const name of sweep.flatMap((g) => Object.keys(g))) delete set[name];
  const plan = planRuns(bitrewards, { set, sweep, runs: options.runs, steps: base.steps, seed: base.seed });
  return runOutcomes(await runTables(plan), "sweep")
    .withColumns(pl.col("income_per_investor").mul(pl.col("investors")).alias("investor_royalties"));
}

/** A small run's contribution graph: nodes placed by creation step and project, coloured by type. */
export function graphPicture(world: { ledger: ContributionLedger }) {
  const { contributions } = world.ledger;
  const nodes = contributions.map((c) => ({
    id: c.id,
    x: c.createdStep + ((c.id * 0.618) % 1) * 0.8,
    y: c.project + ((c.id * 0.382) % 1) * 0.7,
    group: c.type,
  }));
  const edges = contributions.flatMap((c) =>
    world.ledger.parentsOf(c.id).map((parent) => ({ source: parent, target: c.id }))
  );
  return { nodes, edges };
}

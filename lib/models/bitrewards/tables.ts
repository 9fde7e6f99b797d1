/**
 * The design document's three output tables (section 7; see docs/models/bitrewards.md): the time series, one
 * summary row per run, and one outcome row per agent per run; and on request one row per agent per step.
 * `run_id` numbers runs across the whole plan, 1-based: subset × runs + run.
 */
import pl from "nodejs-polars";
import { unitSeed } from "../../engine/plan.ts";
import type { AgentRunResult } from "../../engine/simulate.ts";
import { type BitrewardsParams, bitrewardsParams } from "./params.ts";

/** Parameters copied into every run_summary row (the design's "key parameters"). */
export const KEY_PARAMETERS = [
  "N_creators",
  "N_investors",
  "N_users",
  "gas_fee_share_rate",
  "tracing_accuracy",
  "investor_royalty_min",
  "investor_royalty_max",
  "default_derivative_split",
  "funding_cost",
  "satisfaction_k",
  "churn_threshold",
  "churn_steps",
] as const;

/** The design's class names for agent types. */
const AGENT_CLASS: Record<string, string> = {
  creator: "CreatorAgent",
  investor: "InvestorAgent",
  user: "UserAgent",
};

const runId = (runs: number) => pl.col("subset").mul(runs).add(pl.col("run")).cast(pl.Int32).alias("run_id");

export interface BitrewardsTables {
  readonly timeseries: pl.DataFrame;
  readonly run_summary: pl.DataFrame;
  readonly agent_outcomes: pl.DataFrame;
}

/** Columns of agent_outcomes after the run's and agent's identifiers: initial state, then outcomes. */
export const AGENT_OUTCOME_COLUMNS = [
  "role",
  "skill",
  "intrinsic_motivation",
  "aspiration",
  "preferences",
  "final_wealth",
  "total_income",
  "user_benefit",
  "final_satisfaction",
  "active_at_end",
  "total_invested",
  "fundings",
  "final_roi",
  "contributions_count",
  "contributions_by_type",
] as const;

const agentClass = () => pl.col("agent_type").replace(Object.keys(AGENT_CLASS), Object.values(AGENT_CLASS));

/**
 * The agent_steps table from the model's `agent_steps` events: one row per agent per step (step 0 is the
 * starting state), the agent's state after the step.
 */
export function agentStepsTable(events: pl.DataFrame, plan: AgentRunResult["plan"]): pl.DataFrame {
  return events.withColumns(runId(plan.runs), pl.col("timestep").alias("step"), agentClass())
    .select(
      "run_id",
      "step",
      ...plan.sweptNames,
      "agent_id",
      "agent_type",
      "role",
      "active",
      "income",
      "benefit",
      "wealth",
      "satisfaction",
      "contributions_count",
    );
}

/** Builds the three tables from a run of the model. */
export function bitrewardsTables(
  result: Pick<AgentRunResult, "plan" | "timeseries" | "agents">,
): BitrewardsTables {
  const { plan } = result;
  const swept = plan.sweptNames;
  const metrics = result.timeseries.columns.filter((c) =>
    !["subset", "run", "timestep", ...swept].includes(c)
  );
  const timeseries = result.timeseries
    .withColumns(runId(plan.runs), pl.col("timestep").alias("step"))
    .select("run_id", "subset", "run", "step", ...swept, ...metrics);

  if (!result.agents) throw new Error("bitrewards tables need the agent table");
  const agent_outcomes = result.agents
    .withColumns(runId(plan.runs), agentClass())
    .select("run_id", "agent_id", "agent_type", ...AGENT_OUTCOME_COLUMNS);

  return { timeseries, run_summary: runSummary(result, timeseries, agent_outcomes), agent_outcomes };
}

/** One row per run: identifiers, key parameters, and the outcomes of the design's section 7.2. */
function runSummary(
  result: Pick<AgentRunResult, "plan">,
  timeseries: pl.DataFrame,
  agents: pl.DataFrame,
): pl.DataFrame {
  const { plan } = result;
  // Step 0 is the starting state, not an outcome of the dynamics.
  const steps = timeseries.filter(pl.col("step").gt(0));
  const avgFinal = (name: string) => [
    pl.col(name).mean().alias(`avg_${name}`),
    pl.col(name).last().alias(`final_${name}`),
  ];
  const overTime = steps.sort(["run_id", "step"]).groupBy("run_id").agg(
    pl.col("subset").first(),
    pl.col("run").first(),
    ...avgFinal("total_contributions"),
    ...avgFinal("active_creators"),
    ...avgFinal("active_investors"),
    ...avgFinal("active_users"),
    ...avgFinal("total_usage_events"),
    ...avgFinal("gini_creators_wealth"),
    ...avgFinal("gini_all_wealth"),
    pl.col("mean_investor_roi").mean().alias("avg_mean_investor_roi"),
  );
  const investors = agents.filter(pl.col("agent_type").eq(pl.lit("InvestorAgent"))).groupBy("run_id").agg(
    pl.col("final_roi").median().alias("median_investor_roi"),
    pl.col("final_roi").gt(0).mean().alias("fraction_investors_positive_roi"),
  );
  // A creator is below its minimum income when its mean income per step misses its aspiration.
  const aspirationByRun = pl.DataFrame({
    run_id: Int32Array.from(
      plan.subsets.flatMap((s) => Array.from({ length: plan.runs }, (_, r) => s.subset * plan.runs + r + 1)),
    ),
    aspiration: Float64Array.from(
      plan.subsets.flatMap((s) =>
        Array(plan.runs).fill((s.params as BitrewardsParams).aspiration_income_creators)
      ),
    ),
  });
  const creators = agents.filter(pl.col("agent_type").eq(pl.lit("CreatorAgent")))
    .join(aspirationByRun, { on: "run_id" })
    .groupBy("run_id").agg(
      pl.col("total_income").div(plan.steps).lt(pl.col("aspiration")).mean().alias(
        "fraction_creators_below_min_income",
      ),
    );
  const identity = pl.DataFrame({
    run_id: Int32Array.from(
      plan.subsets.flatMap((s) => Array.from({ length: plan.runs }, (_, r) => s.subset * plan.runs + r + 1)),
    ),
    random_seed: plan.subsets.flatMap(() =>
      Array.from({ length: plan.runs }, (_, r) => unitSeed(plan.seed, r + 1))
    ),
    ...Object.fromEntries(KEY_PARAMETERS.map((name) => {
      const values = plan.subsets.flatMap((s) => Array(plan.runs).fill(s.params[name] as number));
      const whole = (bitrewardsParams[name] as { integer?: boolean }).integer;
      return [name, whole ? Int32Array.from(values) : Float64Array.from(values)];
    })),
    collapse_floor: Float64Array.from(plan.subsets.flatMap((s) => {
      const p = s.params as BitrewardsParams;
      return Array(plan.runs).fill(p.collapse_fraction * p.N_creators);
    })),
  });
  return identity.join(overTime, { on: "run_id" })
    .join(investors, { on: "run_id", how: "left" })
    .join(creators, { on: "run_id", how: "left" })
    .withColumns(pl.col("final_active_creators").lt(pl.col("collapse_floor")).alias("collapse_indicator"))
    .drop("collapse_floor")
    .sort("run_id");
}

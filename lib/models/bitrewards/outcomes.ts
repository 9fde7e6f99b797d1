/**
 * BITrewards per-run outcomes: frames → one row per run of the outcomes the documented expectations speak
 * of, the creators' top-decile share, active fractions over time and royalties by role, and the results
 * the claims read (see docs/models/bitrewards.md). Nothing here runs the model: experiments.ts does.
 */
import pl from "nodejs-polars";
import type { BitrewardsTables } from "./tables.ts";

/** The four reference scenarios shipped in data/scenarios/bitrewards/. */
export const SCENARIOS = [
  "baseline",
  "low_tracing_accuracy",
  "high_funding_share",
  "high_investor_share",
] as const;

/** The runs the report compares: the four reference scenarios and the control. */
export const COMPARED = [
  "baseline",
  "control",
  "low_tracing_accuracy",
  "high_funding_share",
  "high_investor_share",
] as const;
export type Compared = typeof COMPARED[number];

/**
 * One row per run: the outcomes the documented expectations speak of. Royalty shares are of all
 * royalties paid (users pay fees and receive none; their "income" is the benefit of what they use).
 *
 * Columns besides the run's identifiers and key parameters: active shares of each class at the end and on
 * average (`active_*_end`, `active_*_mean`), `creators_left` (share of the starting creators gone at the
 * end) and `creators_departed` (their number), `any_left` (1 when any agent of any class left), `class_gone` (1 when a whole class left),
 * `fees` (all fees of the run), `royalty_gap` (|fees − royalties received| / fees), `creator_share` and
 * `investor_share` of royalties, `upstream_share` (fees paid to ancestors rather than to the used
 * contribution's owner, over all fees), `upstream_creator_share` (the part of it creators receive),
 * `upstream_creator_income` (royalties creators receive as ancestors), `income_per_creator`,
 * `income_per_investor`, `benefit_per_user` (users' benefit of what they used, per user),
 * `creator_satisfaction` (mean final satisfaction of all starting creators),
 * `top_decile_share` (creators' royalties earned by the best-paid tenth of creators),
 * `mean_tracing_depth`, `median_investor_roi`, `final_gini_creators_wealth`, `collapse_indicator`.
 */
export function runOutcomes(tables: BitrewardsTables, label: string): pl.DataFrame {
  const byType = tables.agent_outcomes.groupBy(["run_id", "agent_type"]).agg(
    pl.col("total_income").sum().alias("income"),
    pl.col("final_satisfaction").mean().alias("satisfaction"),
    pl.col("user_benefit").sum().alias("benefit"),
    pl.len().alias("agents"),
  );
  const pick = (type: string, column: string, alias: string) =>
    byType.filter(pl.col("agent_type").eq(pl.lit(type))).select("run_id", pl.col(column).alias(alias));
  const royalties = pick("CreatorAgent", "income", "creator_income")
    .join(pick("InvestorAgent", "income", "investor_income"), { on: "run_id", how: "left" })
    .join(pick("CreatorAgent", "satisfaction", "creator_satisfaction"), { on: "run_id" })
    .join(pick("CreatorAgent", "agents", "creators"), { on: "run_id" })
    .join(pick("InvestorAgent", "agents", "investors"), { on: "run_id", how: "left" })
    .join(pick("UserAgent", "benefit", "user_benefit"), { on: "run_id", how: "left" })
    .join(pick("UserAgent", "agents", "users"), { on: "run_id", how: "left" })
    .withColumns(
      pl.col("investor_income").fillNull(0),
      pl.col("investors").fillNull(0),
      pl.col("user_benefit").fillNull(0),
      pl.col("users").fillNull(0),
    );
  const top = topDecileShares(tables.agent_outcomes);
  const overTime = tables.timeseries.filter(pl.col("step").gt(0)).groupBy("run_id").agg(
    pl.col("total_fee_distributed").sum().alias("fees"),
    pl.col("upstream_share").mul(pl.col("total_fee_distributed")).sum().alias("upstream_paid"),
    pl.col("mean_tracing_depth").mean().alias("mean_tracing_depth"),
  );
  const royaltiesTotal = pl.col("creator_income").add(pl.col("investor_income"));
  const share = (x: pl.Expr, of: pl.Expr) => pl.when(of.gt(0)).then(x.div(of)).otherwise(pl.lit(0));
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
    pl.col("final_active_creators").lt(pl.col("N_creators"))
      .or(pl.col("final_active_investors").lt(pl.col("N_investors")))
      .or(pl.col("final_active_users").lt(pl.col("N_users"))).cast(pl.Float64).alias("any_left"),
    pl.col("final_active_creators").eq(0)
      .or(pl.col("final_active_investors").eq(0).and(pl.col("N_investors").gt(0)))
      .or(pl.col("final_active_users").eq(0)).cast(pl.Float64).alias("class_gone"),
  ).join(royalties, { on: "run_id" }).join(overTime, { on: "run_id" })
    .join(top, { on: "run_id", how: "left" })
    .withColumns(
      pl.lit(1).sub(pl.col("active_creators_end")).alias("creators_left"),
      pl.col("creators").sub(pl.col("active_creators_end").mul(pl.col("creators"))).round(0).alias(
        "creators_departed",
      ),
      share(pl.col("creator_income"), royaltiesTotal).alias("creator_share"),
      share(pl.col("investor_income"), royaltiesTotal).alias("investor_share"),
      share(pl.col("upstream_paid"), pl.col("fees")).alias("upstream_share"),
      pl.col("upstream_paid").sub(pl.col("investor_income")).alias("upstream_creator_income"),
      share(pl.col("upstream_paid").sub(pl.col("investor_income")), pl.col("fees")).alias(
        "upstream_creator_share",
      ),
      share(pl.col("fees").sub(royaltiesTotal).abs(), pl.col("fees")).alias("royalty_gap"),
      pl.col("creator_income").div(pl.col("creators")).alias("income_per_creator"),
      share(pl.col("investor_income"), pl.col("investors")).alias("income_per_investor"),
      share(pl.col("user_benefit"), pl.col("users")).alias("benefit_per_user"),
      pl.col("top_decile_share").fillNull(0),
      pl.lit(label).alias("scenario"),
    ).drop("upstream_paid").sort("run_id");
}

/**
 * Per run, the share of creators' royalties earned by the best-paid tenth of the creators (at least one
 * creator): 0.1 when all earn alike, 1 when the top tenth earns everything.
 */
export function topDecileShares(agentOutcomes: pl.DataFrame): pl.DataFrame {
  const creators = agentOutcomes.filter(pl.col("agent_type").eq(pl.lit("CreatorAgent")))
    .select("run_id", "total_income").sort(["run_id", "total_income"], [false, true]);
  const rows = new Map<number, number[]>();
  const ids = creators.getColumn("run_id").toArray() as number[];
  const incomes = creators.getColumn("total_income").toArray() as number[];
  ids.forEach((id, i) => {
    const list = rows.get(id) ?? [];
    list.push(incomes[i]);
    rows.set(id, list);
  });
  const runIds = [...rows.keys()];
  const shares = runIds.map((id) => {
    const list = rows.get(id)!; // sorted, largest first
    const total = list.reduce((a, b) => a + b, 0);
    const top = list.slice(0, Math.max(1, Math.ceil(list.length / 10))).reduce((a, b) => a + b, 0);
    return total > 0 ? top / total : 0;
  });
  return pl.DataFrame({ run_id: Int32Array.from(runIds), top_decile_share: Float64Array.from(shares) });
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

/** Everything the report reads: each scenario's tables, per-run outcomes, and the two sweeps. */
export interface BitrewardsResults {
  readonly tables: Record<Compared, BitrewardsTables>;
  /** One row per run of every compared scenario (column `scenario`). */
  readonly outcomes: pl.DataFrame;
  /** One row per run of the tracing sweep. */
  readonly tracing: pl.DataFrame;
  /** One row per run of the gas fee × funding split map. */
  readonly phase: pl.DataFrame;
  /** One row per run at tracing accuracy 0 without false-positive links (`untracedPlan`). */
  readonly untraced: pl.DataFrame;
}

/** The results from tables already computed (see `runBitrewards` in experiments.ts). */
export function resultsFrom(
  tables: Record<Compared, BitrewardsTables>,
  tracing: BitrewardsTables,
  phase: BitrewardsTables,
  untraced: BitrewardsTables,
): BitrewardsResults {
  return {
    tables,
    outcomes: pl.concat(COMPARED.map((name) => runOutcomes(tables[name], name))),
    tracing: runOutcomes(tracing, "tracing"),
    phase: runOutcomes(phase, "phase"),
    untraced: runOutcomes(untraced, "untraced"),
  };
}

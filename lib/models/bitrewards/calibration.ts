/**
 * The calibration's measurements: what a funding returns per run and the break-even funding cost, the
 * income ratio below which churn can happen, and what agents earn against their aspiration.
 */
import pl from "nodejs-polars";
import { median } from "../../analysis/quantiles.ts";
import { spreadOf } from "../../analysis/spread.ts";
import type { BitrewardsParams } from "./params.ts";
import type { BitrewardsTables } from "./tables.ts";

/**
 * What a funding returned, per run: the royalties the run's investors received ÷ the fundings they made
 * (`royalty_per_funding`, fee units), beside what one cost (`funding_cost`) and the run's sweep settings.
 * A funding breaks even when it returns its cost; runs above that line give investors a positive ROI.
 */
export function fundingReturns(tables: BitrewardsTables, label: string): pl.DataFrame {
  const perRun = tables.agent_outcomes.filter(pl.col("agent_type").eq(pl.lit("InvestorAgent")))
    .groupBy("run_id").agg(
      pl.col("total_income").sum().alias("royalties"),
      pl.col("fundings").sum().alias("fundings"),
    );
  return tables.run_summary.select("run_id", "gas_fee_share_rate", "investor_royalty_max", "funding_cost")
    .join(perRun, { on: "run_id" })
    .filter(pl.col("fundings").gt(0))
    .withColumns(
      pl.col("royalties").div(pl.col("fundings")).alias("royalty_per_funding"),
      pl.lit(label).alias("scenario"),
    ).sort("run_id");
}

/** A number rounded to `digits` significant digits (how the calibrated defaults are written). */
export function significant(x: number, digits = 2): number {
  return Number(x.toPrecision(digits));
}

/**
 * The funding cost at which the median run of the reference scenarios breaks even: the median of
 * `royalty_per_funding` over every run given (see `fundingReturns`), to two significant digits. Scenarios
 * paying more than that give investors a positive ROI, those paying less a negative one.
 */
export function breakEvenFundingCost(returns: pl.DataFrame): number {
  return significant(median(returns.getColumn("royalty_per_funding").toArray() as number[]));
}

/**
 * The income, as a share of the aspiration, below which an agent's satisfaction is under the churn
 * threshold: satisfaction = 1 / (1 + exp(−k (ratio − 1))) < θ ⇔ ratio < 1 + ln(θ / (1 − θ)) / k. At or below 0
 * no income is low enough (satisfaction never falls below 1 / (1 + e^k)): churn cannot happen.
 */
export function churnIncomeRatio(k: number, threshold: number): number {
  return 1 + Math.log(threshold / (1 - threshold)) / k;
}

/**
 * Per run and agent class: what the agents earned per step (creators and investors their royalties, users
 * their benefit) against their aspiration — `income_to_aspiration`, the median over the class's agents —
 * beside `churn_ratio`, the ratio below which the run's churn rule counts a step as low (≤ 0: none is), and
 * `left`, the share of the class that left by the end.
 */
export function aspirationCheck(tables: BitrewardsTables, label: string): pl.DataFrame {
  const steps = tables.timeseries.getColumn("step").max() as number;
  const earned = pl.when(pl.col("agent_type").eq(pl.lit("UserAgent"))).then(pl.col("user_benefit"))
    .otherwise(pl.col("total_income"));
  const perRun = tables.agent_outcomes
    .withColumns(earned.div(steps).div(pl.col("aspiration")).alias("ratio"))
    .groupBy(["run_id", "agent_type"]).agg(
      pl.col("ratio").median().alias("income_to_aspiration"),
      pl.col("active_at_end").not().cast(pl.Float64).mean().alias("left"),
    )
    .join(tables.run_summary.select("run_id", "satisfaction_k", "churn_threshold"), { on: "run_id" })
    .sort(["run_id", "agent_type"]);
  const k = perRun.getColumn("satisfaction_k").toArray() as number[];
  const threshold = perRun.getColumn("churn_threshold").toArray() as number[];
  return perRun.withColumns(
    pl.Series("churn_ratio", k.map((x, i) => churnIncomeRatio(x, threshold[i])), pl.Float64),
    pl.lit(label).alias("scenario"),
  );
}

/**
 * The fees users pay in a week at a gas fee share (fee units): users × usage probability × events per
 * active user-week × gross value × the share.
 */
export function weeklyFees(
  p: Pick<BitrewardsParams, "N_users" | "usage_probability" | "lambda_usage_per_step" | "gross_value">,
  gasFeeShare: number,
): number {
  return p.N_users * p.usage_probability * p.lambda_usage_per_step * p.gross_value * gasFeeShare;
}

/**
 * Per scenario (in the order given), what a funding returned over its runs (`fundingReturns` rows tagged
 * with the scenario): the median and 5th–95th percentiles of `royalty_per_funding`, and how many runs
 * returned more than `cost`.
 */
export function returnsByScenario(returns: pl.DataFrame, scenarios: readonly string[], cost: number) {
  return scenarios.map((scenario) => {
    const xs = returns.filter(pl.col("scenario").eq(pl.lit(scenario))).getColumn("royalty_per_funding")
      .toArray() as number[];
    const s = spreadOf(xs);
    return {
      scenario,
      median: s.median,
      p5: s.lo,
      p95: s.hi,
      above: xs.filter((x) => x > cost).length,
      runs: xs.length,
    };
  });
}

/**
 * Per scenario and agent class (both in the order given), from `aspirationCheck` rows tagged with the
 * scenario: the median and 5th–95th percentiles over runs of the earned ÷ aspiration ratio, the churn ratio
 * (one per class: every run of a scenario shares its churn rule), the median share of the class that left,
 * and the runs that lost any of it.
 */
export function earningsByScenario(
  earnings: pl.DataFrame,
  scenarios: readonly string[],
  agentTypes: readonly string[],
) {
  return scenarios.flatMap((scenario) =>
    agentTypes.map((agentType) => {
      const rows = earnings.filter(
        pl.col("scenario").eq(pl.lit(scenario)).and(pl.col("agent_type").eq(pl.lit(agentType))),
      );
      const ratio = spreadOf(rows.getColumn("income_to_aspiration").toArray() as number[]);
      return {
        scenario,
        agentType,
        median: ratio.median,
        p5: ratio.lo,
        p95: ratio.hi,
        churnRatio: rows.getColumn("churn_ratio").toArray()[0] as number,
        left: median(rows.getColumn("left").toArray() as number[]),
        runsLosing: rows.filter(pl.col("left").gt(0)).height,
        runs: rows.height,
      };
    })
  );
}

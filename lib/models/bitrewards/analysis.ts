/**
 * The BITrewards analysis: the reference scenarios, per-run outcomes for the documented expected
 * behaviours, income shares, and the sweeps the notebook draws (tracing accuracy, gas fee × funding).
 */
import pl from "nodejs-polars";
import type { ParamValue } from "../../engine/params.ts";
import { type PlanOptions, planRuns, type RunPlan } from "../../engine/plan.ts";
import { asAgentFrames, runParallel } from "../../engine/simulate.ts";
import type { SweepLists } from "../../engine/sweep.ts";
import { bootstrap, resample } from "../../analysis/bootstrap.ts";
import { median, quantile } from "../../analysis/quantiles.ts";
import { spreadOf } from "../../analysis/spread.ts";
import type { Measured } from "../../notebook/claims.ts";
import { loadScenario, planOptionsOf } from "../../io/config.ts";
import type { DesignWorld } from "./design.ts";
import { bitrewards } from "./model.ts";
import { type BitrewardsTables, bitrewardsTables } from "./tables.ts";
import type { BitrewardsWorld } from "./world.ts";

export const SCENARIOS = [
  "baseline",
  "low_tracing_accuracy",
  "high_funding_share",
  "high_investor_share",
] as const;

/**
 * The plan of a scenario shipped in data/scenarios/bitrewards/ (the design's four or the original's
 * `original_*`), with optional extra parameter values (e.g. a control's churn).
 */
export async function scenarioPlan(name: string, set: Record<string, number> = {}): Promise<RunPlan> {
  const options = await scenarioOptions(name);
  return planRuns(bitrewards, { ...options, set: { ...options.set, ...set } } as PlanOptions);
}

/** A shipped scenario's settings as plan options. */
export async function scenarioOptions(name: string) {
  return planOptionsOf([await loadScenario("bitrewards", name)]);
}

/**
 * Runs a plan over a pool of workers (`workers` threads; default the machine's cores) and builds the three
 * tables (not the per-step agent rows).
 */
export async function runTables(plan: RunPlan, workers?: number): Promise<BitrewardsTables> {
  return bitrewardsTables(asAgentFrames(await runParallel(bitrewards, plan, { events: [], workers })));
}

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
 * `income_per_investor`, `creator_satisfaction` (mean final satisfaction of all starting creators),
 * `top_decile_share` (creators' royalties earned by the best-paid tenth of creators),
 * `mean_tracing_depth`, `median_investor_roi`, `final_gini_creators_wealth`, `collapse_indicator`.
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

/**
 * Median and 5th–95th percentiles over runs of each outcome, per scenario, in the outcomes' display units:
 * one row per (scenario, outcome), scenarios in the order given.
 */
export function scenarioSummary(
  outcomes: pl.DataFrame,
  scenarios: readonly string[],
  outcomeList: readonly OutcomeSpec[] = OUTCOMES,
): {
  scenario: string;
  outcome: string;
  unit: string;
  median: number;
  p5: number;
  p95: number;
  runs: number;
}[] {
  return scenarios.flatMap((scenario) =>
    outcomeList.map((o) => {
      const k = o.scale ?? 1;
      const s = spreadOf(columnOf(outcomes, scenario, o.column).map((v) => v * k));
      return { scenario, outcome: o.label, unit: o.unit, median: s.median, p5: s.lo, p95: s.hi, runs: s.n };
    })
  );
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

/** The funding cost the model had before its calibration (fee units): where the calibration starts. */
export const UNCALIBRATED_FUNDING_COST = 0.1;

/** `fundingReturns` of every run of the four reference scenarios with a funding costing `cost` fee units. */
export async function fundingReturnsAt(cost: number): Promise<pl.DataFrame> {
  const frames: pl.DataFrame[] = [];
  for (const s of SCENARIOS) {
    frames.push(fundingReturns(await runTables(await scenarioPlan(s, { funding_cost: cost })), s));
  }
  return pl.concat(frames);
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

/** Baseline settings with the stricter churn rule of the other scenarios, for like-for-like comparisons. */
export const CONTROL_CHURN = { churn_threshold: 0.2, churn_steps: 20 } as const;

/**
 * The plan of a sweep on the baseline scenario's settings (its own sweep replaced): one group of lists is
 * zipped, several groups are crossed.
 */
export async function sweepPlan(
  sweep: readonly SweepLists[],
  options: { runs: number; set?: Readonly<Record<string, number>>; steps?: number; seed?: string | number },
): Promise<RunPlan> {
  const base = await scenarioOptions("baseline");
  // The baseline's fixed values of the swept parameters give way; `options.set` may not name them.
  const set: Record<string, ParamValue> = { ...base.set };
  for (const name of sweep.flatMap((g) => Object.keys(g))) delete set[name];
  return planRuns(bitrewards, {
    set: { ...set, ...options.set },
    sweep,
    runs: options.runs,
    steps: options.steps ?? base.steps,
    seed: options.seed ?? base.seed,
  });
}

/** Per-run outcomes over a sweep (see `sweepPlan`); the swept key parameters are columns of the result. */
export async function sweepOutcomes(
  sweep: readonly SweepLists[],
  options: { runs: number; set?: Record<string, number> },
): Promise<pl.DataFrame> {
  return runOutcomes(await runTables(await sweepPlan(sweep, options)), "sweep");
}

/** Tracing accuracies of the tracing sweep: 0, 0.1, …, 1. */
export const TRACING_GRID: readonly number[] = Array.from({ length: 11 }, (_, i) => i / 10);

/**
 * The tracing sweep: the baseline's gas fee (0.005) and funding split (0.02) under the control's churn
 * rule, every tracing accuracy of TRACING_GRID, 8 runs each.
 */
export function tracingPlan(): Promise<RunPlan> {
  return sweepPlan([
    { tracing_accuracy: [...TRACING_GRID] },
    { investor_royalty_min: [0.02], investor_royalty_max: [0.02] },
    { gas_fee_share_rate: [0.005] },
  ], { runs: 8, set: CONTROL_CHURN });
}

/**
 * Tracing accuracy 0 with no false-positive links, on the tracing sweep's other settings, 8 runs: every
 * derivative loses all its links, the case the design says is paid as an independent initiator.
 */
export function untracedPlan(): Promise<RunPlan> {
  return sweepPlan([
    { tracing_accuracy: [0] },
    { investor_royalty_min: [0.02], investor_royalty_max: [0.02] },
    { gas_fee_share_rate: [0.005] },
  ], { runs: 8, set: { ...CONTROL_CHURN, tracing_false_positive_rate: 0 } });
}

/** Gas fee shares of the gas × funding map (the design's range 0.001–0.01). */
export const GAS_GRID: readonly number[] = [0.001, 0.0025, 0.005, 0.0075, 0.01];
/** Funding splits of the gas × funding map. */
export const FUNDING_GRID: readonly number[] = [0.01, 0.02, 0.03, 0.05, 0.08];

/** The gas fee × funding split map on the baseline's settings under the control's churn rule, 4 runs a cell. */
export function phasePlan(): Promise<RunPlan> {
  return sweepPlan([
    { gas_fee_share_rate: [...GAS_GRID] },
    { investor_royalty_min: [...FUNDING_GRID], investor_royalty_max: [...FUNDING_GRID] },
  ], { runs: 4, set: CONTROL_CHURN });
}

/**
 * A claim's measured value from per-run values: the median, with the 5–95% range across the runs as its
 * spread. `scale` multiplies every value first (e.g. 100 for percent).
 */
export function measuredOf(
  values: readonly number[],
  unit: string,
  options: { scale?: number; digits?: number; of?: string } = {},
): Measured {
  const k = options.scale ?? 1;
  const s = spreadOf(values.map((v) => v * k));
  return {
    value: s.median,
    unit,
    spread: [s.lo, s.hi],
    spreadLabel: `median; 5–95% of ${s.n} ${options.of ?? "runs"}`,
    ...(options.digits === undefined ? {} : { digits: options.digits }),
  };
}

/** A numeric column of one scenario's runs, in run order. */
export function columnOf(outcomes: pl.DataFrame, scenario: string, column: string): number[] {
  return (outcomes.filter(pl.col("scenario").eq(pl.lit(scenario))).sort("run_id").getColumn(column)
    .toArray() as (number | boolean)[]).map(Number);
}

/**
 * Per-run changes of a column from a comparison scenario to a scenario, run by run: the two runs of a pair
 * share their place in the 2 × 2 sweep and their random stream (every scenario has the same seed and
 * sweep shape), so the pair differs only in the scenario's settings. "ratio" is scenario ÷ comparison,
 * "difference" is scenario − comparison.
 */
export function pairedChange(
  outcomes: pl.DataFrame,
  scenario: string,
  comparison: string,
  column: string,
  how: "ratio" | "difference",
): number[] {
  const a = outcomes.filter(pl.col("scenario").eq(pl.lit(scenario))).select(
    "run_id",
    pl.col(column).alias("a"),
  );
  const b = outcomes.filter(pl.col("scenario").eq(pl.lit(comparison))).select(
    "run_id",
    pl.col(column).alias("b"),
  );
  const joined = a.join(b, { on: "run_id" }).sort("run_id");
  if (joined.height !== a.height || joined.height !== b.height || joined.height === 0) {
    throw new Error(`pairedChange: '${scenario}' and '${comparison}' do not have the same runs`);
  }
  const xs = (joined.getColumn("a").toArray() as number[]).map(Number);
  const ys = (joined.getColumn("b").toArray() as number[]).map(Number);
  return xs.map((x, i) => (how === "ratio" ? x / ys[i] : x - ys[i]));
}

/** Medians over runs of some columns, per cell of a grid of swept parameters, sorted by the keys. */
export function gridMedians(
  outcomes: pl.DataFrame,
  keys: readonly string[],
  columns: readonly string[],
): Record<string, number>[] {
  return outcomes.groupBy([...keys]).agg(...columns.map((c) => pl.col(c).median()))
    .sort([...keys]).toRecords() as Record<string, number>[];
}

/** The largest change of an outcome between two neighbouring points of a grid. */
export interface Jump {
  readonly size: number;
  readonly from: Record<string, number>;
  readonly to: Record<string, number>;
}

/**
 * The largest absolute change of `value` between neighbouring cells of a grid (cells one grid step apart
 * along one key, the other keys equal). With one key this walks a line.
 */
export function largestJump(
  cells: readonly Record<string, number>[],
  keys: readonly string[],
  value: string,
): Jump {
  const levels = keys.map((k) => [...new Set(cells.map((c) => c[k]))].sort((a, b) => a - b));
  const at = new Map(cells.map((c) => [keys.map((k) => c[k]).join("|"), c]));
  let best: Jump | undefined;
  for (const cell of cells) {
    keys.forEach((k, i) => {
      const next = levels[i][levels[i].indexOf(cell[k]) + 1];
      if (next === undefined) return;
      const other = at.get(keys.map((kk) => (kk === k ? next : cell[kk])).join("|"));
      if (!other) return;
      const size = Math.abs(other[value] - cell[value]);
      if (!best || size > best.size) best = { size, from: cell, to: other };
    });
  }
  if (!best) throw new Error("largestJump: the grid has no neighbouring cells");
  return best;
}

/**
 * How concentrated a response along a line is: the largest change between neighbouring points as a
 * share of the total variation (Σ |changes|). 1 / (points − 1) for a straight line, near 1 for a step.
 */
export function largestStepShare(values: readonly number[]): { share: number; index: number } {
  const steps = values.slice(1).map((v, i) => Math.abs(v - values[i]));
  const total = steps.reduce((a, b) => a + b, 0);
  const index = steps.indexOf(Math.max(...steps));
  return { share: total > 0 ? steps[index] / total : 0, index };
}

/** An outcome column as tables show it: its label, unit, and the factor that puts it in that unit. */
export interface OutcomeSpec {
  readonly column: string;
  readonly label: string;
  readonly unit: string;
  readonly scale?: number;
}

/** The per-run outcomes the report's tables show, in their display units. */
export const OUTCOMES: readonly OutcomeSpec[] = [
  { column: "active_creators_end", label: "Creators active at week 240", unit: "% of start", scale: 100 },
  { column: "active_investors_end", label: "Investors active at week 240", unit: "% of start", scale: 100 },
  { column: "active_users_end", label: "Users active at week 240", unit: "% of start", scale: 100 },
  { column: "creator_share", label: "Creators' share of royalties", unit: "%", scale: 100 },
  { column: "investor_share", label: "Investors' share of royalties", unit: "%", scale: 100 },
  { column: "upstream_share", label: "Fees paid to ancestors", unit: "% of fees", scale: 100 },
  { column: "income_per_creator", label: "Royalties per creator", unit: "fee units" },
  { column: "income_per_investor", label: "Royalties per investor", unit: "fee units" },
  { column: "median_investor_roi", label: "Investors' median ROI", unit: "% of budget", scale: 100 },
  { column: "creator_satisfaction", label: "Creators' satisfaction at week 240", unit: "0–1" },
  { column: "final_gini_creators_wealth", label: "Gini of creator wealth at week 240", unit: "0–1" },
  { column: "mean_tracing_depth", label: "Mean depth of paid ancestors", unit: "edges" },
];

/** A change from the control as the comparison table shows it. */
export interface ChangeSpec extends OutcomeSpec {
  readonly how: "ratio" | "difference";
}

/** The run-by-run changes from the control that the expected behaviours speak of. */
export const CHANGES: readonly ChangeSpec[] = [
  {
    column: "upstream_share",
    label: "Fees paid to ancestors",
    how: "difference",
    unit: "points",
    scale: 100,
  },
  { column: "upstream_creator_income", label: "Royalties to upstream creators", how: "ratio", unit: "×" },
  { column: "income_per_creator", label: "Royalties per creator", how: "ratio", unit: "×" },
  { column: "income_per_investor", label: "Royalties per investor", how: "ratio", unit: "×" },
  {
    column: "creator_share",
    label: "Creators' share of royalties",
    how: "difference",
    unit: "points",
    scale: 100,
  },
  {
    column: "investor_share",
    label: "Investors' share of royalties",
    how: "difference",
    unit: "points",
    scale: 100,
  },
  {
    column: "median_investor_roi",
    label: "Investors' median ROI",
    how: "difference",
    unit: "points",
    scale: 100,
  },
  { column: "creator_satisfaction", label: "Creators' satisfaction", how: "difference", unit: "0–1" },
  { column: "creators_departed", label: "Creators who left", how: "difference", unit: "creators" },
];

/** Per scenario and change: the median of the run-by-run changes from a comparison, and their 5–95%. */
export function changeSummary(
  outcomes: pl.DataFrame,
  scenarios: readonly string[],
  comparison: string,
  changeList: readonly ChangeSpec[] = CHANGES,
): {
  scenario: string;
  outcome: string;
  how: string;
  median: number;
  p5: number;
  p95: number;
  pairs: number;
}[] {
  return scenarios.flatMap((scenario) =>
    changeList.map((c) => {
      const k = c.scale ?? 1;
      const s = spreadOf(pairedChange(outcomes, scenario, comparison, c.column, c.how).map((v) => v * k));
      const how = c.how === "ratio" ? "÷ control (×)" : `− control (${c.unit})`;
      return { scenario, outcome: c.label, how, median: s.median, p5: s.lo, p95: s.hi, pairs: s.n };
    })
  );
}

/** A sweep's per-run outcomes and the swept keys whose combinations make its cells. */
export interface Grid {
  readonly outcomes: pl.DataFrame;
  readonly keys: readonly string[];
}

/** A statistic of grids of per-cell medians: one list of cells per grid, each with its keys and `value`. */
export type GridStatistic = (grids: readonly Record<string, number>[][]) => number;

/**
 * A statistic of the grids of per-cell medians of a column, and its spread: the 5th–95th percentiles of
 * the statistic over bootstrap resamplings, each drawing every cell's runs again with replacement.
 */
export function bootstrapGrids(
  grids: readonly Grid[],
  column: string,
  statistic: GridStatistic,
  options: { resamples?: number; seed?: number } = {},
): { value: number; p5: number; p95: number; resamples: number } {
  const resamples = options.resamples ?? 1000;
  const cellsOf = grids.map(({ outcomes, keys }) => {
    const rows = outcomes.select(...keys, column).toRecords() as Record<string, number>[];
    const cells = new Map<string, { key: Record<string, number>; values: number[] }>();
    for (const row of rows) {
      const id = keys.map((k) => row[k]).join("|");
      const cell = cells.get(id) ?? { key: Object.fromEntries(keys.map((k) => [k, row[k]])), values: [] };
      cell.values.push(Number(row[column]));
      cells.set(id, cell);
    }
    // Cells in the order of their keys, so a one-key grid is a line from its lowest value up.
    return [...cells.values()].sort((a, b) => {
      for (const k of keys) if (a.key[k] !== b.key[k]) return a.key[k] - b.key[k];
      return 0;
    });
  });
  const build = (draw: (values: number[]) => number) =>
    cellsOf.map((cells) => cells.map((c) => ({ ...c.key, value: draw(c.values) })));
  const value = statistic(build(median));
  const draws = bootstrap(
    (rng) => statistic(build((values) => median(resample(values, rng)))),
    { resamples, seed: options.seed ?? 1 },
  );
  return { value, p5: quantile(draws, 0.05), p95: quantile(draws, 0.95), resamples };
}

/** The largest change of the median between neighbouring cells over all grids (see `largestJump`). */
export function largestJumpOf(keys: readonly (readonly string[])[]): GridStatistic {
  return (grids) => Math.max(...grids.map((cells, i) => largestJump(cells, keys[i], "value").size));
}

/** A claim's measured value from a bootstrapped statistic (see `bootstrapGrids`). */
export function measuredOfBootstrap(
  b: { value: number; p5: number; p95: number; resamples: number },
  unit: string,
  options: { scale?: number; digits?: number } = {},
): Measured {
  const k = options.scale ?? 1;
  return {
    value: b.value * k,
    unit,
    spread: [b.p5 * k, b.p95 * k],
    spreadLabel: `from the runs' medians; 5–95% of ${
      b.resamples.toLocaleString("en-US")
    } resamplings of each setting's runs`,
    ...(options.digits === undefined ? {} : { digits: options.digits }),
  };
}

/** The runs the report compares: the four reference scenarios and the control. */
export const COMPARED = [
  "baseline",
  "control",
  "low_tracing_accuracy",
  "high_funding_share",
  "high_investor_share",
] as const;
export type Compared = typeof COMPARED[number];

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

/** The results from tables already computed (see `bitrewardsResults`). */
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

/**
 * Runs everything the report reads, each plan over a pool of workers: the four reference scenarios, the
 * control (the baseline under the other scenarios' churn rule), the tracing sweep, the gas × funding map and
 * the untraced runs.
 */
export async function bitrewardsResults(): Promise<BitrewardsResults> {
  const tables = {} as Record<Compared, BitrewardsTables>;
  for (const name of SCENARIOS) tables[name] = await runTables(await scenarioPlan(name));
  tables.control = await runTables(await scenarioPlan("baseline", CONTROL_CHURN));
  return resultsFrom(
    tables,
    await runTables(await tracingPlan()),
    await runTables(await phasePlan()),
    await runTables(await untracedPlan()),
  );
}

/** A small run's contribution graph: nodes placed by creation step and project, coloured by type. */
export function graphPicture(world: BitrewardsWorld) {
  const { ledger } = world as Partial<DesignWorld>;
  if (!ledger) throw new Error('graphPicture: the run must follow the design rules (rules = "design")');
  const { contributions } = ledger;
  const nodes = contributions.map((c) => ({
    id: c.id,
    x: c.createdStep + ((c.id * 0.618) % 1) * 0.8,
    y: c.project + ((c.id * 0.382) % 1) * 0.7,
    group: c.type.replaceAll("_", " "),
  }));
  const edges = contributions.flatMap((c) =>
    ledger.parentsOf(c.id).map((parent) => ({ source: parent, target: c.id }))
  );
  // Links between creators' contributions: drawn by the creator, and recorded by tracing (true links;
  // false positives are counted apart).
  const derivatives = contributions.filter((c) => c.parents.length > 0);
  const traced = (c: { id: number; parents: readonly number[] }) =>
    ledger.parentsOf(c.id).filter((p) => c.parents.includes(p)).length;
  const summary = {
    contributions: contributions.length,
    fundings: contributions.filter((c) => c.type === "funding").length,
    initiators: contributions.filter((c) => c.type !== "funding" && c.parents.length === 0).length,
    derivatives: derivatives.length,
    linksDrawn: derivatives.reduce((n, c) => n + c.parents.length, 0),
    linksRecorded: derivatives.reduce((n, c) => n + traced(c), 0),
    /** Derivatives with no recorded link at all (true or false): paid as independent initiators. */
    untraced: derivatives.filter((c) => ledger.parentsOf(c.id).length === 0).length,
    /** Links tracing recorded to contributions that were not parents (false positives). */
    falseLinks: contributions.reduce((n, c) => n + c.falseParents.length, 0),
    projects: new Set(contributions.map((c) => c.project)).size,
  };
  return { nodes, edges, summary };
}

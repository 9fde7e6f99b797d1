/**
 * The report's tables of per-run outcomes: one scenario's column, run-by-run changes against a comparison
 * scenario, and per-scenario summaries (median and 5th–95th percentiles) in display units.
 */
import pl from "nodejs-polars";
import { spreadOf } from "../../analysis/spread.ts";

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

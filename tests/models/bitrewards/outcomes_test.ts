/**
 * BITrewards outcomes: per-run outcomes, summaries, sweep statistics, the calibration's measurements and the
 * graph picture, on small hand-made tables worked by hand and on small runs (see docs/models/bitrewards.md).
 */
import { assert, assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import pl from "nodejs-polars";
import { runWorld } from "@lib/engine/agents.ts";
import { resolveParams } from "@lib/engine/params.ts";
import { median } from "@lib/analysis/quantiles.ts";
import {
  aspirationCheck,
  breakEvenFundingCost,
  churnIncomeRatio,
  earningsByScenario,
  fundingReturns,
  returnsByScenario,
  significant,
  weeklyFees,
} from "@lib/models/bitrewards/calibration.ts";
import { graphPicture } from "@lib/models/bitrewards/figures.ts";
import { measuredOf, measuredOfBootstrap, measuredShareOfRuns } from "@lib/models/bitrewards/measured.ts";
import { claim } from "@lib/notebook/claim.ts";
import { atLeast, atMost } from "@lib/notebook/criteria.ts";
import { bitrewards } from "@lib/models/bitrewards/model.ts";
import {
  activeFractions,
  incomeByRole,
  runOutcomes,
  topDecileShares,
} from "@lib/models/bitrewards/outcomes.ts";
import { bitrewardsParams } from "@lib/models/bitrewards/params.ts";
import { changeSummary, columnOf, pairedChange, scenarioSummary } from "@lib/models/bitrewards/summaries.ts";
import {
  bootstrapGrids,
  gridMedians,
  gridShape,
  largestJump,
  largestJumpOf,
  largestJumpShareOf,
  largestStepShare,
  roiBoundary,
  spansAt,
} from "@lib/models/bitrewards/sweeps.ts";
import type { BitrewardsTables } from "@lib/models/bitrewards/tables.ts";
import { SMALL, smallTables } from "./small_runs.ts";

/** A frame whose run_id is Int32, as the model's tables hold it. */
const frame = (columns: Record<string, unknown[]>) =>
  pl.DataFrame(columns).withColumns(pl.col("run_id").cast(pl.Int32));

/**
 * One run by hand: 2 creators (a developer earning 3, a scientist earning 1; satisfaction 0.4 and 0.8), one
 * investor earning 1, one user. Week 0 is the start (its fees are not counted); weeks 1 and 2 pay fees of 2
 * and 3 with half and a third of them to ancestors, at tracing depths 1 and 2. One creator has left.
 */
const HAND: BitrewardsTables = {
  run_summary: frame({
    run_id: [1],
    gas_fee_share_rate: [0.005],
    investor_royalty_max: [0.02],
    tracing_accuracy: [0.8],
    median_investor_roi: [0.01],
    final_gini_creators_wealth: [0.25],
    collapse_indicator: [0],
    N_creators: [2],
    N_investors: [1],
    N_users: [1],
    final_active_creators: [1],
    final_active_investors: [1],
    final_active_users: [1],
    avg_active_creators: [1.5],
    avg_active_users: [1],
  }),
  agent_outcomes: frame({
    run_id: [1, 1, 1, 1],
    agent_type: ["CreatorAgent", "CreatorAgent", "InvestorAgent", "UserAgent"],
    role: ["developer", "scientist", "", ""],
    total_income: [3, 1, 1, 0],
    user_benefit: [0, 0, 0, 2.5],
    final_satisfaction: [0.4, 0.8, 0.5, 0.9],
  }),
  timeseries: frame({
    run_id: [1, 1, 1],
    step: [0, 1, 2],
    total_fee_distributed: [99, 2, 3],
    upstream_share: [1, 0.5, 1 / 3],
    mean_tracing_depth: [0, 1, 2],
    active_creators: [2, 2, 1],
    active_investors: [1, 1, 1],
    active_users: [1, 1, 1],
  }),
};

Deno.test("run outcomes by hand: shares of royalties and fees, departures, the top tenth", () => {
  const [o] = runOutcomes(HAND, "hand").toRecords();
  // Fees of weeks 1 and 2: 5, all received (3 + 1 by creators, 1 by the investor).
  assertEquals([o.fees, o.royalty_gap, o.creator_income, o.investor_income], [5, 0, 4, 1]);
  assertAlmostEquals(o.creator_share as number, 4 / 5, 1e-12);
  assertAlmostEquals(o.investor_share as number, 1 / 5, 1e-12);
  // Paid upstream: 2 × 0.5 + 3 × 1/3 = 2 of 5; the investor's 1 of it, so creators get 1 as ancestors.
  assertAlmostEquals(o.upstream_share as number, 0.4, 1e-12);
  assertAlmostEquals(o.upstream_creator_income as number, 1, 1e-12);
  assertAlmostEquals(o.upstream_creator_share as number, 0.2, 1e-12);
  assertEquals([o.income_per_creator, o.income_per_investor, o.creator_satisfaction], [
    2,
    1,
    0.6000000000000001,
  ]);
  // One of two creators left: half gone, one departure; on average 1.5 of 2 were active.
  assertEquals([o.active_creators_end, o.creators_left, o.creators_departed, o.active_creators_mean], [
    0.5,
    0.5,
    1,
    0.75,
  ]);
  assertEquals([o.any_left, o.class_gone], [1, 0]);
  // Two creators: the top tenth is one creator, the one earning 3 of 4.
  assertEquals(o.top_decile_share, 0.75);
  assertEquals([o.mean_tracing_depth, o.scenario], [1.5, "hand"]);
  // The one user's benefit, apart from royalties.
  assertEquals(o.benefit_per_user, 2.5);
});

Deno.test("active fractions and royalties by role, by hand", () => {
  const creators = activeFractions(HAND, "hand").filter(pl.col("agent_type").eq(pl.lit("creators")));
  assertEquals(creators.getColumn("fraction").toArray(), [1, 1, 0.5]);
  const roles = incomeByRole(HAND).toRecords();
  // 3, 1 and 1 of the 5 paid; one agent of each per run.
  assertEquals([roles[0].earner, roles[0].agents_per_run], ["developer", 1]);
  assertAlmostEquals(roles[0].share_of_royalties as number, 0.6, 1e-12);
  assertEquals(
    roles.slice(1).map((x) => [x.earner, x.share_of_royalties]).sort(),
    [["investor", 0.2], ["scientist", 0.2]],
  );
});

Deno.test("changes against a comparison by hand: ratio, difference in points, and the summary's rows", () => {
  const frame = pl.DataFrame({
    run_id: [1, 2, 3, 1, 2, 3],
    scenario: ["a", "a", "a", "b", "b", "b"],
    v: [2, 6, 3, 1, 3, 3],
  });
  const [ratio] = changeSummary(frame, ["a"], "b", [{ column: "v", label: "V", how: "ratio", unit: "×" }]);
  // Ratios 2, 2, 1: median 2; 5th percentile 1 + 0.1 × (2 − 1) = 1.1.
  assertEquals(ratio, {
    scenario: "a",
    outcome: "V",
    how: "÷ control (×)",
    median: 2,
    p5: 1.1,
    p95: 2,
    pairs: 3,
  });
  const [diff] = changeSummary(frame, ["a"], "b", [
    { column: "v", label: "V", how: "difference", unit: "points", scale: 100 },
  ]);
  // Differences 1, 3, 0 (× 100): median 100.
  assertEquals([diff.how, diff.median, diff.pairs], ["− control (points)", 100, 3]);
  const [summary] = scenarioSummary(frame, ["b"], [{ column: "v", label: "V", unit: "u", scale: 10 }]);
  assertEquals([summary.median, summary.runs, summary.unit], [30, 3, "u"]);
  assertEquals(gridShape(pl.DataFrame({ a: [1, 1, 2, 2, 2, 2], b: [1, 1, 1, 1, 2, 2] }), ["a", "b"]), {
    cells: 3,
    runs: 2,
  });
});

Deno.test("the calibration's tables by hand: weekly fees, returns per scenario, earnings per class", () => {
  // 60 users × 0.6 × 5 events × 1 gross value × 0.005 = 0.9 fee units a week.
  const params = { N_users: 60, usage_probability: 0.6, lambda_usage_per_step: 5, gross_value: 1 };
  assertAlmostEquals(weeklyFees(params, 0.005), 0.9, 1e-12);
  const returns = pl.DataFrame({
    scenario: ["x", "x", "x", "y"],
    royalty_per_funding: [0.01, 0.02, 0.03, 0.005],
  });
  const [y, x] = returnsByScenario(returns, ["y", "x"], 0.012);
  assertEquals(y, { scenario: "y", median: 0.005, p5: 0.005, p95: 0.005, above: 0, runs: 1 });
  // Three runs: the 5th and 95th percentiles are a tenth of a step in from either end.
  assertEquals([x.scenario, x.median, x.above, x.runs], ["x", 0.02, 2, 3]);
  assertAlmostEquals(x.p5, 0.011, 1e-12);
  assertAlmostEquals(x.p95, 0.029, 1e-12);
  const earnings = pl.DataFrame({
    scenario: ["x", "x", "x", "x"],
    agent_type: ["CreatorAgent", "CreatorAgent", "UserAgent", "UserAgent"],
    income_to_aspiration: [1, 3, 0.5, 0.5],
    churn_ratio: [-0.1, -0.1, -0.1, -0.1],
    left: [0, 0.2, 0, 0],
  });
  const [creators, users] = earningsByScenario(earnings, ["x"], ["CreatorAgent", "UserAgent"]);
  assertEquals(creators, {
    scenario: "x",
    agentType: "CreatorAgent",
    median: 2,
    p5: 1.1,
    p95: 2.9,
    churnRatio: -0.1,
    left: 0.1,
    runsLosing: 1,
    runs: 2,
  });
  assertEquals([users.median, users.left, users.runsLosing], [0.5, 0, 0]);
});

Deno.test("a claim's measured value from per-run values: the median, the 5–95% spread, the runs counted", () => {
  const m = measuredOf([0.1, 0.2, 0.3], "%", { scale: 100 });
  assertAlmostEquals(m.value, 20, 1e-9);
  assertEquals(m.unit, "%");
  assertEquals(m.spread, [11, 29]);
  assert(m.spreadLabel!.includes("3 runs"));
  assertThrows(() => measuredOf([0.1, NaN], "%"), Error, "not a finite number");
});

Deno.test("a share of runs as a claim measures it: % of all runs, scenarios' range, resampled shares as evidence", () => {
  // 1 of 4 runs in one scenario, 0 of 4 in the other: 12.5% of 8 runs, scenarios 0–25%.
  const m = measuredShareOfRuns([[0, 1, 0, 0], [0, 0, 0, 0]], "class_gone");
  assertEquals([m.value, m.unit, m.spread], [12.5, "%", [0, 25]]);
  assert(m.spreadLabel!.includes("8 runs") && m.spreadLabel!.includes("2 scenarios"));
  const draws = m.evidence!.values;
  assertEquals([draws.length, m.evidence!.resampled], [1000, true]);
  // Each resample's share is a whole number of the 8 runs' 12.5% steps, and the same seed redraws it.
  assert(draws.every((x) => Number.isInteger(x / 12.5) && x >= 0 && x <= 100));
  assertEquals(measuredShareOfRuns([[0, 1, 0, 0], [0, 0, 0, 0]], "class_gone").evidence!.values, draws);
  // The stability is the share of resamples giving the verdict: "≤ 0%" fails wherever the one run is
  // drawn, i.e. in all but (7/8)^8 ≈ 34% of resamples.
  const c = claim({
    id: "x",
    quote: "q",
    where: "w",
    title: "T",
    reason: "r",
    quantity: "runs",
    criterion: atMost(0, "%"),
    measured: m,
    expected: "does not hold",
  });
  const agree = draws.filter((x) => x > 0).length / draws.length;
  assertEquals(c.robustness.stability, agree);
  assertAlmostEquals(agree, 1 - (7 / 8) ** 8, 0.05);
  // Equal runs: every resample gives the same share, so the value is exact.
  const none = measuredShareOfRuns([[0, 0], [0, 0]], "any_left");
  assertEquals([none.value, none.evidence!.values.every((x) => x === 0)], [0, true]);
});

Deno.test("a bootstrapped statistic as a claim measures it: the resampled statistics are its stability's evidence", () => {
  const b = { value: 0.2, p5: 0.1, p95: 0.4, resamples: 4, draws: [0.1, 0.2, 0.3, 0.6] };
  const m = measuredOfBootstrap(b, "%", { scale: 100 });
  assertEquals([m.value, m.spread], [20, [10, 40]]);
  assertEquals(m.evidence, { values: [10, 20, 30, 60], resampled: true });
  const c = claim({
    id: "y",
    quote: "q",
    where: "w",
    title: "T",
    reason: "r",
    quantity: "a largest change",
    criterion: atLeast(50, "%"),
    measured: m,
    expected: "does not hold",
  });
  // 3 of the 4 resampled statistics are below 50%, as the value is.
  assertEquals(c.robustness.stability, 0.75);
});

Deno.test("neighbouring jumps and step shares on hand-made grids", () => {
  const grid = [
    { a: 1, b: 1, v: 0 },
    { a: 2, b: 1, v: 1 },
    { a: 1, b: 2, v: 0.5 },
    { a: 2, b: 2, v: 5 },
  ];
  const j = largestJump(grid, ["a", "b"], "v");
  assertEquals(j.size, 4.5);
  assertEquals([j.from.a, j.from.b, j.to.a, j.to.b], [1, 2, 2, 2]);
  // Diagonal cells are not neighbours: (1,1) → (2,2) would be 5.
  assertEquals(largestJump([{ x: 0, v: 0 }, { x: 1, v: 2 }, { x: 2, v: 3 }], ["x"], "v").size, 2);
  assertThrows(() => largestJump([{ x: 0, v: 1 }], ["x"], "v"), Error, "no neighbouring");
  assertAlmostEquals(largestStepShare([0, 1, 2, 3, 4]).share, 0.25, 1e-12);
  assertEquals(largestStepShare([0, 0, 10, 10]), { share: 1, index: 1 });
  assertEquals(largestStepShare([2, 2, 2]).share, 0);
});

Deno.test("bootstrap: the statistic of the medians, a spread that is reproducible and collapses for equal runs", () => {
  const outcomes = pl.DataFrame({ x: [0, 0, 0, 1, 1, 1], v: [1, 1, 1, 3, 3, 3] });
  const flat = bootstrapGrids([{ outcomes, keys: ["x"] }], "v", largestJumpOf([["x"]]), { resamples: 50 });
  assertEquals([flat.value, flat.p5, flat.p95], [2, 2, 2]);
  const noisy = pl.DataFrame({ x: [0, 0, 0, 1, 1, 1], v: [1, 2, 6, 3, 4, 9] });
  const a = bootstrapGrids([{ outcomes: noisy, keys: ["x"] }], "v", largestJumpOf([["x"]]), { seed: 4 });
  const b = bootstrapGrids([{ outcomes: noisy, keys: ["x"] }], "v", largestJumpOf([["x"]]), { seed: 4 });
  assertEquals(a, b);
  assertEquals(a.value, 2);
  assert(a.p5 <= a.p95 && a.resamples === 1000 && a.draws.length === 1000);
});

Deno.test("bootstrap: a highest value's upward bias is taken out of the draws, so its interval holds the value", () => {
  // Two cells whose medians tie at 5: a resampled median of either can only stay or move, and the higher of
  // the two moves up more often than down, so uncorrected draws sit above the runs' highest median.
  const outcomes = pl.DataFrame({ x: [0, 0, 0, 1, 1, 1], v: [1, 5, 9, 1, 5, 9] });
  const highest = (grids: readonly Record<string, number>[][]) => Math.max(...grids[0].map((c) => c.value));
  const b = bootstrapGrids([{ outcomes, keys: ["x"] }], "v", highest, { seed: 2 });
  assertEquals(b.value, 5);
  assert(b.bias > 0.5, `bias ${b.bias}`);
  const mean = b.draws.reduce((s, x) => s + x, 0) / b.draws.length;
  assertAlmostEquals(mean, b.value, 1e-9);
  assert(b.p5 < b.value && b.value < b.p95, `${b.p5}–${b.p95}`);
  // A statistic without bias (the same cell's median) is left where it was, up to the resampling's noise.
  const first = (grids: readonly Record<string, number>[][]) => grids[0][0].value;
  assert(Math.abs(bootstrapGrids([{ outcomes, keys: ["x"] }], "v", first, { seed: 2 }).bias) < 0.3);
});

Deno.test("top decile share: the best-paid tenth's part of creators' royalties, per run", () => {
  const agents = pl.DataFrame({
    run_id: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2],
    agent_type: [...Array(10).fill("CreatorAgent"), "InvestorAgent", "CreatorAgent", "CreatorAgent"],
    total_income: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100, 0, 0],
  });
  const shares = topDecileShares(agents).sort("run_id").toRecords();
  assertAlmostEquals(shares[0].top_decile_share as number, 10 / 55, 1e-12);
  assertEquals(shares[1].top_decile_share, 0);
});

Deno.test("run outcomes: shares add up, fees are all paid, departures counted, tracing 0 pays no creator upstream", () => {
  const t = smallTables({ churn_threshold: 0.6, churn_steps: 3, tracing_false_positive_rate: 0 }, {
    tracing_accuracy: [0, 0.8],
  });
  const o = runOutcomes(t, "x");
  assertEquals(o.height, 4);
  for (const row of o.toRecords()) {
    assertAlmostEquals((row.creator_share as number) + (row.investor_share as number), 1, 1e-12);
    assert((row.royalty_gap as number) < 1e-9, "fees equal royalties received");
    assertAlmostEquals(row.creators_departed as number, 10 * (row.creators_left as number), 1e-9);
    assert((row.top_decile_share as number) >= 0.1 - 1e-12 && (row.top_decile_share as number) <= 1);
    if (row.tracing_accuracy === 0) assert(Math.abs(row.upstream_creator_share as number) < 1e-9);
    assertEquals(row.scenario, "x");
  }
  assert(o.getColumn("creators_departed").sum() > 0, "the harsh churn rule makes creators leave");
  const s = scenarioSummary(o, ["x"]);
  assertEquals(s.length, 12);
  assert(s.every((row) => Number.isFinite(row.median) && row.p5 <= row.median && row.median <= row.p95));
});

Deno.test("run-by-run changes pair runs by their place in the sweep and refuse scenarios of other shapes", () => {
  const frame = pl.DataFrame({ run_id: [1, 2, 1, 2], scenario: ["a", "a", "b", "b"], v: [2, 6, 1, 3] });
  assertEquals(pairedChange(frame, "a", "b", "v", "ratio"), [2, 2]);
  assertEquals(pairedChange(frame, "a", "b", "v", "difference"), [1, 3]);
  assertEquals(columnOf(frame, "b", "v"), [1, 3]);
  const odd = pl.DataFrame({ run_id: [1, 2, 1], scenario: ["a", "a", "b"], v: [2, 6, 1] });
  assertThrows(() => pairedChange(odd, "a", "b", "v", "ratio"), Error, "same runs");
});

Deno.test("the graph picture counts what its caption says", () => {
  const params = resolveParams(bitrewardsParams, { ...SMALL, tracing_accuracy: 0.5 }, "bitrewards");
  const world = runWorld(bitrewards, params, { steps: 15, seed: 2 });
  const { nodes, edges, summary } = graphPicture(world);
  assertEquals(nodes.length, summary.contributions);
  assertEquals(summary.contributions, summary.initiators + summary.fundings + summary.derivatives);
  assertEquals(edges.length, summary.linksRecorded + summary.fundings + summary.falseLinks);
  assert(summary.linksRecorded <= summary.linksDrawn && summary.untraced <= summary.derivatives);
  assert(nodes.every((n) => !n.group.includes("_")), "types in words");
  const cells = gridMedians(pl.DataFrame({ k: [1, 1, 2], v: [1, 3, 5] }), ["k"], ["v"]);
  assertEquals(cells, [{ k: 1, v: 2 }, { k: 2, v: 5 }]);
});

Deno.test("calibration: what a funding returns, the break-even cost, and aspirations against earnings", () => {
  const t = smallTables({ funding_cost: 0.05 }, { gas_fee_share_rate: [0.003, 0.008] });
  const returns = fundingReturns(t, "x");
  assertEquals(returns.height, 4);
  const investors = t.agent_outcomes.filter(pl.col("agent_type").eq(pl.lit("InvestorAgent")));
  for (const row of returns.toRecords()) {
    const mine = investors.filter(pl.col("run_id").eq(row.run_id as number));
    const royalties = mine.getColumn("total_income").sum() as number;
    const fundings = mine.getColumn("fundings").sum() as number;
    assertAlmostEquals(row.royalty_per_funding as number, royalties / fundings, 1e-12);
    assertEquals([row.funding_cost, row.scenario], [0.05, "x"]);
  }
  const per = returns.getColumn("royalty_per_funding").toArray() as number[];
  assertEquals(breakEvenFundingCost(returns), significant(median(per)));
  assertEquals([significant(0.012345), significant(0.0996), significant(123.4, 1)], [0.012, 0.1, 100]);
  // Churn needs income under 7.6% of the aspiration at k 1.5 and threshold 0.2; none at threshold 0.1.
  assertAlmostEquals(churnIncomeRatio(1.5, 0.2), 1 - Math.log(4) / 1.5, 1e-12);
  assert(churnIncomeRatio(1.5, 0.1) < 0, "satisfaction never falls below 1 / (1 + e^1.5) ≈ 0.18");
  assertAlmostEquals(churnIncomeRatio(2, 0.5), 1, 1e-12);
  const check = aspirationCheck(t, "x");
  assertEquals(check.height, 4 * 3, "one row per run and class");
  const users = t.agent_outcomes.filter(
    pl.col("agent_type").eq(pl.lit("UserAgent")).and(pl.col("run_id").eq(1)),
  );
  const ratios = (users.getColumn("user_benefit").toArray() as number[]).map((b, i) =>
    b / 30 / (users.getColumn("aspiration").toArray() as number[])[i]
  );
  const row = check.filter(pl.col("run_id").eq(1).and(pl.col("agent_type").eq(pl.lit("UserAgent"))))
    .toRecords()[0];
  assertAlmostEquals(row.income_to_aspiration as number, median(ratios), 1e-12);
  assertAlmostEquals(row.churn_ratio as number, churnIncomeRatio(1.5, 0.1), 1e-12);
});

Deno.test("the map by hand: spans at each level of a key, and where ROI changes sign in gas fee × split", () => {
  const cells = [
    {
      gas_fee_share_rate: 0.002,
      investor_royalty_max: 0.01,
      investor_share: 0.1,
      median_investor_roi: -0.02,
    },
    { gas_fee_share_rate: 0.002, investor_royalty_max: 0.05, investor_share: 0.4, median_investor_roi: 0.01 },
    { gas_fee_share_rate: 0.004, investor_royalty_max: 0.01, investor_share: 0.15, median_investor_roi: 0 },
    {
      gas_fee_share_rate: 0.004,
      investor_royalty_max: 0.05,
      investor_share: 0.25,
      median_investor_roi: 0.03,
    },
  ];
  // At gas 0.002 the share moves 0.1 → 0.4 across splits; at 0.004, 0.15 → 0.25.
  const atGas = spansAt(cells, "gas_fee_share_rate", "investor_share");
  assertAlmostEquals(atGas[0], 0.3, 1e-12);
  assertAlmostEquals(atGas[1], 0.1, 1e-12);
  // At split 0.01 it moves 0.1 → 0.15 across gas fees; at 0.05, 0.4 → 0.25.
  const atSplit = spansAt(cells, "investor_royalty_max", "investor_share");
  assertAlmostEquals(atSplit[0], 0.05, 1e-12);
  assertAlmostEquals(atSplit[1], 0.15, 1e-12);
  // Products 2e-5 (loses), 4e-5 (loses at ROI 0), 1e-4 and 2e-4 (gain): a clean boundary between 4e-5 and 1e-4.
  const b = roiBoundary(cells);
  assertAlmostEquals(b.maxLosing, 4e-5, 1e-18);
  assertAlmostEquals(b.minGaining, 1e-4, 1e-18);
  // No losing cell: nothing bounds the gains from below.
  assertEquals(roiBoundary(cells.slice(1, 2)).maxLosing, -Infinity);
});

Deno.test("largestJumpShareOf: the largest neighbouring step as a share of each grid's range, by hand", () => {
  // Line: 0, 1, 4, 4 — range 4, largest step 3: 75%. Map 2 × 2: 0, 1 / 1, 2 — range 2, steps of 1: 50%.
  const line = [0, 1, 4, 4].map((value, i) => ({ t: i, value }));
  const map = [[0, 0, 0], [0, 1, 1], [1, 0, 1], [1, 1, 2]].map(([a, b, value]) => ({ a, b, value }));
  assertAlmostEquals(largestJumpShareOf([["t"]])([line]), 0.75, 1e-12);
  assertAlmostEquals(largestJumpShareOf([["a", "b"]])([map]), 0.5, 1e-12);
  assertAlmostEquals(largestJumpShareOf([["a", "b"], ["t"]])([map, line]), 0.75, 1e-12);
  assertEquals(largestJumpShareOf([["t"]])([[{ t: 0, value: 3 }, { t: 1, value: 3 }]]), 0);
});

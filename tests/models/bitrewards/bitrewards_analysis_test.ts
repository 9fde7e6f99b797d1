/**
 * BITrewards analysis: per-run outcomes on small runs, the statistics the claims read (quantiles, run-by-run
 * changes, neighbouring jumps, bootstrap spreads), and the claims themselves (see docs/models/bitrewards.md).
 */
import { assert, assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import pl from "nodejs-polars";
import { runAgents } from "@lib/engine/simulate.ts";
import { planRuns } from "@lib/engine/plan.ts";
import { runWorld } from "@lib/engine/agents.ts";
import { resolveParams } from "@lib/engine/params.ts";
import {
  aspirationCheck,
  bootstrapGrids,
  breakEvenFundingCost,
  changeSummary,
  churnIncomeRatio,
  columnOf,
  COMPARED,
  fundingReturns,
  graphPicture,
  gridMedians,
  largestJump,
  largestJumpOf,
  largestStepShare,
  measuredOf,
  pairedChange,
  resultsFrom,
  runOutcomes,
  scenarioSummary,
  significant,
  topDecileShares,
} from "@lib/models/bitrewards/analysis.ts";
import { median } from "@lib/analysis/quantiles.ts";
import { bitrewardsClaims } from "@lib/models/bitrewards/claims.ts";
import { bitrewards } from "@lib/models/bitrewards/model.ts";
import { bitrewardsParams } from "@lib/models/bitrewards/params.ts";
import { type BitrewardsTables, bitrewardsTables } from "@lib/models/bitrewards/tables.ts";

const small = { N_creators: 10, N_investors: 2, N_users: 20 };

/** Tables of small runs; several sweep groups are crossed. */
function tables(
  set: Record<string, number>,
  sweep: Record<string, number[]> | Record<string, number[]>[],
  runs = 2,
  steps = 30,
) {
  return bitrewardsTables(
    runAgents(bitrewards, planRuns(bitrewards, { set: { ...small, ...set }, sweep, runs, steps, seed: 9 })),
  );
}

Deno.test("a claim's measured value from per-run values: the median, the 5–95% spread, the runs counted", () => {
  const m = measuredOf([0.1, 0.2, 0.3], "%", { scale: 100 });
  assertAlmostEquals(m.value, 20, 1e-9);
  assertEquals(m.unit, "%");
  assertEquals(m.spread, [11, 29]);
  assert(m.spreadLabel!.includes("3 runs"));
  assertThrows(() => measuredOf([0.1, NaN], "%"), Error, "not a finite number");
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
  assert(a.p5 <= a.p95 && a.resamples === 1000);
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
  const t = tables({ churn_threshold: 0.6, churn_steps: 3, tracing_false_positive_rate: 0 }, {
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

Deno.test("claims: every expectation and question gets a verdict; expectations must name the claims exactly", () => {
  const set = { churn_threshold: 0.2, churn_steps: 10 };
  const shaped = (extra: Record<string, number>): BitrewardsTables =>
    tables({ ...set, ...extra }, { gas_fee_share_rate: [0.003, 0.005] });
  const byName = Object.fromEntries(
    COMPARED.map((name, i) => [name, shaped({ tracing_accuracy: 0.2 * (i + 1) })]),
  );
  const r = resultsFrom(
    byName as Record<typeof COMPARED[number], BitrewardsTables>,
    tables(set, { tracing_accuracy: [0, 0.5, 1] }),
    tables(set, [{ gas_fee_share_rate: [0.002, 0.006] }, { investor_royalty_max: [0.03, 0.05] }]),
    tables({ ...set, tracing_false_positive_rate: 0 }, { tracing_accuracy: [0] }),
  );
  const probe = () => bitrewardsClaims(r, {});
  assertThrows(probe, Error, "no expected verdict");
  // Learn the ids and verdicts, then check that the function accepts exactly those.
  const ids: string[] = [];
  const all = new Proxy({}, {
    get: (_t, id) => {
      if (typeof id === "string" && !ids.includes(id)) ids.push(id);
      return "holds";
    },
    ownKeys: () => [],
  });
  const claims = bitrewardsClaims(r, all);
  assertEquals(claims.map((c) => c.id), ids);
  assertEquals(new Set(ids).size, ids.length, "ids are unique");
  for (const c of claims) {
    if ("measured" in c) assert(Number.isFinite(c.measured.value), c.id);
    assert(c.quote.length > 0 && c.where.length > 0, c.id);
  }
  const verdicts = Object.fromEntries(claims.map((c) => [c.id, c.verdict]));
  assertEquals(verdicts.pool_conserved, "holds");
  assertEquals(verdicts.untraced_is_initiator, "holds");
  assertEquals(verdicts.low_tracing_upstream_roi, "not testable here");
  assertThrows(() => bitrewardsClaims(r, { ...verdicts, extra: "holds" }), Error, "unknown claims: extra");
  const changes = changeSummary(r.outcomes, ["high_investor_share"], "control");
  assert(changes.every((c) => c.pairs === 4 && Number.isFinite(c.median)));
});

Deno.test("the graph picture counts what its caption says", () => {
  const params = resolveParams(bitrewardsParams, { ...small, tracing_accuracy: 0.5 }, "bitrewards");
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
  const t = tables({ funding_cost: 0.05 }, { gas_fee_share_rate: [0.003, 0.008] });
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

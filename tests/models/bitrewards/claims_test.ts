/**
 * BITrewards claims: measured values and verdicts on small hand-made results worked by hand, the expected
 * behaviours summed up from their parts, and every claim on small runs (see docs/models/bitrewards.md).
 */
import { assert, assertAlmostEquals, assertEquals, assertStringIncludes, assertThrows } from "@std/assert";
import pl from "nodejs-polars";
import { atLeast, type Claim, claim, notTestable } from "@lib/notebook/claims.ts";
import { behaviourVerdicts } from "@lib/models/bitrewards/behaviours.ts";
import { bitrewardsClaims, type ClaimContext } from "@lib/models/bitrewards/claims.ts";
import type { PairedSample } from "@lib/models/bitrewards/paired_sample.ts";
import type { PublishedComparison } from "@lib/models/bitrewards/published.ts";
import { PARAMETERS } from "@lib/models/bitrewards/sensitivity.ts";
import { type BitrewardsResults, COMPARED, resultsFrom } from "@lib/models/bitrewards/outcomes.ts";
import { changeSummary } from "@lib/models/bitrewards/summaries.ts";
import type { BitrewardsTables } from "@lib/models/bitrewards/tables.ts";
import { smallTables } from "./small_runs.ts";

/** Every column the claims read, at a value that changes nothing between scenarios. */
const NEUTRAL = {
  creators: 30,
  investors: 6,
  creators_departed: 0,
  active_creators_mean: 1,
  active_creators_end: 1,
  median_investor_roi: 0,
  upstream_share: 0.3,
  upstream_creator_income: 1,
  upstream_creator_share: 0.1,
  income_per_creator: 1,
  income_per_investor: 1,
  benefit_per_user: 1,
  creator_share: 0.8,
  investor_share: 0.2,
  creator_satisfaction: 0.6,
  class_gone: 0,
  any_left: 1,
  royalty_gap: 0,
  top_decile_share: 0.3,
};
type Column = keyof typeof NEUTRAL;

/** Two runs (run_id 1 and 2) of a scenario: the neutral values, some columns given per run. */
function runs(scenario: string, given: Partial<Record<Column, [number, number]>> = {}): pl.DataFrame {
  const columns = Object.fromEntries(
    Object.entries(NEUTRAL).map(([c, v]) => [c, given[c as Column] ?? [v, v]]),
  );
  return pl.DataFrame({ run_id: [1, 2], scenario: [scenario, scenario], ...columns });
}

/** A sweep's runs: one run per cell, the cell's keys and the given columns, the rest neutral. */
function sweep(cells: Record<string, number>[]): pl.DataFrame {
  const rows = cells.map((cell, i) => ({ run_id: i + 1, ...NEUTRAL, ...cell }));
  return pl.DataFrame(rows);
}

/**
 * Hand-made results. Baseline: one run loses 2 creators; low tracing: fees to ancestors 30% and 32% against
 * the control's 35% and 33%; high investor share: investors take 10% and 30% of royalties; a whole class
 * leaves in one baseline run. The map is 2 × 2, the tracing sweep three points, the untraced runs two.
 */
function handResults(): BitrewardsResults {
  const outcomes = pl.concat([
    runs("baseline", { creators_departed: [0, 2], class_gone: [0, 1] }),
    runs("control", { upstream_share: [0.35, 0.33] }),
    runs("low_tracing_accuracy", { upstream_share: [0.3, 0.3], income_per_investor: [0.5, 0.9] }),
    runs("high_funding_share"),
    runs("high_investor_share", { investor_share: [0.1, 0.3] }),
  ]);
  const phase = sweep([
    { gas_fee_share_rate: 0.001, investor_royalty_max: 0.01, active_creators_end: 0.5, investor_share: 0.1 },
    { gas_fee_share_rate: 0.001, investor_royalty_max: 0.05, active_creators_end: 0.9, investor_share: 0.6 },
    { gas_fee_share_rate: 0.01, investor_royalty_max: 0.01, active_creators_end: 1, investor_share: 0.1 },
    { gas_fee_share_rate: 0.01, investor_royalty_max: 0.05, active_creators_end: 1, investor_share: 0.55 },
  ]);
  const tracing = sweep([
    { tracing_accuracy: 0, upstream_creator_share: 0 },
    { tracing_accuracy: 0.5, upstream_creator_share: 0.1 },
    { tracing_accuracy: 1, upstream_creator_share: 0.4 },
  ]);
  const untraced = sweep([{ upstream_creator_share: 0, royalty_gap: 2e-12 }, { upstream_creator_share: 0 }]);
  return {
    tables: {} as Record<typeof COMPARED[number], BitrewardsTables>,
    outcomes,
    tracing,
    phase,
    untraced,
  };
}

/** One published quantity of the comparison, agreeing or not (its other fields do not matter here). */
const publishedRow = (verdict: "agrees" | "differs", pHolm: number): PublishedComparison => ({
  scenario: "original_baseline",
  column: "contribution_count",
  label: "Contributions",
  unit: "contributions",
  publishedRuns: 32,
  reproducedRuns: 32,
  publishedMean: 1,
  reproducedMean: 1,
  publishedMedian: 1,
  reproducedMedian: 1,
  p: pHolm,
  pHolm,
  meanLo: 1,
  meanHi: 1,
  percentile: 0.5,
  constant: false,
  verdict,
});
const CONTEXT: ClaimContext = {
  calibration: "funding_cost, fitted apart",
  published: [publishedRow("agrees", 1)],
  publishedReplicates: [0.2, 0.6, 1, 1],
  usageCalibration: "usage, set by hand",
  // The scenarios' rule: below 0.2 for long enough is reachable (satisfaction's floor is 0.18 at k 1.5).
  baselineChurn: { threshold: 0.2, k: 1.5 },
};
const ANY = new Proxy({}, { get: () => "holds", ownKeys: () => [] });

/** Every claim of the hand-made results, expecting whatever verdict each reaches, by id. */
function handClaims(context = CONTEXT): Record<string, Claim> {
  const { claims } = bitrewardsClaims(handResults(), ANY, context);
  return Object.fromEntries(claims.map((c) => [c.id, c]));
}
/** A testable claim's measured value. */
function measured(c: Claim) {
  if (!("measured" in c)) throw new Error(`${c.id} is not testable`);
  return c.measured;
}

Deno.test("claims by hand: the reference scenarios' behaviours, paired against the control", () => {
  const c = handClaims();
  // Departures 0 and 2: median 1 creator, enough for "some churn".
  assertEquals(measured(c.baseline_some_churn).value, 1);
  assertEquals(c.baseline_some_churn.verdict, "holds");
  // A baseline rule under which no creator can leave (threshold 0.1 under the floor 0.18): both churn
  // claims give way to a model check (every creator stays) and a finding (the churn the brief expects cannot
  // happen), which need baseline runs where nobody left.
  const stay = handResults();
  const still = {
    ...stay,
    outcomes: stay.outcomes.withColumns(
      pl.when(pl.col("scenario").eq(pl.lit("baseline"))).then(pl.lit(0)).otherwise(
        pl.col("creators_departed"),
      )
        .alias("creators_departed"),
    ),
  };
  const ruled = bitrewardsClaims(still, ANY, { ...CONTEXT, baselineChurn: { threshold: 0.1, k: 1.5 } });
  const ids = (xs: readonly { id: string }[]) => xs.map((x) => x.id);
  assert(
    !ids(ruled.claims).includes("baseline_some_churn") && !ids(ruled.claims).includes("baseline_many_active"),
  );
  assert(ids(ruled.checks).includes("baseline_none_leave"));
  assertEquals(ids(ruled.findings), ["baseline_churn_impossible"]);
  assertStringIncludes(ruled.findings[0].model, "no creator leaves in any of the 2 baseline runs");
  assertStringIncludes(ruled.findings[0].model, "1 / (1 + e^1.5) = 0.182");
  // Where a creator did leave, the check and the finding would be false: they refuse to be shown.
  assertThrows(
    () => bitrewardsClaims(handResults(), ANY, { ...CONTEXT, baselineChurn: { threshold: 0.1, k: 1.5 } }),
    Error,
    "baseline_none_leave",
  );
  // Fees to ancestors −5 and −3 points against the control: median −4, the spread over 2 pairs.
  const local = measured(c.low_tracing_local);
  assertAlmostEquals(local.value, -4, 1e-9);
  assertEquals(local.spreadLabel, "median; 5–95% of 2 pairs of runs");
  // Its whole 5–95% interval (−4.9 to −3.1) is below no change: it holds.
  assertEquals(c.low_tracing_local.verdict, "holds");
  // Royalties per investor 0.5 and 0.9 of the control's 1: median 0.7, interval up to 0.88 < 1.
  assertAlmostEquals(measured(c.low_tracing_investor_income).value, 0.7, 1e-12);
  assertEquals(c.low_tracing_investor_income.verdict, "holds");
  // Nothing else moves: an interval of [0, 0] is not above no change.
  assertEquals(measured(c.high_funding_roi).value, 0);
  assertEquals(c.high_funding_roi.verdict, "does not hold");
  // The funding cost sets how many fundings investors make: every claim on investors' returns, income or
  // share of royalties depends on its calibration; the creators' and users' claims do not.
  for (const id of Object.keys(c)) {
    const investors =
      /investor_roi|modest_roi|funding_roi|investor_income|investors_earn|capture|disproportionate|dominate|income_shares/
        .test(id);
    assertEquals("dependsOn" in c[id] && c[id].dependsOn === CONTEXT.calibration, investors, id);
  }
  // Collapse and explosion read the hand-set usage calibration, and say so.
  for (const id of ["no_trivial_collapse", "no_trivial_explosion"]) {
    assertEquals("dependsOn" in c[id] && c[id].dependsOn, CONTEXT.usageCalibration, id);
  }
  assert("changed" in c.high_funding_roi && c.high_funding_roi.changed!.from.includes("1 percentage point"));
  // Users' benefit per user is unchanged (ratio 1): they do not gain more.
  assertEquals([measured(c.high_investor_users_earn_more).value, c.high_investor_users_earn_more.verdict], [
    1,
    "does not hold",
  ]);
  // Investors are 6 of 36 earners (16.7%); they take 10% and 30%: median 20%, disproportionate.
  assertAlmostEquals(measured(c.high_investor_disproportionate).value, 20, 1e-9);
  assertEquals(c.high_investor_disproportionate.verdict, "holds");
  assertEquals(c.low_tracing_upstream_roi.verdict, "not testable here");
});

Deno.test("claims by hand: the planned analyses and the design's mechanics", () => {
  const c = handClaims();
  // One of the 8 reference-scenario runs loses a whole class: 12.5%, the baseline's 50% the highest.
  const collapse = measured(c.no_trivial_collapse);
  assertEquals([collapse.value, collapse.spread], [12.5, [0, 50]]);
  assertEquals(c.no_trivial_collapse.verdict, "does not hold");
  assertEquals([measured(c.no_trivial_explosion).value, c.no_trivial_explosion.verdict], [100, "holds"]);
  // Tracing 0 → 0.5 → 1 moves the share reaching upstream creators by 0.1 then 0.3: the larger step is 75%.
  assertAlmostEquals(measured(c.critical_tracing).value, 75, 1e-9);
  assertEquals(c.critical_tracing.verdict, "holds");
  // The map's largest neighbouring change of creators active: 0.5 → 0.9 (40 points) or 0.5 → 1 (50).
  assertAlmostEquals(measured(c.phase_creator_churn).value, 50, 1e-9);
  // Investors' share: 0.1 → 0.6 along the funding split at the lowest gas fee, 50 points, the whole of its
  // range over the map (0.1 to 0.6): 100% of the range in one step, a boundary. Constant along the line (a
  // range of 0), which adds nothing. Highest 60%.
  assertAlmostEquals(measured(c.phase_income_shares).value, 100, 1e-9);
  assertEquals(c.phase_income_shares.verdict, "holds");
  assert("changed" in c.phase_income_shares && c.phase_income_shares.changed!.from.includes("10 percentage"));
  assertAlmostEquals(measured(c.investors_dominate).value, 60, 1e-9);
  assertEquals(c.investors_dominate.verdict, "holds");
  // ROI is 0 in every cell: no range, no step carries any of it.
  assertEquals([measured(c.phase_investor_roi).value, c.phase_investor_roi.verdict], [0, "does not hold"]);
  // One run per cell: the sweeps' shapes in the quantity's words.
  const churn = c.phase_creator_churn;
  assert(
    "quantity" in churn &&
      churn.quantity.includes("(4 cells of 1 runs) and the tracing sweep (3 points of 1 runs)"),
  );
  // Agreement with the published runs: the lowest adjusted p (1) is above 5 %; a quantity that differs
  // (adjusted p 0.01) makes it fail. The replicates 0.2, 0.6, 1, 1 give its spread and stability: all four
  // agree with "holds".
  const matches = c.reference_matches_published;
  assertEquals([measured(matches).value, matches.verdict], [1, "holds"]);
  assertEquals(matches.robustness?.stability, 1, "stability over the replicates");
  const differs = handClaims({ ...CONTEXT, published: [publishedRow("differs", 0.01)] });
  assertEquals(measured(differs.reference_matches_published).value, 0.01);
  assertEquals(differs.reference_matches_published.verdict, "does not hold");
});

/**
 * A paired sample by hand: 8 sets of one pair, every scenario and control at the neutral values, except low
 * tracing's fees to ancestors 5 points below the control's in six sets and 0.5 below in two.
 */
function handPaired(): PairedSample {
  const side = (label: string, given: Partial<Record<Column, number[]>> = {}) =>
    pl.DataFrame({
      run_id: [1, 2, 3, 4, 5, 6, 7, 8],
      subset: [0, 1, 2, 3, 4, 5, 6, 7],
      scenario: Array(8).fill(label),
      ...Object.fromEntries(
        Object.entries(NEUTRAL).map(([c, v]) => [c, given[c as Column] ?? Array(8).fill(v)]),
      ),
    });
  // Every sampled parameter in another order over the sets, so that none ranks the same as another.
  const order = [[0, 1, 2, 3, 4, 5, 6, 7], [3, 7, 1, 5, 0, 6, 2, 4], [6, 2, 7, 0, 4, 1, 5, 3]];
  const values = Object.fromEntries(PARAMETERS.map((p, i) => [p, order[i % 3].map((k) => k + i)]));
  const paired = (name: string, sampled: string[], given?: Partial<Record<Column, number[]>>) => ({
    changed: PARAMETERS.filter((p) => !sampled.includes(p)),
    sampled,
    values,
    scenario: side(name, given),
    control: side("control"),
  });
  const lower = [0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.295, 0.295];
  return {
    sets: 8,
    runs: 1,
    scenarios: {
      low_tracing_accuracy: paired("low_tracing_accuracy", PARAMETERS.slice(0, 2), { upstream_share: lower }),
      high_funding_share: paired("high_funding_share", PARAMETERS.slice(2)),
      high_investor_share: paired("high_investor_share", PARAMETERS.slice(2)),
    },
  };
}

Deno.test("claims by hand: the scenario claims read their dependence from the paired sample", () => {
  const c = handClaims({ ...CONTEXT, paired: handPaired() });
  const dependence = (id: string) => {
    const claim = c[id];
    if (!("dependence" in claim) || !claim.dependence) throw new Error(`${id} has no dependence`);
    return claim.dependence;
  };
  // The claim's pairs (−5 and −3 points) put the 95th percentile 0.9 above their median: a set counts when
  // its change is below −0.9 points, so the six sets at −5 do and the two at −0.5 do not.
  const local = dependence("low_tracing_local");
  assertEquals(local.share, 0.75);
  assert(local.sample.startsWith("8 Latin-hypercube sets × 1 pair of runs"), local.sample);
  assert(local.sample.includes("moved by 0.9,"), local.sample);
  // Unchanged ROI: the interval [0, 0] clears nothing, in no set.
  assertEquals(dependence("high_funding_roi").share, 0);
  // The high investor share's own runs: investors' 20% of royalties is above their 16.7% of earners.
  assertEquals(dependence("high_investor_disproportionate").share, 1);
  // Without a sweep sample the sweep claims carry none (tests/models/bitrewards/sweep_sample_test.ts).
  const critical = c.critical_tracing;
  assert(!("dependence" in critical && critical.dependence));
  // Without a paired sample, no scenario claim carries one.
  const alone = handClaims().low_tracing_local;
  assert(!("dependence" in alone && alone.dependence));
});

Deno.test("model checks by hand: the pool is conserved and untraced work is paid as an initiator", () => {
  // The untraced runs' largest gap is 2e-12 of the fees: float rounding, the pool is conserved.
  const { checks, claims } = bitrewardsClaims(handResults(), ANY, CONTEXT);
  assertEquals(checks.map((c) => c.id), ["pool_conserved", "untraced_is_initiator"]);
  assert(!claims.some((c) => c.id === "pool_conserved"), "a check is not a claim");
  // A gap beyond rounding is a defect of the model: the check throws.
  const broken = handResults();
  const gapped = { ...broken, untraced: broken.untraced.withColumns(pl.lit(0.01).alias("royalty_gap")) };
  assertThrows(() => bitrewardsClaims(gapped, ANY, CONTEXT), Error, "pool_conserved");
});

Deno.test("each expected behaviour holds when every testable part does", () => {
  const part = (id: string, holds: boolean): Claim =>
    claim({
      id,
      title: "T",
      quote: "q",
      where: "w",
      reason: "r",
      quantity: "x",
      criterion: atLeast(1),
      measured: { value: holds ? 1 : 0, unit: "" },
      expected: holds ? "holds" : "does not hold",
    });
  const untestable = (id: string) =>
    notTestable({ id, title: "T", quote: "q", where: "w", reason: "r", expected: "not testable here" });
  const rows = behaviourVerdicts([
    part("baseline_a", true),
    part("baseline_b", true),
    part("low_tracing_a", true),
    part("low_tracing_b", false),
    untestable("low_tracing_c"),
    part("high_funding_a", false),
    untestable("high_investor_a"),
    part("no_trivial_collapse", false),
  ]);
  assertEquals(rows.map((r) => [r.scenario, r.holds, r.fails, r.untestable, r.verdict, r.failing]), [
    ["baseline", 2, 0, 0, "holds", ""],
    ["low_tracing_accuracy", 1, 1, 1, "holds in 1 of its 2 testable parts", "low tracing b"],
    ["high_funding_share", 0, 1, 0, "does not hold", "high funding a"],
    ["high_investor_share", 0, 0, 1, "not testable here", ""],
  ]);
});

Deno.test("claims: every expectation and question gets a verdict; expectations must name the claims exactly", () => {
  const set = { churn_threshold: 0.2, churn_steps: 10 };
  const shaped = (extra: Record<string, number>): BitrewardsTables =>
    smallTables({ ...set, ...extra }, { gas_fee_share_rate: [0.003, 0.005] });
  const byName = Object.fromEntries(
    COMPARED.map((name, i) => [name, shaped({ tracing_accuracy: 0.2 * (i + 1) })]),
  );
  const r = resultsFrom(
    byName as Record<typeof COMPARED[number], BitrewardsTables>,
    smallTables(set, { tracing_accuracy: [0, 0.5, 1] }),
    smallTables(set, [{ gas_fee_share_rate: [0.002, 0.006] }, { investor_royalty_max: [0.03, 0.05] }]),
    smallTables({ ...set, tracing_false_positive_rate: 0 }, { tracing_accuracy: [0] }),
  );
  const probe = () => bitrewardsClaims(r, {}, CONTEXT);
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
  const { claims, checks } = bitrewardsClaims(r, all, CONTEXT);
  assertEquals(claims.map((c) => c.id), ids);
  assertEquals(new Set(ids).size, ids.length, "ids are unique");
  for (const c of claims) {
    if ("measured" in c) assert(Number.isFinite(c.measured.value), c.id);
    assert(c.quote.length > 0 && c.where.length > 0, c.id);
    assert(c.title.length > 0 && c.title.length <= 60 && (c.reason ?? "").length > 0, c.id);
  }
  assertEquals(checks.length, 2);
  assert(ids.includes("baseline_some_churn"), "churn can happen under the context's rule: it is a claim");
  const verdicts = Object.fromEntries(claims.map((c) => [c.id, c.verdict]));
  assertEquals(verdicts.low_tracing_upstream_roi, "not testable here");
  assertThrows(
    () => bitrewardsClaims(r, { ...verdicts, extra: "holds" }, CONTEXT),
    Error,
    "unknown claims: extra",
  );
  const changes = changeSummary(r.outcomes, ["high_investor_share"], "control");
  assert(changes.every((c) => c.pairs === 4 && Number.isFinite(c.median)));
});

/**
 * The document's claims (lib/models/honey/claims.ts) on small hand-made results: one set that comes out as
 * the report does (every verdict as expected, each measure worked by hand), and one that moves measures
 * across their criteria. No model or notebook is run.
 */
import { assert, assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import pl from "nodejs-polars";
import { checkExpected, type Claim, type Measured } from "@lib/notebook/claims.ts";
import { type ClaimInputs, honeyChecks, honeyClaims } from "@lib/models/honey/claims.ts";
import { DEFAULT_SETTINGS } from "@lib/models/honey/experiments.ts";
import { robustnessDetail } from "@lib/notebook/robustness_tag.ts";
import type { RangeReplicate } from "@lib/models/honey/outcomes.ts";
import type { PhaseRun } from "@lib/models/honey/phases.ts";
import type { ColumnComparison } from "@lib/models/honey/published.ts";

const close = (actual: number, expected: number) =>
  assertAlmostEquals(actual, expected, 1e-9 * Math.abs(expected) + 1e-12);

const replicate = (
  seed: number,
  bothAt: number[],
  saturatedAtLowest: number,
  saturatedWhereMedianFails: number,
): RangeReplicate => ({
  seed,
  lower: 0.87,
  upper: 0.88,
  step: 0.01,
  bothAt,
  saturatedAtLowest,
  firstSaturating: 0.86,
  saturatedWhereMedianFails,
});

/** A run of the "Analysis" prose's experiment: saturated at `months`, then the closing window's values. */
const phase = (
  run: number,
  trend: number,
  months: number,
  atSaturation: [cap: number, price: number],
  cap: [number, number],
  price: [number, number],
  circulation: [number, number],
): PhaseRun => ({
  run,
  trend,
  monthsToSaturation: months,
  marketCapStart: 100,
  marketCapAtSaturation: atSaturation[0],
  priceAtSaturation: atSaturation[1],
  marketCapFrom: cap[0],
  marketCapTo: cap[1],
  priceFrom: price[0],
  priceTo: price[1],
  circulationFrom: circulation[0],
  circulationTo: circulation[1],
});

/**
 * A published file's comparison: `cells` cells × 6 columns, the first `rejected` of them rejected at p =
 * 0.0005 (below Holm's first bound for 24 and for 54 comparisons, 0.05/24 and 0.05/54), the others at p = 0.5;
 * 400 runs a cell, and the smallest p on resampled run sets as given.
 */
const published = (cells: number, rejected: number, replicates = [0.0004, 0.0005, 0.0006, 0.5]) => ({
  runs: 400,
  replicates,
  cells: Array.from(
    { length: cells },
    () => ({ params: {}, runs: {} as ColumnComparison["params"] }),
  ) as never,
  comparisons: Array.from({ length: 6 * cells }, (_, i): ColumnComparison => ({
    params: {},
    column: "saturation",
    published: 0,
    percentile: 0.5,
    lo: 0,
    median: 0,
    hi: 0,
    p: i < rejected ? 0.0005 : 0.5,
    rejected: i < rejected,
    pRankSum: 1,
    rejectedRankSum: false,
  })),
});

/**
 * Results as the report has them. Analysis 3: one run at each of two (variance, pull) settings × two
 * policies; three of the four saturate, so either grouping ranges from 1 to 0.5.
 */
function asReported(): ClaimInputs {
  return {
    settings: { ...DEFAULT_SETTINGS, bootstrapResamples: 20 },
    range: { summary: pl.DataFrame({ productivity: [0.86, 0.87, 0.88] }) },
    replicates: [
      replicate(42, [0.87, 0.88, 0.89, 0.9], 0, 0.1),
      replicate(1, [0.86, 0.87, 0.88, 0.89, 0.9], 0.05, 0.2),
    ],
    sweep2: {
      outcomes: pl.DataFrame({
        throttle: [0.002, 0.002, 0.006, 0.006],
        run: [1, 2, 1, 2],
        trend: [0.9, 0.05, 0.05, 0.05],
      }),
    },
    runs3: pl.DataFrame({
      p_variance: [0.15, 0.15, 0.35, 0.35],
      p_pull: [0.85, 0.85, 0.65, 0.65],
      target_reserve_ratio: [0.3, 0.25, 0.3, 0.25],
      throttle: [0.006, 0.022, 0.006, 0.022],
      run: [1, 1, 1, 1],
      trend: [0.9, 0.9, 0.9, 0.05],
    }),
    phases: {
      horizon: 120,
      window: 24,
      runs: [
        phase(1, 0.95, 10, [300, 40], [400, 420], [50, 60], [100, 80]),
        phase(2, 0.05, 121, [NaN, NaN], [90, 80], [5, 4], [100, 110]),
        phase(3, 0.93, 20, [200, 20], [400, 380], [40, 36], [100, 90]),
        phase(4, 0.92, 30, [150, 11], [400, 500], [40, 60], [100, 95]),
      ],
    },
    // As the report has it since streams are keyed by run: a median gap of 0.104, just over the 0.1 bound.
    tracking: [0.08, 0.104, 0.12],
    trackingDefault: [0.3],
    yearlyIssuance: 10.03,
    publishedFinal: published(9, 0),
    publishedProductivity: published(4, 2),
  };
}

const byId = (claims: Claim[]) => Object.fromEntries(claims.map((c) => [c.id, c]));
const measured = (c: Claim): Measured => {
  if (!("measured" in c)) throw new Error(`claim '${c.id}' has no measured value`);
  return c.measured;
};
const quantity = (c: Claim) => (c as { quantity: string }).quantity;

Deno.test("claims as the report has them: every measure worked by hand, every verdict as expected", () => {
  const claims = honeyClaims(asReported());
  checkExpected(claims);
  const c = byId(claims);
  assertEquals(claims.length, 18); // pull_extremes is a model check now

  // Grid productivities with both outcomes: 4 and 5 over the two seeds; all four of the document's each time.
  const both = measured(c.productivity_range);
  assertEquals([both.value, both.spread, both.spreadLabel], [4.5, [4.05, 4.95], "5–95% over 2 root seeds"]);
  assert(
    quantity(c.productivity_range).startsWith("analysis-1 productivities (of 3, 0.86–0.88, 20 runs each)"),
  );
  assertEquals(measured(c.realistic_value_in_range).value, 4);
  // Saturating where the median run fails: the mean of 0.1 and 0.2; at the lowest, the mean of 0 and 0.05.
  close(measured(c.too_low_never_saturates).value, 0.15);
  assert(quantity(c.too_low_never_saturates).endsWith("at the grid's lowest, 0.86, the share is 0.025"));
  assertEquals(measured(c.sharp_threshold).value, 0.01);
  assertEquals(measured(c.throttle_per_year), { value: 10.03, unit: "%" });
  // Half the runs saturate at throttle 0.002, none at 0.006.
  assertEquals(measured(c.too_little_issuance).value, 0.5);
  // Its criterion reads a bootstrap interval: the stability recomputes that interval on resampled run sets.
  const issuance = c.too_little_issuance as Parameters<typeof robustnessDetail>[0];
  assert(issuance.robustness.stability !== undefined);
  assertEquals(issuance.robustness.resamples, 20);
  assert(robustnessDetail(issuance).includes("resampled run sets agree, each judged by its own bootstrap"));
  assertEquals(measured(c.high_pull_low_variance).value, 0.104);
  assert(quantity(c.high_pull_low_variance).includes("(the document's 0.75 and 0.25: 0.3)"));
  // One run per cell: every bootstrap resample is the same run, so the spread collapses onto the value.
  for (const id of ["price_dynamics_matter", "policy_choice_matters"]) {
    const m = measured(c[id]);
    assertEquals([m.value, m.spread, m.spreadLabel], [
      0.5,
      [0.5, 0.5],
      "5–95% of 20 bootstrap resamples of runs",
    ]);
  }
  // Months to saturation 10, 121, 20, 30: median 25.
  assert((c.too_high_impossibly_quick as { reason: string }).reason.includes("after 25 months"));

  // The "Analysis" prose: runs 1, 3 and 4 saturate by month 96 (run 2 never does). Trends .95 .05 .93 .92.
  assertEquals(measured(c.stabilizes_near_top).value, 0.925);
  assert(quantity(c.market_cap_rises).endsWith("saturated by month 96; 1 of 4 never saturate)"));
  // Market cap 3, 2 and 1.5 times its genesis value: 5th percentile 1.5 + 0.1 · 0.5 = 1.55 > 1.
  const rises = measured(c.market_cap_rises);
  assertEquals([rises.value, rises.spread, rises.spreadLabel], [2, [1.55, 2.9], "5–95% of 3 saturated runs"]);
  assertEquals(c.market_cap_rises.verdict, "holds");
  // +5 %, −5 % and +25 % over the last 24 months: two runs of three within ±10 %, not nine in ten.
  close(measured(c.market_cap_steady).value, 2 / 3);
  assertEquals(c.market_cap_steady.verdict, "does not hold");
  // Price: (40/10)^(1/10), (20/10)^(1/20), (11/10)^(1/30) a month to saturation; (60/50), (36/40), (60/40)
  // over the last 24 months. Run 4 grows faster after saturation, so the interval reaches below zero.
  const growth = (from: number, to: number, months: number) => ((to / from) ** (1 / months) - 1) * 100;
  const faster = [
    growth(10, 40, 10) - growth(50, 60, 24),
    growth(10, 20, 20) - growth(40, 36, 24),
    growth(10, 11, 30) - growth(40, 60, 24),
  ];
  close(measured(c.price_faster_in_growth).value, faster[1]);
  assert(faster[2] < 0);
  assertEquals(c.price_faster_in_growth.verdict, "does not hold");
  // Price +20 %, −10 %, +50 %: median +20 %, 5th percentile −10 + 0.1 · 30 = −7 %.
  close(measured(c.price_keeps_rising).value, 20);
  close(measured(c.price_keeps_rising).spread![0], -7);
  // Circulation −20 %, −10 %, −5 %: 95th percentile −5.5 %, below zero.
  close(measured(c.circulation_shrinks).spread![1], -5.5);
  assertEquals(c.circulation_shrinks.verdict, "holds");
  // The smallest p of each file: 0.5 of 54 (above 0.05/54, holds) and 0.0005 of 24 (below 0.05/24). Its
  // spread and stability come from the smallest p on resampled run sets, 0.0004, 0.0005, 0.0006 and 0.5:
  // 5–95 % from 0.0004 + 0.15 · 0.0001 to 0.0006 + 0.85 · 0.4994; three of four below the bound agree.
  assertEquals(measured(c.published_final_experiment).value, 0.5);
  assertEquals(c.published_final_experiment.verdict, "holds");
  // The criterion says it is a p-value threshold, Holm's first bound 0.05/54 (0.05/24): "p > …" in the table.
  const criterion = (x: Claim) => (x as { criterion: { text: string; short?: string } }).criterion;
  assertEquals(criterion(c.published_final_experiment).text, "smallest p > 0.000926 (Holm: 0.05 / 54)");
  assertEquals(criterion(c.published_final_experiment).short, "p > 0.000926");
  assertEquals(criterion(c.published_productivity_range).short, "p > 0.00208");
  const range = c.published_productivity_range;
  const smallest = measured(range);
  assertEquals(smallest.value, 0.0005);
  close(smallest.spread![0], 0.000415);
  close(smallest.spread![1], 0.42509);
  assertEquals(smallest.spreadLabel, "5–95% over 4 resampled sets of the reproduced runs");
  assert(range.robustness && range.robustness.stability === 0.75 && range.robustness.resamples === 4);
  assertEquals(range.robustness.kind, "fragile");
  assert(quantity(range).endsWith("2 of 24 rejected by Holm's correction; 400 reproduced runs a cell"));
  // Every claim has a title and a reason; changed criteria carry their old form.
  for (const claim of claims) assert(claim.title && claim.reason, claim.id);
  assert(claims.filter((x) => "changed" in x && x.changed).length >= 7);
});

Deno.test("claims move with their measures: each criterion's other side gives the other verdict", () => {
  const r = asReported();
  const moved: ClaimInputs = {
    ...r,
    // A document productivity without runs of both outcomes under either seed.
    replicates: r.replicates.map((x) => ({ ...x, bothAt: [0.87, 0.88, 0.89], step: 0.03 })),
    yearlyIssuance: 12,
    tracking: [0.05],
    publishedFinal: published(9, 1),
  };
  const claims = byId(honeyClaims(moved));
  const verdicts = Object.fromEntries(
    [
      "realistic_value_in_range",
      "sharp_threshold",
      "throttle_per_year",
      "high_pull_low_variance",
      "published_final_experiment",
    ]
      .map((id) => [id, claims[id].verdict]),
  );
  assertEquals(verdicts, {
    realistic_value_in_range: "does not hold",
    sharp_threshold: "does not hold",
    throttle_per_year: "does not hold",
    high_pull_low_variance: "holds",
    published_final_experiment: "does not hold",
  });
  assertEquals(
    claims.productivity_range.verdict,
    "holds",
    "three productivities with both outcomes still ≥ 1",
  );
  assertThrows(() => checkExpected(Object.values(claims)));
});

Deno.test("market cap steady: a median change near zero with a wide spread is not steady", () => {
  const r = asReported();
  // Three runs: −71 %, +0.8 %, +146 % (the spread the report once called steady on its median).
  const runs = [
    phase(1, 0.95, 10, [300, 40], [1000, 290], [50, 60], [100, 80]),
    phase(2, 0.95, 10, [300, 40], [1000, 1008], [50, 60], [100, 80]),
    phase(3, 0.95, 10, [300, 40], [1000, 2460], [50, 60], [100, 80]),
  ];
  const steady = byId(honeyClaims({ ...r, phases: { ...r.phases, runs } })).market_cap_steady;
  close(measured(steady).value, 1 / 3);
  assertEquals(steady.verdict, "does not hold");
  assert("changed" in steady && steady.changed?.from === "median change between −10 % and +10 %");
});

Deno.test("model checks: the pull's extremes pass; a replay off by more than rounding throws", () => {
  const exact = {
    reserve: 2e-16,
    circulation: 0,
    size: 0,
    saturation: 0,
    production: 0,
    utility: 0,
    target_price: 0,
  };
  const worst = { ...exact, netflow: 0, adjustment: 0, total_supply: 0, market_cap: 0, ratio: 0 };
  const checks = honeyChecks([{ name: "final", worst, steps: 10 }]);
  assertEquals(checks.map((k) => k.id), ["pull_extremes", "replay_final"]);
  assertThrows(
    () => honeyChecks([{ name: "final", worst: { ...worst, reserve: 1e-6 }, steps: 10 }]),
    Error,
    "model check 'replay_final' fails",
  );
});

Deno.test("the published claims refuse a resolution at which no comparison could be rejected", () => {
  // 54 comparisons: Holm's first bound is 0.05/54 ≈ 0.000926; 2,000 statistics reach p = 2/2001 ≈ 0.0010 at
  // best, so the final experiment's claim could not fail; 2,159 reach 2/2160 ≈ 0.000926, just enough.
  const at = (publishedResamples: number) => () =>
    honeyClaims({
      ...asReported(),
      settings: { ...DEFAULT_SETTINGS, bootstrapResamples: 20, publishedResamples },
    });
  assertThrows(at(2000), RangeError, "use at least 2159");
  assertThrows(at(2158), RangeError, "cannot reject any of 54 comparisons");
  assertEquals(at(2159)().length, at(5000)().length);
});

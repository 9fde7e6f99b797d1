/**
 * The document's claims (lib/models/honey/claims.ts) on small hand-made results: one set that comes out as
 * the report does (every verdict as expected, each measure worked by hand), and one that moves measures
 * across their criteria. No model or notebook is run.
 */
import { assert, assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import pl from "nodejs-polars";
import { checkExpected, type Claim, type Measured } from "@lib/notebook/claims.ts";
import { type ClaimInputs, honeyClaims } from "@lib/models/honey/claims.ts";
import { DEFAULT_SETTINGS } from "@lib/models/honey/experiments.ts";
import type { RangeReplicate } from "@lib/models/honey/outcomes.ts";
import type { PhaseRun } from "@lib/models/honey/phases.ts";
import type { PublishedCell } from "@lib/models/honey/published.ts";

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

const cells = (percentiles: number[]): PublishedCell[] =>
  percentiles.map((percentile) => ({ params: {}, published: 0, percentile, lo: 0, hi: 0, median: 0 }));

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
        phase(3, 0.93, 20, [200, 20], [400, 380], [40, 44], [100, 90]),
      ],
    },
    // As the report has it since streams are keyed by run: a median gap of 0.104, just over the 0.1 bound.
    tracking: [0.08, 0.104, 0.12],
    trackingDefault: [0.3],
    yearlyIssuance: 10.03,
    publishedFinal: cells([0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.99]),
    publishedProductivity: cells([0.5, 0.5, 0.5, 0.01]),
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
  assertEquals(claims.length, 19);

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
  // Months to saturation 10, 121, 20: median 20.
  assert((c.too_high_impossibly_quick as { reason: string }).reason.includes("after 20 months"));

  // The "Analysis" prose: runs 1 and 3 saturate by month 96 (run 2 never does).
  assertEquals(measured(c.stabilizes_near_top).value, 0.93);
  assert(quantity(c.market_cap_rises).endsWith("saturated by month 96; 1 of 3 never saturate)"));
  // Market cap 3 and 2 times its genesis value; +5% and −5% over the last 24 months.
  const rises = measured(c.market_cap_rises);
  assertEquals([rises.value, rises.spreadLabel], [2.5, "5–95% of 2 runs"]);
  close(measured(c.market_cap_steady).value, 0);
  // Price: (40/10)^(1/10) and (20/10)^(1/20) a month to saturation, (60/50)^(1/24) and (44/40)^(1/24) after.
  const growth = (from: number, to: number, months: number) => ((to / from) ** (1 / months) - 1) * 100;
  close(
    measured(c.price_faster_in_growth).value,
    (growth(10, 40, 10) - growth(50, 60, 24) + growth(10, 20, 20) - growth(40, 44, 24)) / 2,
  );
  close(measured(c.price_keeps_rising).value, 15);
  close(measured(c.circulation_shrinks).value, -15);
  // 8 of 9 and 3 of 4 published cells between the 2.5th and 97.5th percentiles.
  assertEquals(measured(c.published_final_experiment), { value: 8, unit: "of 9" });
  assertEquals(measured(c.published_productivity_range), { value: 3, unit: "of 4" });
});

Deno.test("claims move with their measures: each criterion's other side gives the other verdict", () => {
  const r = asReported();
  const moved: ClaimInputs = {
    ...r,
    // A document productivity without runs of both outcomes under either seed.
    replicates: r.replicates.map((x) => ({ ...x, bothAt: [0.87, 0.88, 0.89], step: 0.03 })),
    yearlyIssuance: 12,
    tracking: [0.05],
    publishedFinal: cells([0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.01, 0.99]),
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

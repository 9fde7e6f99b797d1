/**
 * The honey model's outcomes (lib/models/honey/outcomes.ts and phases.ts) on small hand-made frames, every
 * value worked by hand. No model is run.
 */
import { assert, assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import pl from "nodejs-polars";
import { bootstrap, resample } from "@lib/analysis/bootstrap.ts";
import {
  bootstrapRuns,
  checkBothInside,
  countAmong,
  groupRange,
  lowThrottleContrast,
  lowThrottleRuns,
  productivityThreshold,
  replicateOf,
  runOutcomes,
  runsContrast,
  shareSaturated,
  summarise,
  supplyGrowth,
  trackingGaps,
} from "@lib/models/honey/outcomes.ts";
import { monthlyGrowth, percentChange, saturationPhases } from "@lib/models/honey/phases.ts";

const close = (actual: number, expected: number) =>
  assertAlmostEquals(actual, expected, 1e-9 * Math.abs(expected) + 1e-12);

Deno.test("run outcomes: trailing-mean trend, first saturated month, one past the horizon for never", () => {
  const months = Array.from({ length: 121 }, (_, t) => t);
  const frame = pl.DataFrame({
    k: [...months.map(() => 1), ...months.map(() => 1)],
    run: [...months.map(() => 1), ...months.map(() => 2)],
    timestep: [...months, ...months],
    saturation: [...months.map((t) => (t >= 50 ? 0.9 : 0)), ...months.map(() => 0.05)],
    price: [...months.map(() => 10), ...months.map((t) => t)],
  });
  const out = runOutcomes(frame, ["k"]).toRecords();
  assertEquals(out.map((r) => [r.run, r.months_to_saturation, r.final_price]), [[1, 50, 10], [2, 121, 120]]);
  close(out[0].trend as number, 0.9);
  close(out[1].trend as number, 0.05);
  // One run failed, one saturated; the median of months 50 and 121 is 85.5.
  const s = summarise(runOutcomes(frame, ["k"]), ["k"]).toRecords()[0];
  assertEquals([s.share_failed, s.share_saturated, s.median_months_to_saturation], [0.5, 0.5, 85.5]);
});

/** A per-productivity summary: the median run fails up to 0.81 and saturates from 0.83. */
const SUMMARY = pl.DataFrame({
  productivity: [0.8, 0.81, 0.82, 0.83, 0.84],
  median_trend: [0.02, 0.05, 0.5, 0.85, 0.9],
  share_failed: [1, 0.6, 0.4, 0.1, 0],
  share_saturated: [0, 0.1, 0.5, 0.8, 1],
});

Deno.test("productivity threshold: where the median run turns, its middle, where both outcomes occur", () => {
  const t = productivityThreshold(SUMMARY, 0.01);
  assertEquals([t.lower, t.upper, t.median], [0.81, 0.83, 0.82]);
  // Failed and saturated runs both occur at 0.81, 0.82 and 0.83.
  assertEquals(t.bothAt, [0.81, 0.82, 0.83]);
  assertEquals(t.bothPossible, [0.81, 0.83]);
  // A grid where no median run fails cannot bracket the threshold.
  assertThrows(
    () => productivityThreshold(SUMMARY.filter(pl.col("productivity").gt(0.815)), 0.01),
    Error,
    "the grid 0.82–0.84 does not bracket the threshold; widen it",
  );
});

Deno.test("the range with runs of both outcomes must lie strictly inside the grid", () => {
  const t = productivityThreshold(SUMMARY, 0.01);
  checkBothInside(t, [0.8, 0.81, 0.82, 0.83, 0.84]);
  assertThrows(
    () => checkBothInside(t, [0.81, 0.82, 0.83, 0.84]),
    RangeError,
    "runs of both outcomes reach the grid's end (0.81–0.83 on 0.81–0.84): widen settings.productivitySegments",
  );
});

Deno.test("a replicate of analysis 1: the step, the share saturating at the lowest and where the median fails", () => {
  const r = replicateOf(7, SUMMARY, productivityThreshold(SUMMARY, 0.01));
  assertEquals(r.seed, 7);
  assertEquals(r.step, 0.02);
  assertEquals(r.saturatedAtLowest, 0);
  assertEquals(r.firstSaturating, 0.81, "the lowest productivity with a saturated run");
  const never = SUMMARY.withColumns(pl.lit(0).alias("share_saturated"));
  assertEquals(replicateOf(7, never, productivityThreshold(SUMMARY, 0.01)).firstSaturating, undefined);
  // Pooled over 0.8 and 0.81 (the median run fails there): (0 + 0.1) / 2.
  close(r.saturatedWhereMedianFails, 0.05);
});

Deno.test("supply growth over months of a run, read in month order", () => {
  const frame = pl.DataFrame({ timestep: [2, 0, 1], total_supply: [121, 100, 110] });
  close(supplyGrowth(frame, 2), 21);
  close(supplyGrowth(frame, 1), 10);
  assertThrows(() => supplyGrowth(frame, 3), RangeError, "the run has no month 3");
});

Deno.test("tracking gaps: per run, the median |price / target − 1| after half the horizon", () => {
  // Horizon 4: months 3 and 4 count. Run 1: |10/8 − 1| = 0.25 and |9/10 − 1| = 0.1, median 0.175.
  const frame = pl.DataFrame({
    run: [2, 2, 2, 2, 2, 1, 1, 1, 1, 1],
    timestep: [0, 1, 2, 3, 4, 0, 1, 2, 3, 4],
    price: [5, 5, 5, 5, 5, 1, 1, 1, 10, 9],
    target_price: [5, 5, 5, 5, 5, 9, 9, 9, 8, 10],
  });
  const gaps = trackingGaps(frame);
  assertEquals(gaps.length, 2);
  close(gaps[0], 0.175);
  assertEquals(gaps[1], 0);
});

Deno.test("group range of the share saturated, and the low-throttle contrast", () => {
  const frame = pl.DataFrame({
    a: [1, 1, 2, 2, 3, 3],
    run: [1, 2, 1, 2, 1, 2],
    trend: [0.9, 0.95, 0.9, 0.05, 0.05, 0.5],
  });
  const g = groupRange(frame, ["a"], shareSaturated());
  assertEquals([g.max, g.min, g.range, g.best.a, g.worst.a], [1, 0, 1, 1, 3]);

  const outcomes = pl.DataFrame({
    throttle: [0.002, 0.002, 0.01, 0.01, 0.018, 0.018],
    run: [1, 2, 1, 2, 1, 2],
    trend: [0.9, 0.05, 0.05, 0.05, 0.85, 0.05],
  });
  // 1 of 2 runs saturates at 0.002; 1 of 4 at the larger throttles.
  assertEquals(lowThrottleContrast(outcomes), { lowest: 0.002, low: 0.5, others: 0.25 });
  // The same counts run by run: run 1 saturates at 0.002 and at 0.018, run 2 nowhere.
  const runs = lowThrottleRuns(outcomes);
  assertEquals(runs, [
    { run: 1, low: 1, lowCells: 1, others: 1, otherCells: 2 },
    { run: 2, low: 0, lowCells: 1, others: 0, otherCells: 2 },
  ]);
  assertEquals(runsContrast(runs), 0.5 - 0.25);
});

Deno.test("the per-run contrast resamples exactly as the bootstrap over runs does", () => {
  // Five runs × three throttles with mixed outcomes, runs listed out of order.
  const run = [3, 1, 5, 2, 4];
  const outcomes = pl.DataFrame({
    throttle: run.flatMap(() => [0.002, 0.01, 0.018]),
    run: run.flatMap((r) => [r, r, r]),
    trend: [0.9, 0.05, 0.85, 0.05, 0.9, 0.05, 0.95, 0.95, 0.05, 0.05, 0.05, 0.9, 0.85, 0.05, 0.05],
  });
  const options = { resamples: 100, seed: 7 };
  const byJoin = bootstrapRuns(outcomes, (f) => {
    const c = lowThrottleContrast(f);
    return c.low - c.others;
  }, options);
  const runs = lowThrottleRuns(outcomes);
  const byCounts = bootstrap((rng) => runsContrast(resample(runs, rng)), options);
  assertEquals(byCounts.length, 100);
  byCounts.forEach((x, i) => close(x, byJoin[i]));
});

Deno.test("bootstrap over runs is seeded and keeps whole runs", () => {
  const outcomes = pl.DataFrame({
    throttle: [0.002, 0.002, 0.01, 0.01],
    run: [1, 2, 1, 2],
    trend: [0.9, 0.05, 0.05, 0.05],
  });
  const draws = bootstrapRuns(outcomes, (f) => f.height, { resamples: 20, seed: 42 });
  assert(draws.every((h) => h === 4), "each resample keeps both throttles of every drawn run");
  const contrast = (f: pl.DataFrame) => lowThrottleContrast(f).low;
  const a = bootstrapRuns(outcomes, contrast, { resamples: 50, seed: 3 });
  assertEquals(a, bootstrapRuns(outcomes, contrast, { resamples: 50, seed: 3 }));
  // Drawing run 1 twice gives 1, run 2 twice 0, one of each 0.5: nothing else.
  assert(a.every((x) => x === 0 || x === 0.5 || x === 1), `${a}`);
});

Deno.test("changes, growth rates and grid membership for the claims", () => {
  close(percentChange(10, 12), 20);
  assert(Number.isNaN(percentChange(-1, 12)), "a price that crossed zero has no percent change");
  close(monthlyGrowth(10, 40, 2), 100);
  assert(Number.isNaN(monthlyGrowth(10, -1, 2)));
  assertEquals(countAmong([0.87, 0.88, 0.9], [0.8799999999999, 0.9, 0.91]), 2);
});

/**
 * Two runs over 14 months (0–13). Run 1 passes saturation 0.8 at month 5 and holds 0.9; market cap
 * 100 + 10t, price 10 + t, circulation 200 − t. Run 2 stays at 0.5 and never saturates.
 */
function phaseFrame(): pl.DataFrame {
  const months = Array.from({ length: 14 }, (_, t) => t);
  const run = (r: number, saturation: (t: number) => number) =>
    months.map((t) => ({
      run: r,
      timestep: t,
      saturation: saturation(t),
      market_cap: 100 + 10 * t,
      price: 10 + t,
      circulation: 200 - t,
    }));
  return pl.readRecords([...run(2, () => 0.5), ...run(1, (t) => (t >= 5 ? 0.9 : 0))]);
}

Deno.test("saturation phases: each run's growth phase and closing window, in run order", () => {
  const { runs, window, horizon } = saturationPhases(phaseFrame(), 3);
  assertEquals([window, horizon], [3, 13]);
  assertEquals(runs.map((x) => x.run), [1, 2]);
  const [one, two] = runs;
  // The trend averages months 2–13: three at 0 and nine at 0.9.
  close(one.trend, 8.1 / 12);
  assertEquals(one.monthsToSaturation, 5);
  assertEquals([one.marketCapStart, one.marketCapAtSaturation, one.priceAtSaturation], [100, 150, 15]);
  // The closing window runs from month 10 to month 13.
  assertEquals([one.marketCapFrom, one.marketCapTo], [200, 230]);
  assertEquals([one.priceFrom, one.priceTo], [20, 23]);
  assertEquals([one.circulationFrom, one.circulationTo], [190, 187]);
  close(two.trend, 0.5);
  assertEquals(two.monthsToSaturation, 14, "never: one past the horizon");
  assert(Number.isNaN(two.marketCapAtSaturation) && Number.isNaN(two.priceAtSaturation));
  assertThrows(() => saturationPhases(phaseFrame(), 14), RangeError, "must be 1 to 13 months, got 14");
});

/**
 * When cyberlink demand overtakes the V supply (lib/models/bostrom/crossings.ts), on small hand-made frames
 * and crossings, each value worked by hand: the crossing days per run, their spread over runs and share
 * within a window of years, demand over supply on the last day, and the sweep cells the text picks out.
 */
import { assertEquals } from "@std/assert";
import pl from "nodejs-polars";
import {
  cellClosestTo,
  cellsCrossingWithin,
  crossingStats,
  crossingYears,
  demandOverSupplyAtEnd,
  demandOvertakes,
  medianCrossingDay,
  shareWithin,
} from "@lib/models/bostrom/crossings.ts";

Deno.test("demandOvertakes: first cover, first overtaking, and overtaking for good, per run", () => {
  const frame = pl.DataFrame({
    subset: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    run: [1, 1, 1, 1, 1, 1, 2, 2, 2, 2],
    timestep: [0, 1, 2, 3, 4, 5, 0, 1, 2, 3],
    cyberlinks_per_day: [0, 5, 5, 7, 7, 9, 0, 1, 1, 1],
    volt_supply: [0, 6, 6, 6, 8, 8, 0, 2, 2, 2],
  });
  // Run 1: covered on days 1–2, overtaken on day 3, covered again on day 4, overtaken for good on day 5.
  assertEquals(demandOvertakes(frame), [
    { subset: 0, run: 1, supplyAhead: 1, demandOvertakes: 3, demandStaysAbove: 5 },
    { subset: 0, run: 2, supplyAhead: 1, demandOvertakes: null, demandStaysAbove: null },
  ]);
  // Never covered: no crossing at all.
  const never = pl.DataFrame({
    subset: [0, 0],
    run: [1, 1],
    timestep: [0, 1],
    cyberlinks_per_day: [1, 9],
    volt_supply: [0, 2],
  });
  assertEquals(demandOvertakes(never), [
    { subset: 0, run: 1, supplyAhead: null, demandOvertakes: null, demandStaysAbove: null },
  ]);
});

Deno.test("crossingStats: median, range, runs that never cross, and the longest back and forth", () => {
  const c = (run: number, over: number | null, stays: number | null) => ({
    subset: 0,
    run,
    supplyAhead: 1,
    demandOvertakes: over,
    demandStaysAbove: stays,
  });
  assertEquals(crossingStats([c(1, 800, 810), c(2, 900, 900), c(3, null, null), c(4, 700, null)]), {
    median: 800,
    min: 700,
    max: 900,
    runs: 4,
    never: 1,
    settled: 2,
    settledMedian: 855,
    longestFlicker: 10,
  });
});

Deno.test("crossing years and the share within a window: a missing crossing counts as outside", () => {
  const crossings = [
    { subset: 0, run: 1, supplyAhead: 1, demandOvertakes: 730, demandStaysAbove: 730 },
    { subset: 0, run: 2, supplyAhead: 1, demandOvertakes: 1100, demandStaysAbove: 1100 },
    { subset: 0, run: 3, supplyAhead: 1, demandOvertakes: null, demandStaysAbove: null },
    { subset: 0, run: 4, supplyAhead: 1, demandOvertakes: 912, demandStaysAbove: 920 },
  ];
  assertEquals(crossingYears(crossings), [2, 1100 / 365, null, 912 / 365]);
  assertEquals(shareWithin(crossingYears(crossings), 2, 3), 0.5);
  assertEquals(shareWithin([], 2, 3), NaN);
  // Never sorts after every day: the median of 730, 912, 1100 and never is (912 + 1100) / 2.
  assertEquals(medianCrossingDay(crossings), 1006);
});

Deno.test("demandOverSupplyAtEnd: each run's demand over the V supply on the last day, in run order", () => {
  const frame = pl.DataFrame({
    subset: [0, 0, 0, 0],
    run: [2, 2, 1, 1],
    timestep: [0, 9, 9, 0],
    cyberlinks_per_day: [1, 30, 12, 1],
    volt_supply: [1, 10, 8, 1],
  });
  assertEquals(demandOverSupplyAtEnd(frame), [1.5, 3]);
});

Deno.test("sweep cells: those crossing within a window of years, and the one closest to a day", () => {
  const cells = [
    { halving_period: 365, crossing_day_median: 700 },
    { halving_period: 456, crossing_day_median: 730 },
    { halving_period: 547, crossing_day_median: 1095 },
    { halving_period: 638, crossing_day_median: 1096 },
    { halving_period: 730, crossing_day_median: null },
  ];
  // 2 years is day 730 and 3 years day 1095, both included.
  assertEquals(cellsCrossingWithin(cells, [2, 3]).map((c) => c.halving_period), [456, 547]);
  // Day 912.5 is 182.5 days from 730 and from 1095: the first of the two.
  assertEquals(cellClosestTo(cells, 912.5)?.halving_period, 456);
  assertEquals(cellClosestTo(cells, 1100)?.halving_period, 638);
  assertEquals(cellClosestTo([cells[4]], 900), undefined);
});

/**
 * What the notebook reads from analyses 2 and 3 (lib/models/honey/sweeps.ts), on small hand-made per-run
 * outcomes and trajectories, every value worked by hand. No model is run.
 */
import { assertAlmostEquals, assertEquals } from "@std/assert";
import pl from "nodejs-polars";
import {
  firstFromWhichAllAbove,
  meanReserveBy,
  monthsAlongThrottles,
  priceBelowZero,
  productivityAndPolicy,
  saturatedShare,
  sharesBy,
  shareSpan,
} from "@lib/models/honey/sweeps.ts";

const close = (actual: number, expected: number) => assertAlmostEquals(actual, expected, 1e-12);

/** Analysis-2 outcomes: two targets × two throttles × two runs; a trend above 0.8 saturates. */
const OUTCOMES2 = pl.DataFrame({
  target_reserve_ratio: [0.1, 0.1, 0.1, 0.1, 0.3, 0.3, 0.3, 0.3],
  throttle: [0.002, 0.002, 0.006, 0.006, 0.002, 0.002, 0.006, 0.006],
  run: [1, 2, 1, 2, 1, 2, 1, 2],
  trend: [0.05, 0.05, 0.9, 0.05, 0.9, 0.9, 0.9, 0.05],
  months_to_saturation: [121, 121, 40, 121, 30, 50, 20, 121],
});

Deno.test("shares saturating along one parameter, pooling the others", () => {
  // Target 0.1: 1 of 4 runs saturate; 0.3: 3 of 4. Throttle 0.002: 2 of 4; 0.006: 2 of 4.
  assertEquals(sharesBy(OUTCOMES2, "target_reserve_ratio"), [{ at: 0.1, share: 0.25 }, {
    at: 0.3,
    share: 0.75,
  }]);
  assertEquals(sharesBy(OUTCOMES2, "throttle"), [{ at: 0.002, share: 0.5 }, { at: 0.006, share: 0.5 }]);
  assertEquals(shareSpan(sharesBy(OUTCOMES2, "target_reserve_ratio")), 0.5);
  assertEquals(shareSpan(sharesBy(OUTCOMES2, "throttle")), 0);
  assertEquals(saturatedShare(OUTCOMES2, ["throttle", "target_reserve_ratio"]).toRecords(), [
    { throttle: 0.002, target_reserve_ratio: 0.1, share_saturated: 0 },
    { throttle: 0.002, target_reserve_ratio: 0.3, share_saturated: 1 },
    { throttle: 0.006, target_reserve_ratio: 0.1, share_saturated: 0.5 },
    { throttle: 0.006, target_reserve_ratio: 0.3, share_saturated: 0.5 },
  ]);
});

Deno.test("the first value from which every share exceeds a half", () => {
  const at = (shares: number[]) => shares.map((share, i) => ({ at: i + 1, share }));
  assertEquals(firstFromWhichAllAbove(at([0.2, 0.6, 0.4, 0.7, 0.9]), 0.5), 4);
  assertEquals(firstFromWhichAllAbove(at([0.6, 0.7]), 0.5), 1);
  assertEquals(firstFromWhichAllAbove(at([0.6, 0.5]), 0.5), undefined, "0.5 is not above a half");
});

Deno.test("median months to saturation along the throttles at one target", () => {
  // Target 0.3: months 30 and 50 at throttle 0.002 (median 40), 20 and 121 at 0.006 (median 70.5).
  assertEquals(monthsAlongThrottles(OUTCOMES2, 0.3), [{ at: 0.002, months: 40 }, {
    at: 0.006,
    months: 70.5,
  }]);
});

Deno.test("the common pool's mean size over every month of every run", () => {
  const frame = pl.DataFrame({
    target_reserve_ratio: [0.1, 0.1, 0.1, 0.3, 0.3, 0.3],
    reserve: [100, 200, 300, 1000, 2000, 6000],
  });
  assertEquals(meanReserveBy(frame, "target_reserve_ratio"), [{ at: 0.1, pool: 200 }, {
    at: 0.3,
    pool: 3000,
  }]);
});

Deno.test("analysis 3: the productivity's effect and the policy's, per cell averaged over variance and pull", () => {
  // Two productivities × two policies, two (variance, pull) runs per cell.
  const runs3 = pl.DataFrame({
    productivity: [0.87, 0.87, 0.87, 0.87, 0.91, 0.91, 0.91, 0.91],
    target_reserve_ratio: [0.25, 0.25, 0.3, 0.3, 0.25, 0.25, 0.3, 0.3],
    throttle: [0.006, 0.006, 0.006, 0.006, 0.006, 0.006, 0.006, 0.006],
    p_variance: [0.15, 0.35, 0.15, 0.35, 0.15, 0.35, 0.15, 0.35],
    run: [1, 1, 1, 1, 1, 1, 1, 1],
    trend: [0.05, 0.05, 0.9, 0.05, 0.9, 0.05, 0.9, 0.9],
  });
  const e = productivityAndPolicy(runs3);
  // Cells at 0.87: 0 and 0.5 (mean 0.25, span 0.5); at 0.91: 0.5 and 1 (mean 0.75, span 0.5).
  assertEquals(e.byProductivity, [
    { productivity: 0.87, shares: [0, 0.5] },
    { productivity: 0.91, shares: [0.5, 1] },
  ]);
  close(e.productivityEffect, 0.5);
  close(e.policyEffect, 0.5);
  assertEquals(e.cells.height, 4);
});

Deno.test("runs whose price reached zero: touched in analysis 2, ended in analysis 3", () => {
  const sweep = pl.DataFrame({
    subset: [0, 0, 0, 0, 1, 1, 1, 1],
    run: [1, 1, 2, 2, 1, 1, 2, 2],
    price: [10, -1, 10, 12, 10, 0, 10, -3],
  });
  const outcomes3 = pl.DataFrame({ run: [1, 2, 3], final_price: [5, 0, -2] });
  // Subset 0 run 1, subset 1 runs 1 (at exactly 0) and 2: three of four runs.
  assertEquals(priceBelowZero(sweep, outcomes3), { touched: 3, runs: 4, ended: 2, runs3: 3 });
});

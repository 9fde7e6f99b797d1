/** Quantiles and medians: linear interpolation between order statistics, non-finite values left out. */
import { assert, assertAlmostEquals, assertEquals } from "@std/assert";
import { median, quantile } from "@lib/analysis/quantiles.ts";

Deno.test("quantiles interpolate between order statistics, in any input order", () => {
  assertEquals(quantile([1, 2, 3, 4], 0.5), 2.5);
  assertEquals(quantile([3, 1, 2, 4], 0.5), 2.5);
  assertEquals(quantile([1, 2, 3, 4], 0), 1);
  assertEquals(quantile([1, 2, 3, 4], 1), 4);
  // (n − 1)·q = 0.05 of the way from 10 to 20; 0.05 of the way from 0 to 10.
  assertEquals(quantile([10, 20], 0.05), 10.5);
  assertAlmostEquals(quantile([0, 10], 0.05), 0.5, 1e-12);
  assertEquals(quantile([1, 2, 3], 0.5), 2);
});

Deno.test("values that are not finite are left out; nothing left gives NaN", () => {
  assertEquals(quantile([3, 1, 2, NaN], 0.5), 2);
  assertEquals(quantile([Infinity, 1, -Infinity, 3], 0.5), 2);
  assert(Number.isNaN(quantile([], 0.5)));
  assert(Number.isNaN(quantile([NaN], 0.5)));
  assertEquals(median([4, null, 1, undefined, 2]), 2);
  assert(Number.isNaN(median([null, undefined])));
});

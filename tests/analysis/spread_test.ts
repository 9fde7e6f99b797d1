/** Spreads: the median and two percentiles, over finite values only. */
import { assertEquals, assertThrows } from "@std/assert";
import { spreadOf } from "@lib/analysis/spread.ts";

Deno.test("a spread is the median and the 5th and 95th percentiles, or the percentiles asked for", () => {
  // Five values: the 5th percentile is 0.2 of the way from 1 to 2, the 95th 0.8 of the way from 4 to 5.
  assertEquals(spreadOf([5, 1, 3, 2, 4]), { median: 3, lo: 1.2, hi: 4.8, n: 5 });
  assertEquals(spreadOf([1, 2, 3, 4, 5], 0.25, 0.75), { median: 3, lo: 2, hi: 4, n: 5 });
  assertEquals(spreadOf([7]), { median: 7, lo: 7, hi: 7, n: 1 });
});

Deno.test("a spread refuses no values and a value that is not a finite number, naming it", () => {
  assertThrows(() => spreadOf([]), Error, "spread: no values");
  assertThrows(() => spreadOf([1, NaN, 3]), Error, "value 2 of 3 is NaN, not a finite number");
  assertThrows(() => spreadOf([Infinity]), Error, "value 1 of 1 is Infinity");
});

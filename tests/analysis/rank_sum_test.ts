/** The rank-sum test and Holm's correction, on cases worked by hand. */
import { assert, assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { holm, normalUpperTail, rankSum } from "@lib/analysis/rank_sum.ts";

Deno.test("the normal tail at known points", () => {
  assertAlmostEquals(normalUpperTail(0), 0.5, 1e-7);
  assertAlmostEquals(normalUpperTail(1.959964), 0.025, 1e-6);
  assertAlmostEquals(normalUpperTail(-1.959964), 0.975, 1e-6);
});

Deno.test("rank sum: U counts the pairs won, z is tie-corrected with a continuity correction", () => {
  // a = 1, 2 against b = 3, 4, 5: every pair lost, U = 0; mean 3, variance 2·3·6/12 = 3, z = (0 − 3 + 0.5)/√3.
  const r = rankSum([1, 2], [3, 4, 5]);
  assertEquals(r.u, 0);
  assertAlmostEquals(r.z, -2.5 / Math.sqrt(3), 1e-12);
  assertAlmostEquals(r.p, 2 * normalUpperTail(2.5 / Math.sqrt(3)), 1e-12);
  // Ties: a = 1, 1 against b = 1, 2. Ranks 2, 2, 2 (three ones), 4; U = 4 − 3 = 1 (two ties of one half).
  // Tie term 3³ − 3 = 24: variance 2·2/12 · (5 − 24/12) = 1; z = (1 − 2 + 0.5)/1 = −0.5.
  const t = rankSum([1, 1], [1, 2]);
  assertEquals(t.u, 1);
  assertAlmostEquals(t.z, -0.5, 1e-12);
  // All equal: no information, p = 1.
  assertEquals(rankSum([3, 3], [3, 3, 3]).p, 1);
  assertThrows(() => rankSum([], [1]), Error, "at least one value");
});

Deno.test("Holm: step down from the smallest p-value, stop at the first that survives", () => {
  // m = 4, α = 0.05: thresholds 0.0125, 0.0167, 0.025, 0.05.
  assertEquals(holm([0.01, 0.04, 0.016, 0.03]), [true, false, true, false]);
  // 0.013 > 0.0125: nothing is rejected, even 0.02 < 0.025 further down.
  assertEquals(holm([0.013, 0.02, 0.5, 0.6]), [false, false, false, false]);
  assert(holm([]).length === 0);
});

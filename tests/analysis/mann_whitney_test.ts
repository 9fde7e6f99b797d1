import { assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { holm, mannWhitney, normalUpperTail } from "@lib/analysis/mann_whitney.ts";

Deno.test("mannWhitney: two separated samples of three, worked by hand", () => {
  // U = 0 (no a beats any b); mean 4.5, variance 3·3·7/12 = 5.25; z = (0 − 4.5 + ½)/√5.25 = −1.7457.
  const r = mannWhitney([1, 2, 3], [4, 5, 6]);
  assertEquals(r.u, 0);
  assertAlmostEquals(r.z, -4 / Math.sqrt(5.25), 1e-12);
  assertAlmostEquals(r.p, 0.080856, 1e-5);
});

Deno.test("mannWhitney: ties share their average rank and shrink the variance", () => {
  // Ranks of a: 1, 3, 3, 6 → 13, U = 13 − 10 = 3. Ties: two groups of three, Σ(t³ − t) = 48, N = 9:
  // variance = 20/12 · (10 − 48/72) = 15.556; z = (3 − 10 + ½)/3.944 = −1.648, p = 0.0993.
  const r = mannWhitney([1, 2, 2, 3], [2, 3, 3, 5, 6]);
  assertEquals(r.u, 3);
  assertAlmostEquals(r.z, -6.5 / Math.sqrt((20 / 12) * (10 - 48 / 72)), 1e-12);
  assertAlmostEquals(r.p, 0.099342, 1e-5);
});

Deno.test("mannWhitney: swapping the samples mirrors U and keeps p", () => {
  const a = [0.3, 1.2, 0.7, 2.2, 0.1];
  const b = [1.5, 0.9, 2.8, 3.1];
  const ab = mannWhitney(a, b);
  const ba = mannWhitney(b, a);
  assertEquals(ab.u + ba.u, a.length * b.length);
  assertAlmostEquals(ab.p, ba.p, 1e-15);
  assertAlmostEquals(ab.z, -ba.z, 1e-15);
});

Deno.test("mannWhitney: identical samples give p = 1; all values tied give p = 1", () => {
  assertEquals(mannWhitney([1, 2, 3], [1, 2, 3]).p, 1);
  assertEquals(mannWhitney([5, 5], [5, 5, 5]), { u: 3, z: 0, p: 1 });
});

Deno.test("mannWhitney: refuses empty or non-finite samples", () => {
  assertThrows(() => mannWhitney([], [1]));
  assertThrows(() => mannWhitney([1, NaN], [1]));
});

Deno.test("normalUpperTail: known quantiles of the standard normal", () => {
  assertAlmostEquals(normalUpperTail(0), 0.5, 1e-7);
  assertAlmostEquals(normalUpperTail(1.959964), 0.025, 1e-7);
  assertAlmostEquals(normalUpperTail(-1.644854), 0.95, 1e-7);
});

Deno.test("holm: step-down adjustment, worked by hand, in the order given", () => {
  // Sorted 0.01, 0.03, 0.04, 0.2 × 4, 3, 2, 1 = 0.04, 0.09, 0.08, 0.2 → non-decreasing 0.04, 0.09, 0.09, 0.2.
  const adjusted = holm([0.01, 0.04, 0.03, 0.2]);
  [0.04, 0.09, 0.09, 0.2].forEach((x, i) => assertAlmostEquals(adjusted[i], x, 1e-12));
  assertEquals(holm([0.6, 0.9]), [1, 1]);
  assertEquals(holm([]), []);
  assertThrows(() => holm([1.5]));
});

Deno.test("holm: never below the raw p-value, and never above Bonferroni's", () => {
  const ps = [0.001, 0.2, 0.013, 0.5, 0.04, 0.0007];
  holm(ps).forEach((q, i) => {
    if (q < ps[i] || q > Math.min(1, ps.length * ps[i])) throw new Error(`holm out of bounds at ${i}`);
  });
});

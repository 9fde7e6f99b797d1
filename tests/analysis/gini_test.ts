/** The Gini coefficient: cases worked by hand, BigInt amounts, and the rules it must keep for any population. */
import { assert, assertAlmostEquals, assertEquals } from "@std/assert";
import { gini } from "@lib/analysis/gini.ts";
import { streamFor } from "@lib/engine/random.ts";

Deno.test("Gini by hand: equal shares 0, one of n holding all (n − 1)/n, negatives as 0", () => {
  assertEquals(gini([1, 1, 1]), 0);
  // Sorted 0, 0, 1: 2·(3·1)/(3·1) − 4/3 = 2/3.
  assertAlmostEquals(gini([0, 0, 1]), 2 / 3, 1e-15);
  assertAlmostEquals(gini([0, 1]), 0.5, 1e-15);
  // 1, 2, 3, 4: 2·(1 + 4 + 9 + 16)/(4·10) − 5/4 = 1.5 − 1.25 = 0.25.
  assertAlmostEquals(gini([4, 2, 3, 1]), 0.25, 1e-15);
  assertEquals(gini([-5, 0, 0, 3]), gini([0, 0, 0, 3]), "negative wealth counts as 0");
  assertEquals(gini([0, 0]), 0);
  assertEquals(gini([]), 0);
});

Deno.test("Gini of BigInt amounts equals that of the same numbers, also beyond 2^53", () => {
  assertEquals(gini([1n, 1n, 1n]), 0);
  assertAlmostEquals(gini([0n, 0n, 3n]), 2 / 3, 1e-15);
  assertEquals(gini([4n, 2n, 3n, 1n]), gini([4, 2, 3, 1]));
  const big = [10n ** 20n, 3n * 10n ** 20n];
  assertAlmostEquals(gini(big), gini([1, 3]), 1e-15);
});

Deno.test("Gini for any population: in [0, (n − 1)/n], unchanged by order and by scale", () => {
  const rng = streamFor("gini");
  for (let trial = 0; trial < 200; trial++) {
    const n = 1 + rng.int(30);
    const xs = Array.from({ length: n }, () => (rng.random() < 0.2 ? 0 : rng.random() * 100));
    const g = gini(xs);
    assert(g >= -1e-12 && g <= (n - 1) / n + 1e-12, `${g} for ${xs}`);
    assertAlmostEquals(gini(rng.shuffle([...xs])), g, 1e-12);
    assertAlmostEquals(gini(xs.map((x) => x * 1000)), g, 1e-12);
  }
});

/** "Did you mean": edit distances worked by hand, and what is (and is not) offered. */
import { assert, assertEquals } from "@std/assert";
import { closest, didYouMean, editDistance } from "@lib/engine/suggest.ts";
import { streamFor } from "@lib/engine/random.ts";

Deno.test("edit distance: insertions, deletions, substitutions and neighbour swaps cost one each", () => {
  assertEquals(editDistance("kitten", "sitting"), 3); // k→s, e→i, +g
  assertEquals(editDistance("throtlte", "throttle"), 1); // one swap
  assertEquals(editDistance("throtle", "throttle"), 1); // one insertion
  assertEquals(editDistance("Throttle", "throttle"), 0); // case ignored
  assertEquals(editDistance("", "abc"), 3);
  assertEquals(editDistance("ca", "abc"), 3); // the OSA distance: no edit of a swapped pair
});

Deno.test("edit distance is symmetric, zero only for equal text, at most the longer length", () => {
  const rng = streamFor("suggest");
  const word = () => Array.from({ length: rng.int(8) }, () => "abc_"[rng.int(4)]).join("");
  for (let i = 0; i < 500; i++) {
    const [a, b] = [word(), word()];
    const d = editDistance(a, b);
    assertEquals(d, editDistance(b, a), `${a} ${b}`);
    assertEquals(d === 0, a === b, `${a} ${b}`);
    assert(d <= Math.max(a.length, b.length), `${a} ${b}`);
    assert(d >= Math.abs(a.length - b.length), `${a} ${b}`);
  }
});

Deno.test("the closest names, at most three, nearest first; nothing when nothing is close", () => {
  const known = ["throttle", "target_reserve_ratio", "outflow_rate", "productivity", "p_pull", "p_variance"];
  assertEquals(closest("throtle", known), ["throttle"]);
  assertEquals(closest("p_pul", known), ["p_pull"]);
  assertEquals(closest("reserve", known), ["target_reserve_ratio"]); // contained
  assertEquals(closest("zzzzzz", known), []);
  assertEquals(closest("p", known), []); // too short to match by containment, too far to edit
  const many = ["ab1", "ab2", "ab3", "ab4", "ab5"];
  assertEquals(closest("ab", many), ["ab1", "ab2", "ab3"]);
  assertEquals(didYouMean("throtle", known), "did you mean throttle?");
  assertEquals(didYouMean("ab", many, "--"), "did you mean --ab1, --ab2 or --ab3?");
  assertEquals(didYouMean("zzzzzz", known), undefined);
});

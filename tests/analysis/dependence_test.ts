/** lib/analysis/dependence.ts on hand-made samples: the share, and which parameters flip the verdict. */
import { assert, assertEquals } from "@std/assert";
import { dependenceOf } from "@lib/analysis/dependence.ts";

const a = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const noise = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3];

Deno.test("dependenceOf: the quantity follows a; b is noise; half the points pass", () => {
  const d = dependenceOf({ a, b: noise }, a.map((x) => 2 * x), (v) => v > 10, true, "10 points");
  assertEquals(d.share, 0.5);
  assertEquals(d.flips, ["a"]);
  assert(d.prcc.a > 0.99);
  assertEquals(d.sample, "10 points");
});

Deno.test("dependenceOf: nothing flips a verdict no point changes; a flat quantity has no PRCC", () => {
  const always = dependenceOf({ a, b: noise }, a, () => true, true, "s");
  assertEquals([always.share, always.flips], [1, []]);
  // Failing at every point where it also fails at the defaults: nothing flips it.
  const never = dependenceOf({ a, b: noise }, a, () => false, false, "s");
  assertEquals([never.share, never.flips], [0, []]);
  // Holding at the defaults but at no sampled point: the parameter that moves the quantity flips it.
  const nowhere = dependenceOf({ a, b: noise }, a, () => false, true, "s");
  assertEquals([nowhere.share, nowhere.flips], [0, ["a"]]);
  const flat = dependenceOf({ a }, a.map(() => 1), (v) => v > 2, false, "s");
  assertEquals([flat.share, flat.flips, Number.isNaN(flat.prcc.a)], [0, [], true]);
});

/**
 * Partial rank correlation (PRCC): ranks, residuals and correlations by hand, PRCC against values computed
 * independently of the implementation (Spearman correlations by their rank-difference formula, then the
 * partial-correlation formula), and the drivers of a made-up output found with their directions.
 */
import { assert, assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { latinHypercube } from "@lib/analysis/lhs.ts";
import { correlation, prcc, residuals, sensitivity } from "@lib/analysis/prcc.ts";
import { ranks } from "@lib/analysis/ranks.ts";
import { streamFor } from "@lib/engine/random.ts";
import { walkParams } from "../support/walk_model.ts";

Deno.test("ranks average ties; residuals remove a linear fit; correlations by hand", () => {
  assertEquals(ranks([10, 30, 20, 20]), [1, 4, 2.5, 2.5]);
  assertEquals(correlation([1, 2, 3], [2, 4, 6]), 1);
  assertEquals(correlation([1, 2, 3], [3, 2, 1]), -1);
  assertEquals(correlation([1, 1, 1], [3, 2, 1]), 0);
  const r = residuals([3, 5, 7, 9], [[1, 2, 3, 4]]); // y = 1 + 2x exactly
  assert(r.every((v) => Math.abs(v) < 1e-9));
});

Deno.test("PRCC finds the inputs that drive an output and their direction", () => {
  const n = 200;
  const lists = latinHypercube(walkParams, { drift: [0, 1], noise: [0, 1], steps_per_block: [1, 100] }, n, 3);
  const [a, b, c] = [lists.drift, lists.noise, lists.steps_per_block] as number[][];
  const noise = streamFor("prcc-noise");
  // Strong positive effect of a, moderate negative of b, none of c; monotone but nonlinear in a.
  const y = a.map((x, i) => Math.exp(3 * x) - 2 * b[i] + 0.05 * noise.normal());
  const s = prcc({ drift: a, noise: b, steps_per_block: c }, y);
  assert(s.drift > 0.95, `drift ${s.drift}`);
  assert(s.noise < -0.8, `noise ${s.noise}`);
  assertAlmostEquals(s.steps_per_block, 0, 0.2);
  assertThrows(() => prcc({ x: [1, 2] }, [1, 2]), Error, "too few");
});

Deno.test("a sensitivity table lists every parameter for every outcome, strongest first", () => {
  const a = [1, 2, 3, 4, 5, 6, 7, 8];
  const b = [5, 3, 8, 1, 7, 2, 6, 4];
  const rows = sensitivity(
    { a, b, up: a.map((x, i) => x + 0.01 * b[i]), down: b.map((x) => -x) },
    ["a", "b"],
    [
      "up",
      "down",
    ],
  );
  assertEquals(rows.map((r) => [r.outcome, r.parameter]), [["up", "a"], ["up", "b"], ["down", "b"], [
    "down",
    "a",
  ]]);
  assert(rows[2].prcc < -0.99);
  assertThrows(() => sensitivity({ a }, ["a"], ["nope"]), Error, "no column 'nope'");
});

/** Spearman's correlation of values without ties: 1 − 6·Σd²/(n(n² − 1)), d the rank differences. */
function spearman(a: readonly number[], b: readonly number[]): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const n = a.length;
  const d2 = ra.reduce((s, r, i) => s + (r - rb[i]) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

/** The correlation of x and y with z held fixed, from their three correlations. */
const partial = (xy: number, xz: number, yz: number) =>
  (xy - xz * yz) / Math.sqrt((1 - xz ** 2) * (1 - yz ** 2));

Deno.test("PRCC equals the partial correlation of ranks, worked by hand on five samples", () => {
  // Ranks: x1 1 2 3 4 5, x2 2 1 4 3 5, y 1 3 2 5 4 (the values are monotone transforms of them).
  const x1 = [0.1, 0.5, 0.9, 3, 10];
  const x2 = [20, 10, 40, 30, 50];
  const y = [1, 9, 4, 100, 25];
  // Rank differences and Spearman's 1 − 6·Σd²/120:
  //   x1–x2: −1 1 −1 1 0, Σd² = 4 → 0.8;  x1–y: 0 −1 1 −1 1, Σd² = 4 → 0.8;  x2–y: 1 −2 2 −2 1, Σd² = 14 → 0.3.
  // Partial correlations: x1 with y given x2: (0.8 − 0.8·0.3)/√((1 − 0.64)(1 − 0.09)) = (14/15)/√0.91;
  //   x2 with y given x1: (0.3 − 0.8·0.8)/√((1 − 0.64)(1 − 0.64)) = −0.34/0.36 = −17/18.
  const s = prcc({ x1, x2 }, y);
  assertAlmostEquals(s.x1, 14 / 15 / Math.sqrt(0.91), 1e-12);
  assertAlmostEquals(s.x2, -17 / 18, 1e-12);
});

Deno.test("PRCC of three inputs equals the partial correlation given two, by the recursive formula", () => {
  const rng = streamFor("prcc-reference");
  for (let trial = 0; trial < 20; trial++) {
    const n = 8 + rng.int(30);
    // Continuous draws: no ties, so Spearman's formula applies.
    const [a, b, c] = [0, 1, 2].map(() => Array.from({ length: n }, () => rng.random()));
    const y = a.map((x, i) => Math.exp(2 * x) - b[i] + 0.5 * c[i] * a[i] + 0.3 * rng.normal());
    const r = (u: number[], v: number[]) => spearman(u, v);
    // ρ(a, y | b, c) = partial of ρ(a, y | b) and ρ(a, c | b), ρ(y, c | b) (Yule's recursion).
    const ayGivenB = partial(r(a, y), r(a, b), r(y, b));
    const acGivenB = partial(r(a, c), r(a, b), r(c, b));
    const ycGivenB = partial(r(y, c), r(y, b), r(c, b));
    const s = prcc({ a, b, c }, y);
    assertAlmostEquals(s.a, partial(ayGivenB, acGivenB, ycGivenB), 1e-9, `trial ${trial}, n ${n}`);
  }
});

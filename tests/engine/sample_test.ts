/** Latin-hypercube sampling and the PRCC sensitivity analysis. */
import { assert, assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { ParamError } from "@lib/engine/params.ts";
import { latinHypercube, stratumOf } from "@lib/engine/sample.ts";
import { correlation, prcc, ranks, residuals, sensitivity } from "@lib/engine/sensitivity.ts";
import { streamFor } from "@lib/engine/random.ts";
import { walkParams } from "../support/walk_model.ts";

Deno.test("property: every parameter uses each of the N strata exactly once, within its interval", () => {
  const rng = streamFor("lhs-property");
  for (let trial = 0; trial < 40; trial++) {
    const n = 2 + rng.int(60);
    const lo = -5 + rng.random() * 4;
    const hi = lo + 0.1 + rng.random() * 5;
    const lists = latinHypercube(walkParams, { drift: [lo, hi], noise: [0, 5] }, n, trial);
    for (const [name, [a, b]] of [["drift", [lo, hi]], ["noise", [0, 5]]] as const) {
      const values = lists[name] as number[];
      assertEquals(values.length, n);
      assert(values.every((v) => v >= a && v <= b), `${name} within [${a}, ${b}]`);
      const strata = values.map((v) => stratumOf(v, a, b, n)).sort((x, y) => x - y);
      assertEquals(strata, Array.from({ length: n }, (_, i) => i), `trial ${trial}, ${name}`);
    }
  }
});

Deno.test("samples are reproducible for a seed, differ for another, and pair parameters at random", () => {
  const a = latinHypercube(walkParams, { drift: [0, 1], noise: [0, 1] }, 20, 7);
  assertEquals(latinHypercube(walkParams, { drift: [0, 1], noise: [0, 1] }, 20, 7), a);
  assert(latinHypercube(walkParams, { drift: [0, 1], noise: [0, 1] }, 20, 8).drift[0] !== a.drift[0]);
  // Independent permutations: the two parameters are not in lock-step.
  assert(Math.abs(correlation(a.drift as number[], a.noise as number[])) < 0.9);
});

Deno.test("whole-number parameters are rounded; bad requests are named", () => {
  const lists = latinHypercube(walkParams, { steps_per_block: [1, 10] }, 10, 1);
  assert((lists.steps_per_block as number[]).every(Number.isInteger));
  assertThrows(() => latinHypercube(walkParams, { mode: [0, 1] }, 5, 1), ParamError, "'mode' is not one");
  assertThrows(
    () => latinHypercube(walkParams, { nope: [0, 1] }, 5, 1),
    ParamError,
    "unknown parameter 'nope'",
  );
  assertThrows(
    () => latinHypercube(walkParams, { constructor: [0, 1] as const }, 5, 1),
    ParamError,
    "unknown parameter",
  );
  assertThrows(() => latinHypercube(walkParams, { drift: [1, 1] }, 5, 1), ParamError, "lo < hi");
  assertThrows(() => latinHypercube(walkParams, { drift: [0, 1] }, 1, 1), ParamError, "≥ 2");
});

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

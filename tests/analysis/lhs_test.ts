/** Latin-hypercube sampling: every stratum used once per parameter, reproducible, bad requests named. */
import { assert, assertEquals, assertThrows } from "@std/assert";
import { ParamError } from "@lib/engine/params.ts";
import { latinHypercube, stratumOf } from "@lib/analysis/lhs.ts";
import { correlation } from "@lib/analysis/prcc.ts";
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

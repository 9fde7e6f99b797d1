/**
 * The dataDAO model's uncertain parameters sampled by Latin hypercube (lib/models/datadao/dependence.ts):
 * points inside the stated ranges, one per stratum, and each variant's claim quantities in range.
 */
import { assert, assertEquals } from "@std/assert";
import { runDependence, sampledInputs, UNCERTAIN } from "@lib/models/datadao/dependence.ts";

Deno.test("runDependence: three short points, inside the ranges, one per stratum, reproducible", () => {
  const options = { points: 3, seed: 5, steps: 60 };
  const points = runDependence(options);
  const inputs = sampledInputs(points);
  for (const [name, [lo, hi]] of Object.entries(UNCERTAIN)) {
    const strata = inputs[name as keyof typeof UNCERTAIN].map((v) =>
      Math.min(2, Math.floor((v - lo) / (hi - lo) * 3))
    )
      .sort();
    assertEquals(strata, [0, 1, 2], name);
  }
  for (const p of points) {
    for (const o of Object.values(p.outcomes)) {
      assert(o.org_share >= 0 && o.org_share <= 1 && o.price_swing >= 1 && o.spend_over_mint >= 0);
    }
  }
  assertEquals(runDependence(options), points);
});

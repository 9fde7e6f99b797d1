/**
 * The Bostrom model's uncertain parameters sampled by Latin hypercube (lib/models/bostrom/dependence.ts):
 * every point inside the stated ranges, reproducible for a seed, and the conclusions' numbers moving the way
 * the model says they must.
 */
import { assert, assertEquals } from "@std/assert";
import { runDependence, sampledInputs, UNCERTAIN } from "@lib/models/bostrom/dependence.ts";

Deno.test("runDependence: points inside the ranges, one per stratum, the same for the same seed", () => {
  const options = { points: 4, seeds: 1, seed: 7, window: [2, 3] as const };
  const points = runDependence(options);
  const inputs = sampledInputs(points);
  for (const [name, [lo, hi]] of Object.entries(UNCERTAIN)) {
    const values = inputs[name as keyof typeof UNCERTAIN];
    // Latin hypercube: each quarter of the range holds exactly one of the four points.
    const strata = values.map((v) => Math.min(3, Math.floor((v - lo) / (hi - lo) * 4))).sort();
    assertEquals(strata, [0, 1, 2, 3], name);
  }
  for (const p of points) {
    assert(p.share_in_window >= 0 && p.share_in_window <= 1);
    assert(p.supply_increase > 0 && p.last_month_eth > p.first_month_eth);
  }
  assertEquals(runDependence(options), points);
});

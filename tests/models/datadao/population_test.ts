/**
 * The population against its target proportions (lib/models/datadao/population.ts), on small hand-made
 * tables with every expected value worked by hand; no model is run.
 */
import { assert, assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import pl from "nodejs-polars";
import { countsAgree, population, proportionDrift, proportions } from "@lib/models/datadao/population.ts";
import { counts, timeseriesOf } from "./tables.ts";

const close = (actual: number, expected: number) => assertAlmostEquals(actual, expected, 1e-12);

/** 11 agents at the start; at step 5, 20 on target (reference) and 20 off it by 2 degens (documented). */
const populations = timeseriesOf([
  { variant: "reference", timestep: 0, ...counts(4, 1, 1, 3, 2) },
  { variant: "reference", timestep: 5, ...counts(8, 1, 1, 6, 4) },
  { variant: "documented", timestep: 0, ...counts(4, 1, 1, 3, 2) },
  { variant: "documented", timestep: 5, ...counts(10, 1, 1, 5, 3) },
]);

Deno.test("population and proportions: agents at a timestep; final shares against the targets", () => {
  assertEquals([population(populations, "reference", 0), population(populations, "documented", 5)], [11, 20]);
  assertThrows(() => population(populations, "reference", 3), Error, "no timestep 3");
  // The first variant's last step: 8, 1, 1, 6, 4 of 20 against 40/5/5/30/20%.
  assertEquals(proportions(populations), [
    { type: "degen", count: 8, share: 0.4, target: 0.4 },
    { type: "organization", count: 1, share: 0.05, target: 0.05 },
    { type: "power", count: 1, share: 0.05, target: 0.05 },
    { type: "active", count: 6, share: 0.3, target: 0.3 },
    { type: "casual", count: 4, share: 0.2, target: 0.2 },
  ]);
});

Deno.test("proportionDrift: the largest gap between a count and its target share, and its step", () => {
  const drift = proportionDrift(populations);
  // Step 0, 11 agents: targets 4.4, 0.55, 0.55, 3.3, 2.2; organizations (first of the two 0.45 gaps) lead.
  close(drift.reference.largestGap, 0.45);
  assertEquals([drift.reference.atStep, drift.reference.finalPopulation], [0, 20]);
  // Step 5, 20 agents: 10 degens against a target of 8.
  close(drift.documented.largestGap, 2);
  assertEquals([drift.documented.atStep, drift.documented.finalPopulation], [5, 20]);
  // The same largest gap at steps 0 and 5: the first is reported.
  const twice = timeseriesOf(["reference", "documented"].flatMap((variant) => [
    { variant, timestep: 0, ...counts(4, 1, 1, 3, 2) },
    { variant, timestep: 5, ...counts(4, 1, 1, 3, 2) },
  ]));
  assertEquals(proportionDrift(twice).reference.atStep, 0);
  assert(!countsAgree(populations));
  const same = populations.withColumns(
    pl.when(pl.col("variant").eq(pl.lit("documented")).and(pl.col("timestep").eq(5)))
      .then(pl.lit(8)).otherwise(pl.col("count_degen")).alias("count_degen"),
    pl.when(pl.col("variant").eq(pl.lit("documented")).and(pl.col("timestep").eq(5)))
      .then(pl.lit(6)).otherwise(pl.col("count_active")).alias("count_active"),
    pl.when(pl.col("variant").eq(pl.lit("documented")).and(pl.col("timestep").eq(5)))
      .then(pl.lit(4)).otherwise(pl.col("count_casual")).alias("count_casual"),
  );
  assert(countsAgree(same));
});

/**
 * The sweep sample (lib/models/bitrewards/sweep_sample.ts): the plans run set by set, each run is told its
 * set, the single-run bias worked by hand, and a sweep claim's dependence read from a hand-made sample.
 */
import { assert, assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import pl from "nodejs-polars";
import { sweepPlan } from "@lib/models/bitrewards/experiments.ts";
import { INTERVALS, PARAMETERS } from "@lib/models/bitrewards/sensitivity.ts";
import {
  gridsOf,
  sampleSweeps,
  SWEEP_STATISTICS,
  sweepDependence,
  withSets,
} from "@lib/models/bitrewards/sweep_sample.ts";
import { singleRunBias } from "@lib/models/bitrewards/sweeps.ts";

/** Three sets, each parameter at a quarter, half and three quarters of its interval. */
const SAMPLE = Object.fromEntries(
  PARAMETERS.map((p) => {
    const [lo, hi] = INTERVALS[p];
    return [p, [1, 2, 3].map((q) => lo + (q / 4) * (hi - lo))];
  }),
);

Deno.test("the sample's sweeps run set by set: subset k·cells + j is set k's values at the sweep's cell j", async () => {
  const axes = { gasFeeShares: [0.001, 0.01], fundingSplits: [0.01, 0.05], tracingAccuracies: [0, 0.5, 1] };
  const sweeps = sampleSweeps(SAMPLE, axes);
  const map = await sweepPlan(sweeps.map, { runs: 1 });
  const line = await sweepPlan(sweeps.line, { runs: 1 });
  assertEquals([map.subsets.length, line.subsets.length], [3 * 4, 3 * 3]);
  map.subsets.forEach((s, i) => {
    const k = Math.floor(i / 4);
    for (const p of ["tracing_accuracy", "churn_threshold", "aspiration_income_creators"]) {
      assertEquals(s.params[p], SAMPLE[p][k], `map subset ${i}: ${p}`);
    }
  });
  line.subsets.forEach((s, i) => {
    const k = Math.floor(i / 3);
    assertEquals(s.params.investor_royalty_min, SAMPLE.funding_split[k]);
    assertEquals(s.params.investor_royalty_max, SAMPLE.funding_split[k]);
    assertEquals(s.params.gas_fee_share_rate, SAMPLE.gas_fee_share_rate[k]);
    assertEquals(s.params.tracing_accuracy, axes.tracingAccuracies[i % 3]);
  });
});

Deno.test("withSets gives each run its set and refuses a run that does not carry its set's values", () => {
  const outcomes = pl.DataFrame({
    subset: [0, 1, 2, 3, 4, 5],
    tracing_accuracy: [0.12, 0.12, 0.22, 0.22, 0.32, 0.32],
  });
  const sample = { tracing_accuracy: [0.12, 0.22, 0.32] };
  assertEquals(withSets(outcomes, 2, sample, ["tracing_accuracy"]).getColumn("set").toArray(), [
    0,
    0,
    1,
    1,
    2,
    2,
  ]);
  assertThrows(() => withSets(outcomes, 3, sample, ["tracing_accuracy"]), Error, "run 3 does not carry");
});

Deno.test("single-run bias: the mean statistic of each run position's cells minus that of the medians", () => {
  // A line of two points, three runs each: runs (0, 0.4), (0.2, 0.2), (0.1, 0.3). Medians 0.1 and 0.3: a
  // jump of 0.2. Run by run the jumps are 0.4, 0 and 0.2: mean 0.2, no bias. The highest value: medians
  // 0.3; run by run 0.4, 0.2, 0.3, mean 0.3, no bias either; a noisier second point raises both.
  const line = pl.DataFrame({
    tracing_accuracy: [0, 0, 0, 1, 1, 1],
    share: [0, 0.2, 0.1, 0.4, 0.2, 0.3],
  });
  const grid = [{ outcomes: line, keys: ["tracing_accuracy"] }];
  const highest = (cells: readonly Record<string, number>[][]) =>
    Math.max(...cells.flat().map((c) => c.value));
  assertAlmostEquals(singleRunBias(grid, "share", highest), 0, 1e-12);
  const noisy = [{
    outcomes: line.withColumns(pl.Series("share", [0, 0.2, 0.1, 0.6, 0.0, 0.3])),
    keys: ["tracing_accuracy"],
  }];
  // Medians 0.1 and 0.3: highest 0.3. Run by run 0.6, 0.2, 0.3: mean 0.3667, bias 0.0667.
  assertAlmostEquals(singleRunBias(noisy, "share", highest), 1.1 / 3 - 0.3, 1e-12);
});

Deno.test("a sweep claim's dependence: each set's statistic less the single-run bias, judged by the criterion", () => {
  // Eight sets, one run a cell; set k's investors' share peaks at 0.3 + 0.05k on the map (line lower).
  const sets = 8;
  const values = Object.fromEntries(
    PARAMETERS.map((p, i) => [p, Array.from({ length: sets }, (_, k) => ((k * (i + 3)) % sets) / sets + i)]),
  );
  // The set's own rank order for one parameter, so that it drives the share.
  values.aspiration_income_creators = Array.from({ length: sets }, (_, k) => 0.01 + k * 0.003);
  const cells = [[0.001, 0.01], [0.001, 0.05], [0.01, 0.01], [0.01, 0.05]];
  const map = pl.DataFrame({
    set: Array.from({ length: sets * 4 }, (_, i) => Math.floor(i / 4)),
    gas_fee_share_rate: Array.from({ length: sets * 4 }, (_, i) => cells[i % 4][0]),
    investor_royalty_max: Array.from({ length: sets * 4 }, (_, i) => cells[i % 4][1]),
    investor_share: Array.from(
      { length: sets * 4 },
      (_, i) => (i % 4 === 3 ? 0.3 + 0.05 * Math.floor(i / 4) : 0.1),
    ),
  });
  const line = pl.DataFrame({
    set: Array.from({ length: sets * 2 }, (_, i) => Math.floor(i / 2)),
    tracing_accuracy: Array.from({ length: sets * 2 }, (_, i) => i % 2),
    investor_share: Array(sets * 2).fill(0.1),
    // Tracing 0 → 1 moves fees to upstream creators by 0.2 in every set: one step carries it all.
    upstream_creator_share: Array.from({ length: sets * 2 }, (_, i) => 0.2 * (i % 2)),
  });
  // The main sweeps: two runs a cell, the top cell's runs 0.3 and 0.5 (median 0.4; run by run highest 0.3
  // and 0.5, mean 0.4): no bias.
  const main = {
    map: pl.DataFrame({
      gas_fee_share_rate: cells.flatMap((c) => [c[0], c[0]]),
      investor_royalty_max: cells.flatMap((c) => [c[1], c[1]]),
      investor_share: [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.3, 0.5],
    }),
    line: pl.DataFrame({
      tracing_accuracy: [0, 0, 1, 1],
      investor_share: [0.1, 0.1, 0.1, 0.1],
      upstream_creator_share: [0, 0, 0.2, 0.2],
    }),
  };
  const sample = { sets, runs: 1, values, map, line };
  const dominate = sweepDependence(sample, "investors_dominate", main, (x) => x >= 50, 100);
  // Sets 4–7 peak at 50, 55, 60, 65 %: half the sample holds.
  assertEquals(dominate.share, 0.5);
  assert(dominate.flips.includes("aspiration_income_creators"), dominate.flips.join());
  assert(dominate.sample.startsWith("8 Latin-hypercube sets, at each the gas fee × funding split map"));
  assert(
    dominate.sample.includes("1 run a cell; each set's statistic less 0 (the excess 1 run a cell adds"),
    dominate.sample,
  );
  // A bias measured on the main sweeps moves every set: two top cells that take turns being highest, runs
  // 0.1/0.5 and 0.5/0.1, have medians 0.3 and 0.3 (highest 0.3) but a highest of 0.5 run by run: a bias of
  // 20 points, so no set clears 50 (the highest, 65, less 20).
  const turns = {
    ...main,
    map: main.map.withColumns(pl.Series("investor_share", [0.1, 0.1, 0.1, 0.1, 0.1, 0.5, 0.5, 0.1])),
  };
  const { column, statistic } = SWEEP_STATISTICS.investors_dominate;
  assertAlmostEquals(singleRunBias(gridsOf("both", turns.map, turns.line), column, statistic), 0.2, 1e-12);
  assertEquals(sweepDependence(sample, "investors_dominate", turns, (x) => x >= 50, 100).share, 0);
  // The line claim reads the line alone: every set's one step carries 100 % of the change.
  const critical = sweepDependence(sample, "critical_tracing", main, (x) => x >= 30, 100);
  assertEquals([critical.share, critical.flips], [1, []]);
  assert(critical.sample.includes("at each the tracing line at the set's gas fee"), critical.sample);
});

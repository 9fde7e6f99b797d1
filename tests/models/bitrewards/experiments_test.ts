/**
 * BITrewards experiments (lib/models/bitrewards/experiments.ts): the notebook's parameters cell holds exactly
 * the default settings, bad settings are refused with the setting named, and each plan takes its grid, runs
 * and seed from the settings.
 */
import { assert, assertEquals, assertNotEquals, assertRejects, assertThrows } from "@std/assert";
import pl from "nodejs-polars";
import {
  checkSettings,
  CONTROL_CHURN,
  DEFAULT_SETTINGS,
  phasePlan,
  runBitrewards,
  runPointsApart,
  scenarioPlan,
  type Settings,
  tracingPlan,
  untracedPlan,
} from "@lib/models/bitrewards/experiments.ts";
import { notebookParameters } from "../../support/notebook_parameters.ts";

const NOTEBOOK = new URL("../../../notebooks/bitrewards.ipynb", import.meta.url);

Deno.test("the notebook's parameters cell holds every setting, at its default", async () => {
  assertEquals(await notebookParameters(NOTEBOOK), { ...DEFAULT_SETTINGS });
});

Deno.test("settings the experiments cannot use are refused, naming the setting", () => {
  checkSettings(DEFAULT_SETTINGS);
  const refused = (change: Partial<Settings>, message: string) =>
    assertThrows(() => checkSettings({ ...DEFAULT_SETTINGS, ...change }), RangeError, message);
  refused({ runs: 0 }, "settings.runs is 0: a whole number ≥ 1");
  refused({ seed: 1.5 }, "settings.seed is 1.5: a whole number ≥ 0");
  refused({ phaseRuns: 2.5 }, "settings.phaseRuns is 2.5");
  // Five parameters are sampled: Fisher's z needs n − 5 − 2 > 0 sets.
  refused({ lhsSamples: 7 }, "settings.lhsSamples is 7: a whole number ≥ 8");
  refused({ tracingAccuracies: [0.5] }, "settings.tracingAccuracies is [0.5]: a list of at least 2 values");
  refused(
    { tracingAccuracies: [0, 1.2] },
    "settings.tracingAccuracies is [0, 1.2]: tracing_accuracy values from 0 to 1, not 1.2",
  );
  refused(
    { gasFeeShares: [0.001, 0.5] },
    "settings.gasFeeShares is [0.001, 0.5]: gas_fee_share_rate values from",
  );
  refused(
    { fundingSplits: [-0.01, 0.02] },
    "settings.fundingSplits is [-0.01, 0.02]: investor_royalty_max values from 0",
  );
  refused({ calibrationSeed: -1 }, "settings.calibrationSeed is -1");
  refused({ calibrationSeed: 42 }, "settings.calibrationSeed is 42: a seed other than settings.seed (42)");
});

Deno.test("runBitrewards refuses bad settings before running anything", async () => {
  await assertRejects(
    () => runBitrewards({ ...DEFAULT_SETTINGS, tracingRuns: 0 }),
    RangeError,
    "tracingRuns",
  );
});

Deno.test("the sweeps take their grids, runs and seed from the settings, under the control's churn rule", async () => {
  const s: Settings = {
    ...DEFAULT_SETTINGS,
    seed: 7,
    tracingAccuracies: [0, 0.5, 1],
    tracingRuns: 3,
    gasFeeShares: [0.002, 0.004],
    fundingSplits: [0.01, 0.02, 0.04],
    phaseRuns: 2,
  };
  const tracing = await tracingPlan(s);
  assertEquals([tracing.subsets.length, tracing.runs, tracing.seed], [3, 3, 7]);
  assertEquals(tracing.subsets.map((x) => x.params.tracing_accuracy), [0, 0.5, 1]);
  for (const { params } of tracing.subsets) {
    assertEquals([params.gas_fee_share_rate, params.investor_royalty_min, params.investor_royalty_max], [
      0.005,
      0.02,
      0.02,
    ]);
    assertEquals([params.churn_threshold, params.churn_steps], [
      CONTROL_CHURN.churn_threshold,
      CONTROL_CHURN.churn_steps,
    ]);
  }
  const untraced = await untracedPlan(s);
  assertEquals([untraced.subsets.length, untraced.runs], [1, 3]);
  assertEquals(untraced.subsets[0].params.tracing_false_positive_rate, 0);
  // 2 gas fee shares × 3 splits, each split written to both royalty bounds.
  const phase = await phasePlan(s);
  assertEquals([phase.subsets.length, phase.runs, phase.seed], [6, 2, 7]);
  assertEquals(
    phase.subsets.map((x) => [x.params.gas_fee_share_rate, x.params.investor_royalty_max]),
    [[0.002, 0.01], [0.002, 0.02], [0.002, 0.04], [0.004, 0.01], [0.004, 0.02], [0.004, 0.04]],
  );
  assertEquals(
    phase.subsets.every((x) => x.params.investor_royalty_min === x.params.investor_royalty_max),
    true,
  );
});

Deno.test("a scenario's plan keeps its shipped runs and seed unless told otherwise", async () => {
  const shipped = await scenarioPlan("baseline");
  assertEquals([shipped.runs, shipped.seed, shipped.subsets.length], [8, 42, 4]);
  const control = await scenarioPlan("baseline", { set: { ...CONTROL_CHURN }, runs: 2, seed: 5 });
  assertEquals([control.runs, control.seed], [2, 5]);
  assertEquals(control.subsets[0].params.churn_threshold, 0.2);
  // The original's configurations keep their own seed bases.
  assertEquals((await scenarioPlan("original_low_tracing_accuracy", { runs: 8 })).seed, 110);
});

Deno.test("runPointsApart: every sweep point from its own seed, run ids as in one plan, same seed same tables", async () => {
  const plan = await scenarioPlan("original_baseline", { runs: 2, seed: 4 });
  const short = { ...plan, steps: 12 };
  const t = await runPointsApart(short, 1);
  assertEquals(t.run_summary.getColumn("run_id").toArray(), [1, 2, 3, 4, 5, 6, 7, 8]);
  assertEquals(t.run_summary.getColumn("subset").toArray(), [0, 0, 1, 1, 2, 2, 3, 3]);
  assertEquals(t.timeseries.getColumn("run_id").unique().sort().toArray(), [1, 2, 3, 4, 5, 6, 7, 8]);
  assertEquals(t.agent_outcomes.height, 8 * (30 + 6 + 60));
  // Run 1 of two points no longer share a stream: their contributions differ.
  const contributions = (run: number) =>
    t.timeseries.filter(pl.col("run_id").eq(run)).getColumn("total_contributions").toArray();
  assertNotEquals(contributions(1), contributions(3));
  const seeds = t.run_summary.getColumn("random_seed").toArray();
  assert(new Set(seeds).size === seeds.length, "every run has its own seed");
  const again = await runPointsApart(short, 1);
  assertEquals(again.timeseries.writeCSV().toString(), t.timeseries.writeCSV().toString());
});

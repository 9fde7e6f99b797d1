/**
 * Gonka's experiments (lib/models/gonka/experiments.ts): the notebook's parameters cell holds exactly the
 * default settings, bad settings are refused with the setting named, and a small factor sweep by hand.
 */
import { assert, assertEquals, assertRejects, assertThrows } from "@std/assert";
import {
  checkSettings,
  DEFAULT_SETTINGS,
  runFactorSweeps,
  runGonka,
  type Settings,
} from "@lib/models/gonka/experiments.ts";
import { notebookParameters } from "../../support/notebook_parameters.ts";

const NOTEBOOK = new URL("../../../notebooks/gonka-rewards.ipynb", import.meta.url);

Deno.test("the notebook's parameters cell holds every setting, at its default", async () => {
  assertEquals(await notebookParameters(NOTEBOOK), { ...DEFAULT_SETTINGS });
});

Deno.test("settings the experiments cannot use are refused, naming the setting", () => {
  checkSettings(DEFAULT_SETTINGS);
  const refused = (change: Partial<Settings>, message: string) =>
    assertThrows(() => checkSettings({ ...DEFAULT_SETTINGS, ...change }), RangeError, message);
  refused({ years: 0 }, "settings.years is 0");
  refused({ years: 30.5 }, "settings.years is 30.5: a whole number");
  refused({ horizonYears: 61 }, "settings.horizonYears is 61: at most settings.years (60)");
  refused({ horizonYears: 1 }, "settings.horizonYears is 1: a whole number ≥ 2");
  refused({ growthYears: 1 }, "settings.growthYears is 1: a whole number ≥ 2"); // growth lasts 730 epochs
  refused({ largeNetworkGpus: 0 }, "settings.largeNetworkGpus is 0");
  refused({ capShares: [0.5, 1.5] }, "settings.capShares is [0.5, 1.5]: each a share in (0, 1], not 1.5");
  refused({ sweepSlots: [0] }, "settings.sweepSlots is [0]: each a slot from 1 to 20, not 0");
  refused(
    { utilizationBonusFactors: [0, 1] },
    "settings.utilizationBonusFactors is [0, 1]: a list that includes 0.5, the proposal's value",
  );
  refused(
    { fullCoverageBonusFactors: [1] },
    "settings.fullCoverageBonusFactors is [1]: a list that includes 1.2, the proposal's value",
  );
});

Deno.test("runGonka refuses bad settings before running anything", async () => {
  await assertRejects(
    () => runGonka({ ...DEFAULT_SETTINGS, years: 20 }),
    RangeError,
    "settings.horizonYears",
  );
});

Deno.test("factor sweeps by hand: no bonus changes nothing; full coverage moves shares by slot", () => {
  const sweeps = runFactorSweeps({
    ...DEFAULT_SETTINGS,
    sweepSlots: [1, 3],
    utilizationBonusFactors: [0, 0.5],
    fullCoverageBonusFactors: [1, 1.2],
    partialCoverageBonusFactors: [0.1],
  });
  assertEquals(sweeps.utilization_bonus_factor.map((x) => [x.value, x.slot, x.models_served]), [
    [0, 1, 1],
    [0, 3, 3],
    [0.5, 1, 1],
    [0.5, 3, 3],
  ]);
  assertEquals(sweeps.partial_coverage_bonus_factor.length, 2);
  // Every factor off: each slot gets its Phase-1 share, no change.
  for (const factor of ["utilization_bonus_factor", "full_coverage_bonus_factor"] as const) {
    assertEquals(sweeps[factor].slice(0, 2).map((x) => x.change_percent), [0, 0]);
  }
  // Full coverage alone at 1.2, at genesis (100 GPUs): slot i's weight is floor(100,000 · i / 210), 99,990 in
  // all. Slots 3, 6, …, 18 serve all three models: 1428 + 2857 + 4285 + 5714 + 7142 + 8571 = 29,997 become
  // 1713 + 3428 + 5142 + 6856 + 8570 + 10285 = 35,994 (× 1.2, truncated), so the total is 105,987. A slot's
  // RewardCoins change by (its new weight / 105,987) ÷ (its old weight / 99,990) − 1, to the ngonka.
  const [slot1, slot3] = sweeps.full_coverage_bonus_factor.slice(2);
  const change = (before: number, after: number) => ((after / 105_987) / (before / 99_990) - 1) * 100;
  assert(Math.abs(slot1.change_percent - change(476, 476)) < 1e-6, `${slot1.change_percent}`); // −5.658%
  assert(Math.abs(slot3.change_percent - change(1428, 1713)) < 1e-6, `${slot3.change_percent}`); // +13.170%
});

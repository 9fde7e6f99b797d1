/**
 * The dataDAO notebook's experiments (lib/models/datadao/experiments.ts): its `parameters` cell holds
 * exactly the default settings, bad settings are refused with the field named, and the defect and sweep
 * experiments return one row per run, in order, on short runs.
 */
import { assert, assertEquals, assertThrows } from "@std/assert";
import {
  checkSettings,
  DEFAULT_SETTINGS,
  runDefectEffects,
  runFeeSweep,
  runPayoutSweep,
  type Settings,
} from "@lib/models/datadao/experiments.ts";
import { codeCells, notebookParameters } from "../../support/notebook_parameters.ts";

const NOTEBOOK = new URL("../../../notebooks/grassroot-datadao.ipynb", import.meta.url);

Deno.test("the notebook's first code cell is its `parameters` cell, with DEFAULT_SETTINGS' values", async () => {
  assertEquals(await notebookParameters(NOTEBOOK), { ...DEFAULT_SETTINGS });
  const code = await codeCells(NOTEBOOK);
  // The next cell passes every knob into the settings.
  // (on one line or, when long, one knob a line as `deno fmt` writes it).
  const settings = code[1].match(
    /const settings: Settings = \{\s*\.\.\.DEFAULT_SETTINGS,\s*([\w,\s]+?),?\s*\};/,
  );
  assert(settings, "the second code cell does not build `settings` from DEFAULT_SETTINGS");
  assertEquals(settings[1].split(/,\s*/).sort(), Object.keys(DEFAULT_SETTINGS).sort());
});

Deno.test("checkSettings: refuses what no experiment can run, naming the field", () => {
  checkSettings(DEFAULT_SETTINGS);
  const bad = (change: Partial<Settings>, message: string) =>
    assertThrows(() => checkSettings({ ...DEFAULT_SETTINGS, ...change }), RangeError, message);
  bad({ steps: 0 }, "settings.steps is 0: a whole number ≥ 1");
  bad({ steps: 10.5 }, "settings.steps is 10.5: a whole number ≥ 1");
  bad({ netEvery: -20 }, "settings.netEvery is -20: a whole number ≥ 1");
  // PRCC over the six uncertain parameters needs at least 6 + 3 points.
  bad({ lhsPoints: 8 }, "settings.lhsPoints is 8: a whole number ≥ 9");
  bad({ payoutRates: [] }, "settings.payoutRates is []: a list of at least one value");
  bad(
    { feeRates: [0.001, 0.003] },
    "settings.feeRates is [0.001, 0.003]: a list that includes 0, the run the fee chart compares with",
  );
  assertThrows(() => runFeeSweep({ ...DEFAULT_SETTINGS, steps: 0 }), RangeError, "settings.steps");
});

Deno.test("defect effects and sweeps: one outcome row per run, in the order planned", () => {
  const settings: Settings = { ...DEFAULT_SETTINGS, steps: 10, feeRates: [0, 0.01], payoutRates: [0.5] };
  assertEquals(runDefectEffects(settings).getColumn("variant").toArray(), [
    "reference (shipped code)",
    "reference, but The Pie pays out",
    "reference, but fees split pro rata",
    "reference, but reinvestment buys its dDT",
    "reference, but power users capped",
    "documented (README)",
  ]);
  const fees = runFeeSweep(settings);
  assertEquals(fees.select("variant", "fee_rate").toRecords(), [
    { variant: "reference", fee_rate: 0 },
    { variant: "reference", fee_rate: 0.01 },
    { variant: "documented", fee_rate: 0 },
    { variant: "documented", fee_rate: 0.01 },
  ]);
  // Without fees none are charged, so the share lost is 0 / 0.
  assert(Number.isNaN(fees.getColumn("share_of_fees_lost").toArray()[0]));
  const payouts = runPayoutSweep(settings).select("variant", "pie_payout_rate").toRecords();
  assertEquals(payouts, [
    { variant: "reference", pie_payout_rate: 0.5 },
    { variant: "documented", pie_payout_rate: 0.5 },
  ]);
});

/**
 * The Bostrom notebook's experiments (lib/models/bostrom/experiments.ts): its `parameters` cell holds
 * exactly the default settings, bad settings are refused with the field named, and each experiment plans
 * what its settings say, on small settings.
 */
import { assert, assertEquals, assertThrows } from "@std/assert";
import pl from "nodejs-polars";
import {
  checkSettings,
  DEFAULT_SETTINGS,
  INVESTMINT_VARIANTS,
  runFrame,
  runHalvingGrid,
  runInflationSweeps,
  runInvestmintVariants,
  runMintFloorSweep,
  runMonteCarlo,
  runOne,
  runSchedule,
  runVariantEffects,
  type Settings,
} from "@lib/models/bostrom/experiments.ts";
import { codeCells, notebookParameters } from "../../support/notebook_parameters.ts";

const NOTEBOOK = new URL("../../../notebooks/bostrom.ipynb", import.meta.url);

Deno.test("the notebook's first code cell is its `parameters` cell, with DEFAULT_SETTINGS' values", async () => {
  assertEquals(await notebookParameters(NOTEBOOK), { ...DEFAULT_SETTINGS });
  const code = await codeCells(NOTEBOOK);
  // The next cell passes every knob into the settings.
  const settings = code[1].match(/const settings: Settings = \{\s*\.\.\.DEFAULT_SETTINGS,([\s\w,]+)\};/);
  assert(settings, "the second code cell does not build `settings` from DEFAULT_SETTINGS");
  const names = settings[1].split(",").map((s) => s.trim()).filter((s) => s !== "");
  assertEquals(names.sort(), Object.keys(DEFAULT_SETTINGS).sort());
});

Deno.test("checkSettings: refuses what no experiment can run, naming the field", () => {
  checkSettings(DEFAULT_SETTINGS);
  const bad = (change: Partial<Settings>, message: string) =>
    assertThrows(() => checkSettings({ ...DEFAULT_SETTINGS, ...change }), RangeError, message);
  bad({ seed: 1.5 }, "settings.seed is 1.5: a whole number");
  bad({ runs: 0 }, "settings.runs is 0: a whole number ≥ 1");
  bad({ sweepRuns: 2.5 }, "settings.sweepRuns is 2.5: a whole number ≥ 1");
  bad({ scheduleSteps: -1 }, "settings.scheduleSteps is -1: a whole number ≥ 1");
  bad({ lhsSeeds: 0 }, "settings.lhsSeeds is 0: a whole number ≥ 1");
  // PRCC over the five uncertain parameters needs at least 5 + 3 points.
  bad({ lhsPoints: 7 }, "settings.lhsPoints is 7: a whole number ≥ 8");
  bad({ caps: [] }, "settings.caps is []: a list of at least one value");
  bad({ halvings: [547, 0] }, "settings.halvings is [547, 0]: each a number > 0, not 0");
  bad(
    { rateChanges: [0.1, 0.3] },
    "settings.rateChanges is [0.1, 0.3]: a list that includes 0.2, the code's " +
      "boot_inflation_rate_change_annual, the value the text compares with",
  );
  bad(
    { targets: [0.7] },
    "settings.targets is [0.7]: a list that includes 0.8, the code's boot_bonded_share_target",
  );
  bad(
    { horizons: [365] },
    "settings.horizons is [365]: a list that includes 547, the code's horizon_period_init",
  );
  bad({ mintFloors: [0.05, 0.01] }, "settings.mintFloors is [0.05, 0.01]: rising from the proposed 0.01");
  bad({ mintFloors: [0.01, 2] }, "settings.mintFloors is [0.01, 2]: each a fraction ≤ 1, not 2");
  assertThrows(() => runOne({ ...DEFAULT_SETTINGS, runs: 0 }), RangeError, "settings.runs");
});

/** Settings small enough for a test: one seed, one value per grid (the code's), two mint-rate floors. */
const SMALL: Settings = {
  ...DEFAULT_SETTINGS,
  runs: 2,
  variantRuns: 1,
  sweepRuns: 1,
  caps: [0.15],
  rateChanges: [0.2],
  floors: [0.03],
  targets: [0.8],
  halvings: [547],
  horizons: [547],
  mintFloors: [0.01, 1],
  scheduleSteps: 10,
  lhsPoints: 8,
  lhsSeeds: 1,
};

const runsOf = (frame: pl.DataFrame) => frame.getColumn("run").unique().sort().toArray();

Deno.test("runOne, runMonteCarlo, runSchedule: the runs, seed and days the settings name", () => {
  const one = runOne(SMALL);
  assertEquals(runsOf(one), [1]);
  assertEquals(one.getColumn("timestep").max(), 3650);
  const mc = runMonteCarlo(SMALL);
  assertEquals(runsOf(mc), [1, 2]);
  // Run 1 of the Monte Carlo is the one run: same root seed.
  assertEquals(
    mc.filter(pl.col("run").eq(1)).getColumn("volt_supply").toArray(),
    one.getColumn("volt_supply").toArray(),
  );
  const other = runOne({ ...SMALL, seed: 7 });
  assert(other.getColumn("volt_supply").get(3650) !== one.getColumn("volt_supply").get(3650));
  assertEquals(runSchedule(SMALL).getColumn("timestep").max(), 10);
  assertEquals(
    runSchedule(SMALL).getColumn("volt_supply").toArray(),
    runFrame({ steps: 10, set: { investmint_period_share: "fixed" } }).getColumn("volt_supply").toArray(),
  );
});

Deno.test("runInvestmintVariants: one frame per variant, in the table's order, each over settings.runs", () => {
  const frames = runInvestmintVariants(SMALL);
  assertEquals(frames.length, INVESTMINT_VARIANTS.length);
  for (const f of frames) assertEquals(runsOf(f), [1, 2]);
  // Fixed shares, with or without accumulation, never land two releases on one day: the same V supply.
  assertEquals(frames[3].getColumn("volt_supply").toArray(), frames[2].getColumn("volt_supply").toArray());
});

Deno.test("sweeps: one row per grid cell, with the settings' values", () => {
  const { capChange, floorTarget } = runInflationSweeps(SMALL);
  assertEquals(capChange.select("boot_inflation_rate_max", "boot_inflation_rate_change_annual").toRecords(), [
    { boot_inflation_rate_max: 0.15, boot_inflation_rate_change_annual: 0.2 },
  ]);
  assertEquals(floorTarget.select("boot_inflation_rate_min", "boot_bonded_share_target").toRecords(), [
    { boot_inflation_rate_min: 0.03, boot_bonded_share_target: 0.8 },
  ]);
  // At the code's values both sweeps give the code's 10-year increase.
  assertEquals(
    capChange.getColumn("supply_increase").get(0),
    floorTarget.getColumn("supply_increase").get(0),
  );
  assertEquals(runHalvingGrid(SMALL).select("halving_period", "horizon_period_init").toRecords(), [
    { halving_period: 547, horizon_period_init: 547 },
  ]);
  assertEquals(runMintFloorSweep(SMALL).getColumn("mint_rate_min").toArray(), [0.01, 1]);
});

Deno.test("runVariantEffects: the code, every variant alone, and every README reading together", () => {
  const effects = runVariantEffects(SMALL, [2, 3]);
  const rows = effects.toRecords();
  assertEquals(rows[0].parameter, "(code)");
  assertEquals(rows.at(-1)!.parameter, "(README)");
  assertEquals(effects.height, 15);
});

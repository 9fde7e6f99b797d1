/**
 * The honey notebook's experiments (lib/models/honey/experiments.ts): its `parameters` cell holds exactly
 * the default settings, the defaults are the document's grids, bad settings are refused with the field
 * named, and each experiment returns what the notebook and the claims read, on short runs.
 */
import { assert, assertEquals, assertThrows } from "@std/assert";
import pl from "nodejs-polars";
import { rangeInclusive } from "@lib/engine/sweep.ts";
import {
  checkSettings,
  DEFAULT_SETTINGS,
  productivityGrid,
  runHoney,
  runMaximalIssuance,
  runPhases,
  runProductivityRange,
  runPublished,
  runReplicates,
  runReserveThrottle,
  runSourceFigures,
  type Settings,
} from "@lib/models/honey/experiments.ts";
import { bandOf, bandsAt, SOURCE_SETTINGS, SOURCE_VARIABLES } from "@lib/models/honey/figures.ts";
import { honey } from "@lib/models/honey/model.ts";
import { SUCCESS } from "@lib/models/honey/outcomes.ts";
import { codeCells, notebookParameters } from "../../support/notebook_parameters.ts";

const NOTEBOOK = new URL("../../../notebooks/honey-supply.ipynb", import.meta.url);

const close = (actual: number, expected: number) =>
  assert(Math.abs(actual - expected) <= 1e-9 * Math.abs(expected) + 1e-12, `${actual} ≠ ${expected}`);

Deno.test("the notebook's first code cell is its `parameters` cell, with DEFAULT_SETTINGS' values", async () => {
  assertEquals(await notebookParameters(NOTEBOOK), { ...DEFAULT_SETTINGS });
  const code = await codeCells(NOTEBOOK);
  // The next cell passes every knob into the settings.
  const settings = code[1].match(
    /const settings: Settings = \{\n {2}\.\.\.DEFAULT_SETTINGS,\n((?: {2}\w+,\n)+)\};/,
  );
  assert(settings, "the second code cell does not build `settings` from DEFAULT_SETTINGS");
  const names = settings[1].split("\n").filter((l) => l).map((l) => l.trim().replace(",", ""));
  assertEquals(names.sort(), Object.keys(DEFAULT_SETTINGS).sort());
});

Deno.test("the default grids are the document's bounds in its steps", () => {
  const s = DEFAULT_SETTINGS;
  assertEquals(s.sweepTargets, rangeInclusive(0.1, 0.3, 0.025));
  assertEquals(s.sweepThrottles, rangeInclusive(0.002, 0.034, 0.004));
  const grid = productivityGrid(s);
  // 0.84–0.94 first (41 values), then 0.75–0.8375 (36) and 0.9425–1 (24): every value once.
  assertEquals(grid.length, 101);
  assertEquals(new Set(grid).size, grid.length, "no productivity twice");
  assertEquals(grid.slice(0, 41), rangeInclusive(0.84, 0.94, 0.0025));
  assertEquals([Math.min(...grid), Math.max(...grid)], [0.75, 1]);
  assertEquals(s.replicateSeeds[0], s.seed, "the main run is the first replicate");
});

Deno.test("checkSettings: refuses what no experiment can run, naming the field", () => {
  checkSettings(DEFAULT_SETTINGS);
  const bad = (change: Partial<Settings>, message: string) =>
    assertThrows(() => checkSettings({ ...DEFAULT_SETTINGS, ...change }), RangeError, message);
  bad({ rangeRuns: 0 }, "settings.rangeRuns is 0: a whole number ≥ 1");
  bad({ sweepRuns: 2.5 }, "settings.sweepRuns is 2.5: a whole number ≥ 1");
  bad({ seed: -1 }, "settings.seed is -1: a whole number ≥ 0");
  bad({ phaseWindow: 121 }, "settings.phaseWindow is 121: at most the 120 months of a run");
  bad({ productivityStep: 0 }, "settings.productivityStep is 0: a step > 0");
  bad(
    { productivitySegments: [[0.9, 0.8]] },
    "settings.productivitySegments is [[0.9, 0.8]]: each is [from, to] with from ≤ to, not [0.9, 0.8]",
  );
  bad({ sweepThrottles: [] }, "settings.sweepThrottles is []: a list of at least one value");
  assertThrows(() => runPhases({ ...DEFAULT_SETTINGS, phaseRuns: 0 }), RangeError, "settings.phaseRuns");
});

Deno.test("analysis 1 finds a narrow productivity threshold bracketing the published 0.87–0.90", () => {
  const r = runProductivityRange({ ...DEFAULT_SETTINGS, rangeRuns: 10 });
  assert(r.lower < r.median && r.median < r.upper, `${r.lower} < ${r.median} < ${r.upper}`);
  assert(r.lower >= 0.86 && r.upper <= 0.92, `threshold ${r.lower}–${r.upper}`);
  assert(r.bothPossible[0] <= r.lower && r.bothPossible[1] >= r.upper);
});

Deno.test("analysis 1's grid holds the range of both outcomes inside; replicates reuse the main run", () => {
  const s = { ...DEFAULT_SETTINGS, replicateSeeds: [DEFAULT_SETTINGS.seed] };
  const grid = productivityGrid(s);
  const [lo, hi] = [Math.min(...grid), Math.max(...grid)];
  const r = runProductivityRange(s);
  assertEquals(r.summary.height, grid.length);
  assert(r.bothPossible[0] > lo && r.bothPossible[1] < hi, `both outcomes ${r.bothPossible} on ${lo}–${hi}`);
  assert(r.lower > lo && r.upper < hi);
  const [main] = runReplicates(s, r);
  assertEquals([main.seed, main.lower, main.upper, main.bothAt], [s.seed, r.lower, r.upper, r.bothAt]);
});

Deno.test("12 months of minting at the 0.008 throttle grow supply by (1.008)^12 − 1, not 12 × 0.8%", () => {
  close(runMaximalIssuance(DEFAULT_SETTINGS, 0.008), (1.008 ** 12 - 1) * 100);
  close(runMaximalIssuance(DEFAULT_SETTINGS, 0.002, 1), 0.2);
});

Deno.test("saturation phases: per-run windows read from the run's own months", () => {
  const { runs, window, horizon, frame } = runPhases({ ...DEFAULT_SETTINGS, phaseRuns: 4, seed: 7 });
  assertEquals([runs.length, window, horizon], [4, 24, 120]);
  for (const x of runs) {
    close(x.marketCapStart, 26238 * 10);
    const mine = frame.filter(pl.col("run").eq(x.run)).sort("timestep");
    const col = (c: string) => mine.getColumn(c).toArray() as number[];
    close(x.priceTo, col("price")[120]);
    close(x.circulationFrom, col("circulation")[96]);
    const first = col("saturation").findIndex((s) => s > SUCCESS);
    assertEquals(x.monthsToSaturation, first < 0 ? 121 : first);
    if (first >= 0) close(x.priceAtSaturation, col("price")[first]);
  }
});

Deno.test("published comparison: the file's own fixed parameters, every cell and column, its replay", () => {
  const settings = {
    ...DEFAULT_SETTINGS,
    publishedRangeRuns: 30,
    publishedResamples: 300,
    bootstrapResamples: 5,
  };
  const p = runPublished(settings, "productivity");
  // The parameters are read from the file: the analysis-1 settings, productivity varied.
  assertEquals(p.fixed, {
    throttle: 0.008,
    outflow_rate: 0.05,
    target_reserve_ratio: 0.2,
    valuation_ratio: 2,
    growth: 0,
    p_variance: 0.25,
    p_pull: 0.75,
  });
  assertEquals(
    p.cells.map((c) => c.params),
    [0.87, 0.88, 0.89, 0.9].map((productivity) => ({ productivity })),
  );
  assertEquals(p.comparisons.length, 4 * 6);
  for (const c of p.comparisons) assert(c.lo <= c.median && c.median <= c.hi && c.p > 0 && c.p <= 1);
  assertEquals(p.replay.steps, 40 * 120);
  // 30 runs a cell; the smallest p on 5 resampled run sets, each at least the least p 300 statistics give.
  assertEquals(p.runs, 30);
  assertEquals(p.replicates.length, 5);
  for (const x of p.replicates) assert(x >= 2 / 301 && x <= 1, `${x}`);
});

Deno.test("the source's figures: one band row per setting and month, quantiles ordered", () => {
  const f = runSourceFigures({ ...DEFAULT_SETTINGS, sourceRuns: 5 });
  const settings = SOURCE_SETTINGS.throttle.length;
  assertEquals(f.frame.select("subset", "run").unique().height, settings * 5);
  const months = honey.steps + 1;
  for (const name of Object.keys(SOURCE_VARIABLES) as (keyof typeof SOURCE_VARIABLES)[]) {
    const rows = f.bySetting[name];
    assertEquals(rows.length, settings * months, name);
    assertEquals(new Set(rows.map((b) => `${b.facet}/${b.facetX}`)).size, settings, name);
    assertEquals(bandsAt(rows).length, settings, name);
    for (const b of rows) {
      assert(b.lo <= b.median && b.median <= b.hi, `${name} at ${b.t}: ${b.lo} ≤ ${b.median} ≤ ${b.hi}`);
    }
  }
  // Month 0 is genesis in every run: the band collapses onto the genesis value.
  const start = bandOf(bandsAt(f.bySetting.reserve, 0), 0.2, 0.008);
  assertEquals([start.lo, start.median, start.hi], [7473, 7473, 7473]);
  assertThrows(() => bandOf(f.bySetting.reserve, 0.5, 0.008), Error, "no band at target 0.5, throttle 0.008");
  // The supply figure: three variables × three throttles, targets pooled.
  assertEquals(f.supplyByThrottle.length, 3 * 3 * months);
  assertEquals(new Set(f.supplyByThrottle.map((b) => b.facetX)), new Set([0.002, 0.004, 0.008]));
  for (const b of f.supplyByThrottle) assert(b.lo <= b.median && b.median <= b.hi);
});

Deno.test("runHoney: every experiment from one set of settings, analysis 2 at analysis 1's middle", () => {
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    rangeRuns: 4,
    replicateSeeds: [DEFAULT_SETTINGS.seed, 1],
    sweepRuns: 2,
    sweepTargets: [0.3],
    sweepThrottles: [0.006, 0.01],
    narrowedRuns: 1,
    narrowedVariances: [0.25],
    narrowedPulls: [0.75],
    phaseRuns: 3,
    trackingRuns: 3,
    publishedFinalRuns: 10,
    publishedRangeRuns: 10,
    publishedResamples: 20,
    dependencePoints: 10,
    dependenceRuns: 2,
    sourceRuns: 2,
  };
  const r = runHoney(settings);
  assertEquals(r.settings, settings);
  assertEquals(r.replicates.map((x) => x.seed), [settings.seed, 1]);
  assertEquals(r.replicates[0].lower, r.range.lower, "the first replicate is the main run");
  assertEquals(
    r.sweep2.outcomes.toRecords(),
    runReserveThrottle(settings, r.range.median).outcomes.toRecords(),
    "analysis 2 runs at the middle of analysis 1's range",
  );
  assertEquals(r.sweep2.outcomes.height, 1 * 2 * 2);
  assertEquals(r.sweep2.summary.height, 2);
  assertEquals(r.runs3.height, 3 * 3 * 3 * 1 * 1);
  assertEquals([r.phases.runs.length, r.tracking.length, r.trackingDefault.length], [3, 3, 3]);
  close(r.yearlyIssuance, (1.008 ** 12 - 1) * 100);
  assertEquals([r.publishedFinal.cells.length, r.publishedProductivity.cells.length], [9, 4]);
  assertEquals(Object.keys(r.dependence.byClaim).length, 6);
  // The tracking claim's own sample: a share of its 10 points, PRCC for each of its five parameters.
  const { share, prcc } = r.trackingDependence;
  assert(share >= 0 && share <= 1 && Number.isInteger(share * 10));
  assertEquals(Object.keys(prcc).sort(), [
    "outflow_rate",
    "p_pull",
    "p_variance",
    "productivity",
    "valuation_ratio",
  ]);
  assertEquals(r.source.runs, 2);
});

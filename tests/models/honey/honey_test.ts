/**
 * The honey model against its documentation (docs/models/honey.md), with the first step worked by hand.
 */
import { assert, assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { honey, priceMove, targetPrice } from "@lib/models/honey/model.ts";
import type { HoneyParams } from "@lib/models/honey/params.ts";
import { honeyGenesis } from "@lib/models/honey/state.ts";
import { defaults, ParamError, resolveParams } from "@lib/engine/params.ts";
import { simulate } from "@lib/engine/simulate.ts";
import { streamFor } from "@lib/engine/random.ts";
import { unitSeed } from "@lib/engine/plan.ts";
import pl from "nodejs-polars";

const close = (actual: number, expected: number) =>
  assertAlmostEquals(actual, expected, 1e-9 * Math.abs(expected) + 1e-12);

/** Timestep-1 values of every column for one run. */
function firstStep(set: Record<string, number>, seed = 1) {
  const r = simulate(honey, { set, runs: 1, steps: 1, seed });
  const v = r.columns.values;
  return Object.fromEntries(Object.keys(v).map((k) => [k, v[k][1] as number]));
}

Deno.test("genesis state is the source document's", () => {
  assertEquals(honey.initialState(defaults(honey.params)), {
    reserve: 7473,
    circulation: 18765,
    size: 100000,
    saturation: 0,
    production: 0,
    utility: 0,
    price: 10,
    target_price: 10,
    netflow: 0,
    adjustment: 0,
  });
});

Deno.test("first step by hand, published defaults (throttle binds at −0.008)", () => {
  const s = firstStep({});
  // outflow = 7473 · 0.05 = 373.65; inflow = 100000 · 0 / 10 = 0.
  close(s.netflow, -373.65);
  // R' = 7099.35, C' = 19138.65, supply 26238, ratio 0.27057… > 0.2, so e = (1 − ratio/0.2)/12 < −0.008.
  close(s.adjustment, -0.008 * 26238);
  close(s.reserve, 7473 - 373.65 - 0.008 * 26238);
  close(s.circulation, 18765 + 373.65);
  // production = 0.88² · 0 + 1.88 · 373.65 · 10 = 7024.62
  close(s.production, 7024.62);
  close(s.utility, 10 * 7024.62 / 107024.62);
  close(s.saturation, 1 / (1 + Math.exp(6 - 10 * 7024.62 / 107024.62)));
  close(s.size, 100000);
  // target = (100000/26238) · (2/max(0.5, 0)) / (18765/26238)²
  close(s.target_price, (100000 / 26238) * 4 / (18765 / 26238) ** 2);
  close(s.total_supply, s.reserve + s.circulation);
  close(s.ratio, s.reserve / s.total_supply);
  close(s.market_cap, s.total_supply * s.price);
});

Deno.test("first step by hand, unbounded throttle, target 0.3, productivity 0.9, growth 1%", () => {
  const s = firstStep({ throttle: 0, target_reserve_ratio: 0.3, productivity: 0.9, growth: 0.01 });
  const ratio = 7099.35 / 26238;
  const e = (1 - ratio / 0.3) / 12; // 0.00817…: above 0.008, applied in full because throttle 0 is unbounded
  close(s.adjustment, e * 26238);
  close(s.reserve, 7473 - 373.65 + e * 26238);
  close(s.production, 1.9 * 373.65 * 10);
  close(s.size, 101000);
  close(s.target_price, (100000 / 26238) * 4 / (18765 / 26238) ** 2);
});

Deno.test("second step by hand uses step-1 saturation for inflow and target price", () => {
  const r = simulate(honey, { runs: 1, steps: 2, seed: 3 });
  const v = r.columns.values;
  const at = (k: string, t: number) => v[k][t] as number;
  const inflow = 100000 * at("saturation", 1) / at("target_price", 1);
  const outflow = at("reserve", 1) * 0.05;
  close(at("netflow", 2), inflow - outflow);
  close(at("production", 2), 0.88 ** 2 * at("production", 1) + 1.88 * outflow * at("price", 1));
  const supply = at("reserve", 1) + at("circulation", 1);
  const expectedTarget = (100000 / supply) * (2 / Math.max(0.5, at("saturation", 1))) /
    (at("circulation", 1) / supply) ** 2;
  close(at("target_price", 2), expectedTarget);
});

Deno.test("price moves by |N(0, p_variance)| towards the target with probability p_pull", () => {
  const p = defaults(honey.params) as HoneyParams;
  const s = honeyGenesis;
  // Below target: u < p_pull moves up, u ≥ p_pull moves down; size |z|·p_variance.
  assertEquals(priceMove(p, s, 30, 0.5, 0.4), 10 * (1 + 0.1));
  assertEquals(priceMove(p, s, 30, 0.8, -0.4), 10 * (1 - 0.1));
  // Above target: towards means down.
  assertEquals(priceMove(p, s, 5, 0.1, 2), 10 * (1 - 0.5));
  // No floor: a large move crosses zero, as in the original.
  assertEquals(priceMove(p, s, 5, 0.1, 8), 10 * (1 - 2));
  close(targetPrice(p, s), (100000 / 26238) * 4 / (18765 / 26238) ** 2);
});

Deno.test("the engine draws price from the run's own stream: u first, then a normal", () => {
  const s = firstStep({}, 9);
  const rng = streamFor(unitSeed(9, 1));
  const u = rng.random();
  const z = rng.normal();
  const p = defaults(honey.params) as HoneyParams;
  close(s.price, priceMove(p, honeyGenesis, targetPrice(p, honeyGenesis), u, z));
});

Deno.test("parameters outside their documented ranges are refused", () => {
  assertThrows(() => resolveParams(honey.params, { p_pull: 1.5 }, "honey"), ParamError, "p_pull");
  assertThrows(() => resolveParams(honey.params, { target_reserve_ratio: 0 }, "honey"), ParamError);
  assertThrows(() => resolveParams(honey.params, { productivty: 0.9 }, "honey"), ParamError, "unknown");
});

Deno.test("reserve + circulation changes only by the adjustment (netflow moves, never creates)", () => {
  const r = simulate(honey, { runs: 3, steps: 120, seed: 5 });
  const { total_supply, adjustment } = r.columns.values;
  for (let i = 1; i < r.rows; i++) {
    if (r.columns.timestep[i] === 0) continue;
    close(total_supply[i] as number, (total_supply[i - 1] as number) + (adjustment[i] as number));
  }
});

Deno.test("run outcomes: trailing-mean trend, first saturated month, 121 for never", async () => {
  const { runOutcomes, summarise } = await import("@lib/models/honey/analysis.ts");
  const pl = (await import("nodejs-polars")).default;
  const months = Array.from({ length: 121 }, (_, t) => t);
  const frame = pl.DataFrame({
    k: [...months.map(() => 1), ...months.map(() => 1)],
    run: [...months.map(() => 1), ...months.map(() => 2)],
    timestep: [...months, ...months],
    saturation: [...months.map((t) => (t >= 50 ? 0.9 : 0)), ...months.map(() => 0.05)],
    price: [...months.map(() => 10), ...months.map((t) => t)],
  });
  const out = runOutcomes(frame, ["k"]).toRecords();
  assertEquals(out.map((r) => [r.run, r.months_to_saturation, r.final_price]), [[1, 50, 10], [2, 121, 120]]);
  close(out[0].trend as number, 0.9);
  close(out[1].trend as number, 0.05);
  const s = summarise(runOutcomes(frame, ["k"]), ["k"]).toRecords()[0];
  assertEquals([s.share_failed, s.share_saturated, s.median_months_to_saturation], [0.5, 0.5, 85.5]);
});

Deno.test("analysis 1 finds a narrow productivity threshold bracketing the published 0.87–0.90", async () => {
  const { productivityRange } = await import("@lib/models/honey/analysis.ts");
  const r = productivityRange({ runs: 10 });
  assert(r.lower < r.median && r.median < r.upper, `${r.lower} < ${r.median} < ${r.upper}`);
  assert(r.lower >= 0.86 && r.upper <= 0.92, `threshold ${r.lower}–${r.upper}`);
  assert(r.bothPossible[0] <= r.lower && r.bothPossible[1] >= r.upper);
});

Deno.test("analysis 1's grid holds the published 0.87–0.90 and the notebook's range of both outcomes inside", async () => {
  const { ANALYSIS_1_GRID, productivityRange } = await import("@lib/models/honey/analysis.ts");
  const lo = Math.min(...ANALYSIS_1_GRID);
  const hi = Math.max(...ANALYSIS_1_GRID);
  assertEquals(new Set(ANALYSIS_1_GRID).size, ANALYSIS_1_GRID.length, "no productivity twice");
  assert(lo < 0.87 && hi > 0.9, `grid ${lo}–${hi}`);
  const r = productivityRange();
  assertEquals(r.summary.height, ANALYSIS_1_GRID.length);
  assert(r.bothPossible[0] > lo && r.bothPossible[1] < hi, `both outcomes ${r.bothPossible} on ${lo}–${hi}`);
  assert(r.lower > lo && r.upper < hi);
});

Deno.test("claim quantities: quantiles, changes, growth rates, membership", async () => {
  const a = await import("@lib/models/honey/analysis.ts");
  assertEquals(a.quantile([3, 1, 2, NaN], 0.5), 2);
  close(a.quantile([0, 10], 0.05), 0.5);
  assertEquals(a.spreadOf([1, 2, 3, 4, 5]), { median: 3, lo: 1.2, hi: 4.8, n: 5 });
  close(a.percentChange(10, 12), 20);
  assert(Number.isNaN(a.percentChange(-1, 12)), "a price that crossed zero has no percent change");
  close(a.monthlyGrowth(10, 40, 2), 100);
  assert(Number.isNaN(a.monthlyGrowth(10, -1, 2)));
  assertEquals(a.countAmong([0.87, 0.88, 0.9], [0.8799999999999, 0.9, 0.91]), 2);
});

Deno.test("12 months of minting at the 0.008 throttle grow supply by (1.008)^12 − 1, not 12 × 0.8%", async () => {
  const { maximalIssuance } = await import("@lib/models/honey/analysis.ts");
  close(maximalIssuance(0.008, 12), (1.008 ** 12 - 1) * 100);
  close(maximalIssuance(0.002, 1), 0.2);
});

Deno.test("saturation phases: per-run windows read from the run's own months", async () => {
  const { saturationPhases, SUCCESS } = await import("@lib/models/honey/analysis.ts");
  const { runs, window, horizon, frame } = saturationPhases(0.94, { runs: 4, seed: 7 });
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

Deno.test("bootstrap over runs is seeded and keeps whole runs; the low-throttle contrast", async () => {
  const { bootstrapRuns, lowThrottleContrast } = await import("@lib/models/honey/analysis.ts");
  const outcomes = pl.DataFrame({
    throttle: [0.002, 0.002, 0.01, 0.01],
    run: [1, 2, 1, 2],
    trend: [0.9, 0.05, 0.05, 0.05],
  });
  assertEquals(lowThrottleContrast(outcomes), { lowest: 0.002, low: 0.5, others: 0 });
  const stat = (f: pl.DataFrame) => f.height;
  const draws = bootstrapRuns(outcomes, stat, { resamples: 20 });
  assert(draws.every((h) => h === 4), "each resample keeps both throttles of every drawn run");
  const contrast = (f: pl.DataFrame) => lowThrottleContrast(f).low;
  assertEquals(
    bootstrapRuns(outcomes, contrast, { seed: 3 }),
    bootstrapRuns(outcomes, contrast, { seed: 3 }),
  );
});

Deno.test("published comparison: where a published mean falls among resampled 10-run means", async () => {
  const { publishedComparison } = await import("@lib/models/honey/analysis.ts");
  const cells = publishedComparison(
    [{ productivity: 0.84, saturation: 0.9 }, { productivity: 0.96, saturation: 0.0 }],
    {},
    { runs: 30, resamples: 300 },
  );
  assertEquals(cells.map((c) => c.params), [{ productivity: 0.84 }, { productivity: 0.96 }]);
  assertEquals(cells[0].percentile, 1, "0.9 is above every 10-run mean at a failing productivity");
  assertEquals(cells[1].percentile, 0, "0 is below every 10-run mean at a saturating productivity");
  for (const c of cells) assert(c.lo <= c.median && c.median <= c.hi);
});

Deno.test("the source's figures: one band row per setting and month, quantiles ordered", async () => {
  const { sourceFigures, bandsAt, bandOf, SOURCE_SETTINGS, SOURCE_VARIABLES } = await import(
    "@lib/models/honey/analysis.ts"
  );
  const f = sourceFigures({ runs: 5 });
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
  // The supply figure: three variables × three throttles, targets pooled.
  assertEquals(f.supplyByThrottle.length, 3 * 3 * months);
  assertEquals(new Set(f.supplyByThrottle.map((b) => b.facetX)), new Set([0.002, 0.004, 0.008]));
  for (const b of f.supplyByThrottle) assert(b.lo <= b.median && b.median <= b.hi);
});

/**
 * The per-run outcomes (lib/models/bostrom/outcomes.ts) on small hand-made frames, each value worked by
 * hand: the supply increase, the 30-day monthly revenue, the variants judged like the conclusions, the
 * inflation rate's course and A and V minted per month. No model is run.
 */
import { assertAlmostEquals, assertEquals } from "@std/assert";
import pl from "nodejs-polars";
import {
  inflationPath,
  mintedPerMonth,
  monthlyValidatorRevenue,
  supplyIncrease,
  variantVerdicts,
} from "@lib/models/bostrom/outcomes.ts";

Deno.test("supplyIncrease: last over first BOOT supply, minus one, per run and swept key, rows in any order", () => {
  const frame = pl.DataFrame({
    cap: [0.1, 0.1, 0.1, 0.2, 0.2, 0.2],
    subset: [0, 0, 0, 1, 1, 1],
    run: [1, 1, 1, 1, 1, 1],
    timestep: [2, 0, 1, 0, 1, 2],
    boot_supply: [190, 100, 150, 200, 300, 500],
    boot_inflation_rate: [0.05, 0.07, 0.06, 0.1, 0.12, 0.15],
  });
  assertEquals(supplyIncrease(frame, ["cap"]).toRecords(), [
    { cap: 0.1, subset: 0, run: 1, supply_increase: 0.8999999999999999, final_inflation_rate: 0.05 },
    { cap: 0.2, subset: 1, run: 1, supply_increase: 1.5, final_inflation_rate: 0.15 },
  ]);
});

Deno.test("monthlyValidatorRevenue: 30-day months of run 1 only, each day's GBOOT at that day's price", () => {
  // Days 0–65 of run 1 earn 2 GBOOT a day; ETH 0.5 per GBOOT to day 30, then 3. Run 2 earns nothing.
  const days = Array.from({ length: 66 }, (_, t) => t);
  const frame = pl.DataFrame({
    subset: [...days, ...days].map(() => 0),
    run: [...days.map(() => 1), ...days.map(() => 2)],
    timestep: [...days, ...days],
    validator_revenue_gboot: [...days.map(() => 2), ...days.map(() => 0)],
    gboot_price: [...days, ...days].map((t) => (t <= 30 ? 0.5 : 3)),
  });
  // Day 0 is genesis, not a day of revenue; days 61–65 are not a full month.
  assertEquals(monthlyValidatorRevenue(frame).toRecords(), [
    { month: 1, revenue_gboot: 60, revenue_eth: 30 },
    { month: 2, revenue_gboot: 60, revenue_eth: 180 },
  ]);
  // The README's form carries the price already, in BOOT·ETH/GBOOT: ETH × 10⁹.
  const readme = monthlyValidatorRevenue(frame, "with_price").getColumn("revenue_eth").toArray() as number[];
  readme.forEach((eth) => assertAlmostEquals(eth, 60e-9, 1e-21));
});

Deno.test("variantVerdicts: each variant tested like the conclusions, and what it turns the other way", () => {
  const effects = pl.DataFrame({
    parameter: ["(code)", "a", "b", "c"],
    value: ["defaults", "x", "y", "z"],
    supply_increase: [0.894, 0.894, 0.5, NaN],
    last_month_revenue_eth: [17.4, 1e-17, 17.4, 17.4],
  });
  const verdicts = variantVerdicts(effects, {
    supply: { column: "supply_increase", test: (v) => Math.abs(v - 0.9) <= 0.09 },
    revenue: { column: "last_month_revenue_eth", test: (v) => v >= 12 && v <= 18 },
  });
  // A missing number (NaN: e.g. no run crosses) fails its test.
  assertEquals(verdicts.map((v) => v.changed), [[], ["revenue"], ["supply"], ["supply"]]);
  assertEquals(verdicts[1], {
    parameter: "a",
    value: "x",
    passes: { supply: true, revenue: false },
    changed: ["revenue"],
  });
});

Deno.test("inflationPath: start, first day at the peak, first day at the floor after it, and the fall a year", () => {
  const frame = pl.DataFrame({
    subset: [0, 0, 0, 0, 0, 0, 0],
    run: [1, 1, 1, 1, 1, 1, 2],
    timestep: [0, 1, 2, 3, 4, 5, 0],
    boot_inflation_rate: [0.07, 0.09, 0.1, 0.1, 0.05, 0.03, 0.5],
  });
  // Peak 10% first on day 2; the 3% floor on day 5: 7 points over 3 days is 7/3 · 365 points a year.
  assertEquals(inflationPath(frame, 0.03), {
    start: 0.07,
    peak: 0.1,
    peakDay: 2,
    floorDay: 5,
    fallPerYear: (0.1 - 0.03) / 3 * 365,
  });
  const never = inflationPath(frame, 0.01);
  assertEquals([never.floorDay, never.fallPerYear], [undefined, NaN]);
});

Deno.test("mintedPerMonth: A and V minted summed over 30-day months of run 1, genesis left out", () => {
  const days = Array.from({ length: 61 }, (_, t) => t);
  const frame = pl.DataFrame({
    subset: days.map(() => 0),
    run: days.map(() => 1),
    timestep: days,
    ampere_minted_m: days.map((t) => (t === 0 ? 100 : 1)),
    volt_minted_m: days.map((t) => (t <= 30 ? 0.5 : 2)),
  });
  assertEquals(mintedPerMonth(frame).toRecords(), [
    { month: 1, ampere_minted_m: 30, volt_minted_m: 15 },
    { month: 2, ampere_minted_m: 30, volt_minted_m: 60 },
  ]);
});

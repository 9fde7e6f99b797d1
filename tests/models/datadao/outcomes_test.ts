/**
 * What the dataDAO runs come to (lib/models/datadao/outcomes.ts and figures.ts), on small hand-made
 * tables with every expected value worked by hand; no model is run.
 */
import { assert, assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import {
  changeFrom,
  ddtWhereabouts,
  demandAndFees,
  extreme,
  finalRows,
  largestRelativeGap,
  outcomesByRun,
  pieReach,
  runOutcome,
  seriesOf,
  spendingOvertakesMinting,
  sweepValue,
  windowStats,
} from "@lib/models/datadao/outcomes.ts";
import { byType, mintedVsSpent, thinned } from "@lib/models/datadao/figures.ts";
import pl from "nodejs-polars";
import { agentsOf, counts, timeseriesOf } from "./tables.ts";

const close = (actual: number, expected: number) => assertAlmostEquals(actual, expected, 1e-12);

/** One variant's price, 1 at step 0 and then 5, 3, 3, 7 — out of timestep order, as concatenated runs may be. */
const prices = timeseriesOf([
  { variant: "reference", timestep: 2, price: 3 },
  { variant: "reference", timestep: 0, price: 1 },
  { variant: "reference", timestep: 1, price: 5 },
  { variant: "reference", timestep: 3, price: 3 },
  { variant: "reference", timestep: 4, price: 7 },
  { variant: "documented", timestep: 0, price: 100 },
  { variant: "documented", timestep: 4, price: 200 },
]);

Deno.test("seriesOf and finalRows: one variant's column in timestep order; each variant's last row", () => {
  assertEquals(seriesOf(prices, "reference", "price"), [1, 5, 3, 3, 7]);
  assertEquals(seriesOf(prices, "documented", "timestep"), [0, 4]);
  const final = finalRows(prices);
  assertEquals([final.reference.price, final.documented.price], [7, 200]);
});

Deno.test("extreme: the lowest or highest value and its step, the earliest on a tie, up to a step", () => {
  assertEquals(extreme(prices, "reference", "price", "highest"), { timestep: 4, value: 7 });
  assertEquals(extreme(prices, "reference", "price", "lowest"), { timestep: 0, value: 1 });
  // Without step 0: 5, 3, 3, 7 — the lowest is 3, first seen at step 2 (not 3).
  const later = prices.filter(pl.col("timestep").gt(0));
  assertEquals(extreme(later, "reference", "price", "lowest"), { timestep: 2, value: 3 });
  // Up to step 3 the highest is 5 (step 1), not the 7 of step 4.
  assertEquals(extreme(prices, "reference", "price", "highest", 3), { timestep: 1, value: 5 });
  assertThrows(() => extreme(prices, "reference", "price", "lowest", -1), Error, "no step up to -1");
});

Deno.test("windowStats: mean, lowest and highest over timesteps from–to, inclusive", () => {
  // Steps 1–3: 5, 3, 3 → mean 11/3.
  const w = windowStats(prices, "reference", "price", 1, 3);
  close(w.mean, 11 / 3);
  assertEquals([w.min, w.max], [3, 5]);
  assertEquals(windowStats(prices, "reference", "price", 4), { mean: 7, min: 7, max: 7 });
  assertThrows(() => windowStats(prices, "documented", "price", 1, 3), Error, "no steps 1–3");
});

Deno.test("runOutcome: final values, the mean price over exactly the last 500 steps, fees lost", () => {
  // 502 steps priced at their timestep: the last 500 are steps 2..501, mean (2 + 501) / 2 = 251.5.
  const run = timeseriesOf(Array.from({ length: 502 }, (_, t) => ({
    variant: "reference",
    timestep: t,
    price: t,
    min_ddt_balance: t === 7 ? -3 : 0,
    lp_xdai_reserve: 40,
    avg_xdai_degen: 1,
    avg_xdai_active: 2,
    avg_xdai_casual: 3,
    avg_ddt_power: 4,
    fees_charged: 8,
    fees_forfeited: 6,
  })));
  assertEquals(runOutcome(run), {
    final_price: 501,
    mean_price_last_500: 251.5,
    final_lp_xdai: 40,
    xdai_per_degen: 1,
    xdai_per_active: 2,
    xdai_per_casual: 3,
    ddt_per_power: 4,
    lowest_ddt_balance: -3,
    share_of_fees_lost: 0.75,
  });
  // A run shorter than 500 steps averages all of them: (1 + 5 + 3 + 3 + 7) / 5.
  const short = prices.filter(pl.col("variant").eq(pl.lit("reference"))).sort("timestep");
  close(runOutcome(short).mean_price_last_500, 19 / 5);
});

Deno.test("outcomesByRun: one row per run in order of appearance, each run sorted by timestep", () => {
  const sweep = timeseriesOf([
    { variant: "reference", fee_rate: 0.01, timestep: 1, price: 4 },
    { variant: "reference", fee_rate: 0.01, timestep: 0, price: 9 },
    { variant: "reference", fee_rate: 0, timestep: 0, price: 2 },
    { variant: "reference", fee_rate: 0, timestep: 1, price: 6 },
  ]);
  const rows = outcomesByRun(sweep, ["variant", "fee_rate"]).toRecords();
  assertEquals(rows.map((r) => [r.variant, r.fee_rate, r.final_price, r.mean_price_last_500]), [
    ["reference", 0.01, 4, 6.5],
    ["reference", 0, 6, 4],
  ]);
});

Deno.test("sweeps: a value by (variant, swept value), the change from the base run in percent", () => {
  const sweep = pl.DataFrame([
    { variant: "reference", fee_rate: 0, xdai_per_degen: 10 },
    { variant: "reference", fee_rate: 0.01, xdai_per_degen: 8 },
    { variant: "documented", fee_rate: 0, xdai_per_degen: 4 },
    { variant: "documented", fee_rate: 0.01, xdai_per_degen: 5 },
  ]);
  assertEquals(sweepValue(sweep, "documented", "fee_rate", 0.01, "xdai_per_degen"), 5);
  assertThrows(
    () => sweepValue(sweep, "documented", "fee_rate", 0.5, "xdai_per_degen"),
    Error,
    "no run of 'documented' at fee_rate = 0.5",
  );
  // 8 / 10 − 1 = −20%, 5 / 4 − 1 = +25%.
  const change = changeFrom(sweep, "fee_rate", "xdai_per_degen", 0);
  assertEquals(change.map((r) => [r.variant, r.fee_rate]), [
    ["reference", 0],
    ["reference", 0.01],
    ["documented", 0],
    ["documented", 0.01],
  ]);
  change.forEach((r, i) => close(r.change, [0, -20, 0, 25][i]));
});

Deno.test("largestRelativeGap: the largest |a/b − 1| over the named columns only", () => {
  const a = { x: 2, y: 3, z: 100 }, b = { x: 4, y: 3, z: 1 };
  assertEquals(largestRelativeGap(a, b, ["x", "y"]), 0.5);
  assertEquals(largestRelativeGap(b, a, ["x", "y"]), 1);
});

Deno.test("ddtWhereabouts: each variant's dDT at the last step, the table rounded to 0.01", () => {
  const ts = timeseriesOf([
    { variant: "reference", timestep: 0, ddt_minted: 1 },
    {
      variant: "reference",
      timestep: 3,
      ddt_minted: 100,
      ddt_created: 1.236,
      ddt_destroyed: 50,
      ddt_spent: 70,
    },
    { variant: "documented", timestep: 3, ddt_minted: 100, lp_ddt_reserve: 60, pie_ddt: 2, ddt_held: 38 },
  ]);
  const { table, at } = ddtWhereabouts(ts);
  assertEquals(at.reference.ddt_minted, 100);
  assertEquals(at.reference.ddt_created, 1.236);
  assertEquals(at.documented.lp_ddt_reserve, 60);
  assertEquals(table.columns, ["dDT after the run", "reference", "documented"]);
  assertEquals(table.toRecords()[1], {
    "dDT after the run": "created by the shipped reinvestment",
    reference: 1.24,
    documented: 0,
  });
  assertEquals(table.getColumn("documented").toArray(), [100, 0, 38, 60, 2, 0, 0]);
});

Deno.test("spendingOvertakesMinting: the first step spending is strictly above minting", () => {
  const ts = timeseriesOf([
    { variant: "documented", timestep: 0, ddt_minted: 10, ddt_spent: 0 },
    { variant: "documented", timestep: 1, ddt_minted: 10, ddt_spent: 10 },
    { variant: "documented", timestep: 2, ddt_minted: 20, ddt_spent: 21 },
    { variant: "reference", timestep: 0, ddt_minted: 10, ddt_spent: 0 },
    { variant: "reference", timestep: 1, ddt_minted: 20, ddt_spent: 20 },
  ]);
  assertEquals(spendingOvertakesMinting(ts, "documented"), 2);
  assertEquals(spendingOvertakesMinting(ts, "reference"), undefined);
});

/** One agent of each type per variant; what organizations and degens bought and collected. */
function buyers(orgBought: number, powerBought: number) {
  const types = ["degen", "degen", "organization", "power", "active", "casual"];
  return agentsOf(["reference", "documented"].flatMap((variant) =>
    types.map((agent_type, agent_id) => ({
      variant,
      agent_id,
      agent_type,
      ddt_bought: agent_type === "organization" ? orgBought : agent_type === "power" ? powerBought : 0,
      fees_collected: agent_type === "degen" ? 2 + 2 * agent_id : 0,
    }))
  ));
}

Deno.test("demandAndFees: organizations' share of dDT bought, degens' fees and pool value", () => {
  const ts = timeseriesOf(["reference", "documented"].map((variant) => ({
    variant,
    timestep: 9,
    count_degen: 2,
    fees_charged: 10,
    lp_xdai_reserve: 50,
    avg_xdai_degen: 7,
  })));
  const d = demandAndFees(ts, buyers(30, 10));
  // 30 of 40 dDT bought; degens collected 2 + 4 = 6 of 10 xDAI charged, 3 each; 2 · 50 / 2 = 50 each.
  assertEquals(d.reference, {
    variant: "reference",
    share_bought_by_organizations: 0.75,
    fees_charged: 10,
    fees_collected_by_degens: 6,
    fees_per_degen: 3,
    lp_value_per_degen: 50,
    xdai_per_degen: 7,
  });
  assertEquals(d.documented.share_bought_by_organizations, 0.75);
});

Deno.test("pieReach: taken out, received and its shares, what stayed after each payout", () => {
  // Steps 5 and 10: 7 of 10 and 14 of 20 dDT taken out (30% stays), 21 in all; 24 dDT ever spent.
  const ts = timeseriesOf(["reference", "documented"].flatMap((variant) => [
    { variant, timestep: 0 },
    { variant, timestep: 5, pie_ddt: 3, pie_distributed: 7, ddt_spent: 10 },
    { variant, timestep: 10, pie_ddt: 6, pie_distributed: 14, ddt_spent: 24 },
  ]));
  // Documented members received 8, 8 and 4 of the 21 (power, active, casual); shipped, nobody.
  const received: Record<string, number> = { power: 8, active: 8, casual: 4 };
  const agents = agentsOf(
    ["reference", "documented"].flatMap((variant) =>
      ["degen", "organization", "power", "active", "casual"].map((agent_type, agent_id) => ({
        variant,
        agent_id,
        agent_type,
        pie_received: variant === "documented" ? received[agent_type] ?? 0 : 0,
      }))
    ),
  );
  const reach = pieReach(ts, agents);
  assertEquals(reach.documented.takenOut, 21);
  assertEquals(reach.documented.receivedTotal, 20);
  assertEquals(reach.documented.shareReceived, 20 / 21);
  assertEquals(reach.documented.shares, { degen: 0, organization: 0, power: 0.4, active: 0.4, casual: 0.2 });
  assertEquals(reach.documented.retained, { min: 0.3, max: 0.3 });
  assertEquals(reach.documented.endOverSpent, 0.25);
  assertEquals([reach.reference.receivedTotal, reach.reference.shareReceived], [0, 0]);
  assert(Number.isNaN(reach.reference.shares.power));
});

Deno.test("figures: rows every n steps; per-type and minted/spent columns as long rows", () => {
  const ts = timeseriesOf([0, 1, 2, 3, 4].map((t) => ({
    variant: "documented",
    timestep: t,
    ...counts(t, 1, 1, 0, 0),
    ddt_minted: 10 * t,
    ddt_spent: t,
  })));
  assertEquals(thinned(ts, 2).map((r) => r.timestep), [0, 2, 4]);
  const long = byType(ts, "count", 4);
  assertEquals(long.map((r) => [r.timestep, r.type, r.value]), [
    [0, "degen", 0],
    [0, "organization", 1],
    [0, "power", 1],
    [0, "active", 0],
    [0, "casual", 0],
    [4, "degen", 4],
    [4, "organization", 1],
    [4, "power", 1],
    [4, "active", 0],
    [4, "casual", 0],
  ]);
  assertEquals(mintedVsSpent(ts, 4).map((r) => [r.timestep, r.flow, r.value]), [
    [0, "minted for data", 0],
    [0, "spent on compute", 0],
    [4, "minted for data", 40],
    [4, "spent on compute", 4],
  ]);
});

/**
 * The sweep of conclusion 3's parameters (halving periods, horizon, minimum mint rates): its shape, that
 * each axis sets all its parameters, and the median crossing day over seeds that never cross.
 */
import { assert, assertEquals, assertThrows } from "@std/assert";
import {
  HALVING_PERIODS,
  investmintSweep,
  MINT_RATE_MINS,
  runFrame,
} from "@lib/models/bostrom/experiments.ts";
import { supplyIncrease } from "@lib/models/bostrom/outcomes.ts";
import { type Crossing, medianCrossingDay } from "@lib/models/bostrom/crossings.ts";
import pl from "nodejs-polars";

const STEPS = 1200;
const crossing = (demandOvertakes: number | null): Crossing => ({
  subset: 0,
  run: 1,
  supplyAhead: 10,
  demandOvertakes,
  demandStaysAbove: demandOvertakes,
});

Deno.test("medianCrossingDay: a run that never crosses counts as later than any day", () => {
  assertEquals(medianCrossingDay([100, 300, 200].map(crossing)), 200);
  assertEquals(medianCrossingDay([100, 300, 200, 400].map(crossing)), 250);
  assertEquals(medianCrossingDay([100, null, 200].map(crossing)), 200);
  assertEquals(medianCrossingDay([100, null, 200, null].map(crossing)), null);
  assertEquals(medianCrossingDay([null, null, 200].map(crossing)), null);
  assertEquals(medianCrossingDay([]), null);
});

Deno.test("investmintSweep: one row per cell of the product, the first axis slowest, every column", () => {
  const sweep = investmintSweep({
    halving_period: { params: HALVING_PERIODS, values: [365, 730] },
    horizon_period_init: { params: ["horizon_period_init"], values: [365, 547, 730] },
  }, { runs: 2, steps: STEPS });
  assertEquals(sweep.height, 6);
  assertEquals(sweep.columns, [
    "halving_period",
    "horizon_period_init",
    "crossing_day_median",
    "crossing_day_min",
    "crossing_day_max",
    "runs_never_crossing",
    "demand_over_supply_end",
    "supply_increase",
  ]);
  assertEquals(sweep.getColumn("halving_period").toArray(), [365, 365, 365, 730, 730, 730]);
  assertEquals(sweep.getColumn("horizon_period_init").toArray(), [365, 547, 730, 365, 547, 730]);
  for (const r of sweep.toRecords()) {
    const never = r.runs_never_crossing as number;
    assert(never >= 0 && never <= 2);
    if (never < 2) {
      assert((r.crossing_day_min as number) <= (r.crossing_day_max as number));
    }
    if (never === 0) {
      const m = r.crossing_day_median as number;
      assert((r.crossing_day_min as number) <= m && m <= (r.crossing_day_max as number));
    }
    assert((r.demand_over_supply_end as number) > 0);
  }
  // The BOOT supply does not depend on the investmint parameters: one value in every cell.
  assertEquals(new Set(sweep.getColumn("supply_increase").toArray()).size, 1);
});

Deno.test("investmintSweep: an axis sets every parameter it names, as a run with those values does", () => {
  const sweep = investmintSweep({
    halving_period: { params: HALVING_PERIODS, values: [456] },
    mint_rate_min: { params: MINT_RATE_MINS, values: [0.5] },
  }, { runs: 1, steps: STEPS });
  const frame = runFrame({
    runs: 1,
    steps: STEPS,
    set: {
      ampere_base_halving_period: 456,
      volt_base_halving_period: 456,
      ampere_mint_rate_min: 0.5,
      volt_mint_rate_min: 0.5,
    },
  });
  const last = frame.filter(pl.col("timestep").eq(frame.getColumn("timestep").max() as number));
  assertEquals(last.getColumn("volt_mint_rate").get(0), 0.5);
  assertEquals(last.getColumn("ampere_mint_rate").get(0), 0.5);
  const r = sweep.toRecords()[0];
  assertEquals(r.supply_increase, supplyIncrease(frame).getColumn("supply_increase").get(0));
  assertEquals(
    r.demand_over_supply_end,
    (last.getColumn("cyberlinks_per_day").get(0) as number) /
      (last.getColumn("volt_supply").get(0) as number),
  );
});

Deno.test("investmintSweep: when the median seed never crosses, the median is null and the column numeric", () => {
  // A V for every H: the V supply covers the demand to the end.
  const sweep = investmintSweep({
    halving_period: { params: HALVING_PERIODS, values: [365, 730] },
  }, { runs: 3, steps: 400, set: { volt_base_investmint_amount: 1 } });
  assertEquals([...sweep.getColumn("crossing_day_median").toArray()] as unknown[], [null, null]);
  assertEquals([...sweep.getColumn("crossing_day_min").toArray()] as unknown[], [null, null]);
  assertEquals(sweep.getColumn("runs_never_crossing").toArray(), [3, 3]);
  assertEquals(sweep.getColumn("crossing_day_median").dtype, pl.Float64);
});

Deno.test("investmintSweep: needs an axis with values", () => {
  assertThrows(() => investmintSweep({}));
  assertThrows(() => investmintSweep({ h: { params: HALVING_PERIODS, values: [] } }));
});

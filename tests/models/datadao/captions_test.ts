/**
 * The statements this revision corrected in the dataDAO report's captions, checked against the runs they
 * describe: each variant's lowest price in its first ten steps (only the shipped code's is 0.046), and The
 * Pie after each payout as 0.3 × (what it held + that step's compute spending), in both variants.
 */
import { assert, assertEquals } from "@std/assert";
import { DEFAULT_SETTINGS, runVariants } from "@lib/models/datadao/experiments.ts";
import { seriesOf } from "@lib/models/datadao/outcomes.ts";

const { timeseries } = runVariants(DEFAULT_SETTINGS);

Deno.test("price caption: the lowest price of steps 1–10 is 0.046 as shipped, 0.043 as documented", () => {
  const low = (v: string) => Math.min(...seriesOf(timeseries, v, "price").slice(1, 11));
  assertEquals(Number(low("reference").toPrecision(2)), 0.046);
  assertEquals(Number(low("documented").toPrecision(2)), 0.043);
});

Deno.test("pie caption: after each payout The Pie holds 0.3 × (what it held + that step's spending)", () => {
  for (const v of ["reference", "documented"]) {
    const pie = seriesOf(timeseries, v, "pie_ddt");
    const spent = seriesOf(timeseries, v, "ddt_spent");
    for (let t = 1; t < pie.length; t++) {
      const expected = 0.3 * (pie[t - 1] + spent[t] - spent[t - 1]);
      assert(Math.abs(pie[t] - expected) <= 1e-9 * Math.max(1, expected), `${v}, step ${t}`);
    }
  }
});

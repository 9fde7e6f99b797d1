/**
 * The dataDAO claims' own measures (lib/models/datadao/measures.ts) and the record of what the original
 * writes (lib/models/datadao/outputs.ts), on hand-made tables; then the entry sizes of the real run.
 */
import { assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { counts, timeseriesOf } from "./tables.ts";
import {
  entryPrices,
  entrySizes,
  entryTransfers,
  priceSwing,
  spendOverMint,
} from "@lib/models/datadao/measures.ts";
import { poolPrice, sharesFor } from "@lib/models/datadao/pool.ts";
import { parseShippedOutputs, promisedWritten, readShippedOutputs } from "@lib/models/datadao/outputs.ts";
import { DEFAULT_SETTINGS, runVariants } from "@lib/models/datadao/experiments.ts";

const v = "documented";

Deno.test("entrySizes: agents added at each entry step (t − 1 a multiple of the interval)", () => {
  // Interval 2: entries show on timesteps 1 and 3; timestep 2 adds nobody.
  const ts = timeseriesOf([
    { variant: v, timestep: 0, ...counts(4, 1, 1, 3, 2) },
    { variant: v, timestep: 1, ...counts(8, 1, 1, 6, 4) },
    { variant: v, timestep: 2, ...counts(8, 1, 1, 6, 4) },
    { variant: v, timestep: 3, ...counts(12, 2, 2, 9, 6) },
  ]);
  assertEquals(entrySizes(ts, v, 2), [9, 11]);
  assertThrows(() => entrySizes(ts, v, 3), Error, "not an entry step");
});

Deno.test("priceSwing, spendOverMint, entryPrices: from a timestep to the end", () => {
  const ts = timeseriesOf([
    { variant: v, timestep: 0, price: 1, ddt_minted: 100, ddt_spent: 0 },
    { variant: v, timestep: 1, price: 0.05, ddt_minted: 200, ddt_spent: 50 },
    { variant: v, timestep: 2, price: 0.04, ddt_minted: 300, ddt_spent: 250 },
    { variant: v, timestep: 3, price: 0.08, ddt_minted: 400, ddt_spent: 450 },
  ]);
  assertEquals(priceSwing(ts, v, 1), 2);
  // From timestep 1: 400 spent against 200 minted.
  assertEquals(spendOverMint(ts, v, 1), 2);
  assertThrows(() => spendOverMint(ts, v, 3), Error, "no steps after 3");
  const degen = (entered: number) => ({ agent_id: 0, entered, fees: 0, share_value: 0, deposit: 0, net: 0 });
  assertEquals(entryPrices(ts, v, [degen(0), degen(2)]), [1, 0.04]);
});

Deno.test("entryTransfers: d · price − x, what the pool's share rule gives a deposit with no ratio check", () => {
  assertEquals(entryTransfers([0.02, 1, 2.5], 10, 10).map((t) => Math.round(t * 1e9) / 1e9), [-9.8, 0, 15]);
  // The pool's own rule, worked by hand: 1000 dDT and 20 xDAI held for 500 shares; 10 dDT + 10 xDAI in.
  const shares = sharesFor(1000, 500, 10); // 10 · 500 / 1000 = 5
  assertEquals(shares, 5);
  const after = poolPrice(1010, 30); // 30 / 1010
  const value = (shares / 505) * (30 + 1010 * after); // = 2 · 10 · after
  const transfer = value - (10 + 10 * after);
  assertAlmostEquals(transfer, entryTransfers([after], 10, 10)[0], 1e-12);
  assertAlmostEquals(transfer, -9.70297, 1e-5);
});

Deno.test("outputs: the record of the shipped code; promised CSVs it writes", () => {
  const r = readShippedOutputs();
  assertEquals(promisedWritten(r, ".csv"), {
    promised: ["simulation_data.csv", "transaction_history.csv"],
    written: [],
  });
  assertEquals(promisedWritten(r, ".png").written, ["simulation_results.png"]);
  const bad = JSON.stringify({ ...r, writes: [{ path: "a", line: 1, call: "x()", file: "y.csv" }] });
  assertThrows(() => parseShippedOutputs(bad), Error, "does not name y.csv");
});

Deno.test("entrySizes on the model's run: no entry adds the README's 10 (9 or 11, both variants)", () => {
  const { timeseries } = runVariants(DEFAULT_SETTINGS);
  for (const variant of ["reference", "documented"] as const) {
    const sizes = entrySizes(timeseries, variant, 5);
    assertEquals([sizes.length, sizes.filter((s) => s === 9).length, sizes.filter((s) => s === 11).length], [
      400,
      201,
      199,
    ]);
  }
});

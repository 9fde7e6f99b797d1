/**
 * `deno task bench`: one default Bostrom run (3650 days, investmint draws on) through the engine, the
 * speed the removed test asserted (a few milliseconds a run) measured instead of asserted.
 */
import { uncached } from "@lib/engine/cache.ts";
import { simulate } from "@lib/engine/simulate.ts";
import { bostrom } from "@lib/models/bostrom/model.ts";

Deno.bench("bostrom one 3650-day run", { group: "bostrom" }, () => {
  // Never the run cache, whatever the environment: a read from it would be timed instead of a run.
  const rows = uncached(() => simulate(bostrom, { runs: 1 })).columns.values.volt_supply.length;
  if (rows !== 3651) throw new Error(`unexpected ${rows} rows`);
});

/**
 * Tracing's counters (the original's tracing_* columns): in both rule sets every true parent link is either
 * traced or missed, a false link only ever replaces a missed one, the counts never fall, and the two ends of
 * tracing accuracy give what they must.
 */
import { assert, assertEquals } from "@std/assert";
import pl from "nodejs-polars";
import { runAgents } from "@lib/engine/simulate.ts";
import { scenarioPlan } from "@lib/models/bitrewards/experiments.ts";
import { bitrewards } from "@lib/models/bitrewards/model.ts";
import { bitrewardsTables } from "@lib/models/bitrewards/tables.ts";

const COUNTERS = [
  "tracing_true_links",
  "tracing_detected_true_links",
  "tracing_missed_true_links",
  "tracing_false_positive_links",
] as const;

/** Each step's counters of one small run of a scenario, with settings changed. */
async function counters(scenario: string, set: Record<string, number> = {}) {
  const plan = await scenarioPlan(scenario, { runs: 1, seed: 7, set });
  const { timeseries } = bitrewardsTables(runAgents(bitrewards, { ...plan, steps: 30 }));
  return timeseries.filter(pl.col("run_id").eq(1)).sort("step").select(...COUNTERS, "total_contributions")
    .toRecords() as Record<string, number>[];
}

for (const scenario of ["baseline", "original_baseline"]) {
  Deno.test(`${scenario}: every true link is traced or missed, false links replace missed ones, none falls`, async () => {
    const rows = await counters(scenario);
    const last = rows.at(-1)!;
    assert(last.tracing_true_links > 0, "the run makes true links");
    for (const [i, r] of rows.entries()) {
      assertEquals(r.tracing_detected_true_links + r.tracing_missed_true_links, r.tracing_true_links);
      assert(r.tracing_false_positive_links <= r.tracing_missed_true_links);
      if (i > 0) { for (const c of COUNTERS) assert(r[c] >= rows[i - 1][c], `${c} fell at step ${i}`); }
    }
  });

  Deno.test(`${scenario}: tracing accuracy 1 misses nothing; 0 with no false links traces nothing`, async () => {
    const all = (await counters(scenario, { tracing_accuracy: 1 })).at(-1)!;
    assertEquals([all.tracing_missed_true_links, all.tracing_false_positive_links], [0, 0]);
    assertEquals(all.tracing_detected_true_links, all.tracing_true_links);
    const none = (await counters(scenario, { tracing_accuracy: 0, tracing_false_positive_rate: 0 })).at(-1)!;
    assertEquals([none.tracing_detected_true_links, none.tracing_false_positive_links], [0, 0]);
    assertEquals(none.tracing_missed_true_links, none.tracing_true_links);
  });
}

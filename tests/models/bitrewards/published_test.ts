import { assert, assertAlmostEquals, assertEquals } from "@std/assert";
import pl from "nodejs-polars";
import { runAgents } from "@lib/engine/simulate.ts";
import { scenarioPlan } from "@lib/models/bitrewards/experiments.ts";
import { bitrewards } from "@lib/models/bitrewards/model.ts";
import { ORIGINAL_SCENARIOS } from "@lib/models/bitrewards/original_scenarios.ts";
import {
  comparePublished,
  lowestHolmReplicates,
  PUBLISHED_QUANTITIES,
  readPublished,
  reproducedQuantities,
} from "@lib/models/bitrewards/published.ts";
import { bitrewardsTables } from "@lib/models/bitrewards/tables.ts";

Deno.test("the published files: 32 runs of each configuration at step 240, every compared column", async () => {
  for (const scenario of ORIGINAL_SCENARIOS) {
    const f = await readPublished(scenario);
    assertEquals(f.height, 32, scenario);
    assertEquals(f.getColumn("step").unique().toArray(), [240], scenario);
    for (const q of PUBLISHED_QUANTITIES) assert(f.columns.includes(q.column), `${scenario}: ${q.column}`);
    // What the comparison leans on: the categories' royalties are all of the creators', and the fundings'
    // royalties are the investors' (so total_reward_funding is left out as a repeat).
    for (const r of f.toRecords()) {
      const n = (c: string) => r[c] as number;
      assertAlmostEquals(
        n("total_reward_core_research") + n("total_reward_supporting"),
        n("total_income_creators"),
        1e-9,
      );
      assertEquals(n("total_reward_funding"), n("total_income_investors"));
    }
  }
});

Deno.test("a published sample against itself: p = 1 and the mean at the middle of its resampled means", async () => {
  const published = await readPublished("original_baseline");
  const rows = comparePublished([{ scenario: "original_baseline", published, reproduced: published }], {
    resamples: 200,
    seed: 1,
  });
  assertEquals(rows.length, PUBLISHED_QUANTITIES.length);
  // Funding invested is 900 in every baseline run; fees over the run vary.
  assertEquals(rows.find((r) => r.column === "total_funding_invested")!.constant, true);
  assertEquals(rows.find((r) => r.column === "cumulative_fee_distributed")!.constant, false);
  for (const r of rows) {
    assertEquals([r.p, r.pHolm, r.verdict], [1, 1, "agrees"], r.column);
    assert(r.meanLo <= r.publishedMean && r.publishedMean <= r.meanHi, r.column);
  }
});

Deno.test("a shifted sample differs after Holm's correction; the published mean sits below every resampled mean", () => {
  const published = pl.DataFrame(
    Object.fromEntries(PUBLISHED_QUANTITIES.map((q) => [q.column, Array.from({ length: 20 }, (_, i) => i)])),
  );
  const reproduced = pl.DataFrame(
    Object.fromEntries(
      PUBLISHED_QUANTITIES.map((q) => [q.column, Array.from({ length: 20 }, (_, i) => i + 30)]),
    ),
  );
  const rows = comparePublished([{ scenario: "original_baseline", published, reproduced }], {
    resamples: 100,
    seed: 1,
  });
  for (const r of rows) {
    assertEquals(r.verdict, "differs");
    assertEquals(r.percentile, 0);
    assert(r.pHolm >= r.p);
  }
});

Deno.test("the reproduction's quantities of a reference run, as the original computed them", async () => {
  const plan = await scenarioPlan("original_baseline", { runs: 1, seed: 3 });
  const tables = bitrewardsTables(runAgents(bitrewards, { ...plan, steps: 25 }));
  const q = reproducedQuantities(tables);
  assertEquals(q.height, 4);
  const ts = tables.timeseries.filter(pl.col("run_id").eq(1).and(pl.col("step").gt(0)));
  const row = q.toRecords()[0];
  const fees = ts.getColumn("total_fee_distributed").toArray() as number[];
  assertAlmostEquals(row.cumulative_fee_distributed as number, fees.reduce((a, b) => a + b, 0), 1e-12);
  assertEquals(row.contribution_count, ts.getColumn("total_contributions").toArray().at(-1));
  assertEquals(
    (row.core_research_contribution_count as number) + (row.supporting_contribution_count as number) +
      (row.funding_contribution_count as number),
    row.contribution_count,
  );
  const share = (row.total_income_creators as number) /
    ((row.total_income_creators as number) + (row.total_income_investors as number));
  assertAlmostEquals(row.role_income_share_creators as number, share, 1e-12);
  // Every creator is of one category: the two categories' royalties are all of the creators'.
  assertAlmostEquals(
    (row.total_reward_core_research as number) + (row.total_reward_supporting as number),
    row.total_income_creators as number,
    1e-9,
  );
  assert((row.total_reward_core_research as number) > 0 && (row.total_reward_supporting as number) > 0);
  // Under the original's rules a creator's ROI is 0, so its satisfaction is ½ every step.
  assertAlmostEquals(row.mean_creator_satisfaction_over_run as number, 0.5, 1e-12);
});

Deno.test("the lowest adjusted p over resampled run sets: high for a sample against itself, low for a shifted one", async () => {
  const published = await readPublished("original_baseline");
  const same = lowestHolmReplicates([{ scenario: "original_baseline", published, reproduced: published }], {
    replicates: 20,
    seed: 1,
  });
  assertEquals(same.length, 20);
  // A resample of the published runs is told apart from them in no quantity (each p-value well above 5 %).
  for (const p of same) assert(p > 0.05, `${p}`);
  const shifted = published.select(
    ...PUBLISHED_QUANTITIES.map((q) => pl.col(q.column).add(pl.lit(1e6)).alias(q.column)),
  );
  const apart = lowestHolmReplicates([{ scenario: "original_baseline", published, reproduced: shifted }], {
    replicates: 20,
    seed: 1,
  });
  for (const p of apart) assert(p < 1e-6, `${p}`);
  // Seeded: the same replicates again.
  assertEquals(
    lowestHolmReplicates([{ scenario: "original_baseline", published, reproduced: published }], {
      replicates: 20,
      seed: 1,
    }),
    same,
  );
});

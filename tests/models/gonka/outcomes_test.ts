/**
 * Gonka's outcomes (lib/models/gonka/outcomes.ts) on small hand-made schedules, each value worked by hand;
 * no model is run.
 */
import { assertEquals, assertThrows } from "@std/assert";
import pl from "nodejs-polars";
import {
  annualInflation,
  bonusMovers,
  capMilestones,
  conservation,
  EPOCHS_PER_YEAR,
  falls,
  firstAtLeast,
  firstHalving,
  largestEpochDrop,
  mintedDifferences,
  oldSystem,
  perGpuRatio,
  phase2Change,
  rewardAt,
} from "@lib/models/gonka/outcomes.ts";

/** A schedule frame from genesis with the given columns. */
const schedule = (columns: Record<string, number[]>) => {
  const epochs = Object.values(columns)[0].length;
  return pl.DataFrame({ epochs_since_genesis: Array.from({ length: epochs }, (_, n) => n), ...columns });
};

Deno.test("firstAtLeast: the first index reaching a share of the total", () => {
  const totals = [10n, 30n, 60n, 100n];
  assertEquals(firstAtLeast(totals, 100n, 0.1), 0); // 10 ≥ 10
  assertEquals(firstAtLeast(totals, 100n, 0.25), 1); // 30 ≥ 25
  assertEquals(firstAtLeast(totals, 100n, 0.5), 2); // 60 ≥ 50
  assertEquals(firstAtLeast(totals, 100n, 1), 3);
  assertEquals(firstAtLeast(totals, 101n, 1), undefined);
  // Exact past 2^53: one ngonka short of the cap has not reached it.
  const cap = 600_000_000_000_000_000n;
  assertEquals(firstAtLeast([cap - 1n, cap], cap, 1), 1);
});

Deno.test("capMilestones: epochs and years per share of each cap, null when never reached", () => {
  const rows = capMilestones(
    { totals: [10n, 30n, 60n, 100n], cap: 100n },
    { totals: [20n, 50n], cap: 100n },
    [0.5, 1],
  );
  assertEquals(rows, [
    { share: 0.5, proposal_epoch: 2, proposal_years: 2 / 365, mainnet_epoch: 1, mainnet_years: 1 / 365 },
    { share: 1, proposal_epoch: 3, proposal_years: 3 / 365, mainnet_epoch: null, mainnet_years: null },
  ]);
  assertEquals(capMilestones({ totals: [], cap: 1n }, { totals: [], cap: 1n }, []), []);
});

Deno.test("rewardAt: an epoch's reward in gonka, and an epoch the schedule lacks", () => {
  const frame = schedule({ epoch_reward: [3_000_000_000, 2_000_000_000, 1_500_000_000] });
  assertEquals(rewardAt(frame, 0), 3);
  assertEquals(rewardAt(frame, 2), 1.5);
  assertThrows(() => rewardAt(frame, 3), RangeError, "no epoch 3");
});

Deno.test("firstHalving: the first epoch paying at most half the genesis reward", () => {
  assertEquals(firstHalving(schedule({ epoch_reward: [100, 60, 50, 40] })), 2); // 2 · 50 ≤ 100
  assertEquals(firstHalving(schedule({ epoch_reward: [100, 60, 51] })), undefined);
  // The epoch since genesis, not the row: a frame starting at epoch 10.
  const later = pl.DataFrame({ epochs_since_genesis: [10, 11, 12], epoch_reward: [100, 80, 40] });
  assertEquals(firstHalving(later), 12);
});

Deno.test("largestEpochDrop: the largest fall as a share of the earlier reward; rises and zeros", () => {
  assertEquals(largestEpochDrop(schedule({ epoch_reward: [100, 90, 72, 72] })), 0.2); // 10%, 20%, 0%
  assertEquals(largestEpochDrop(schedule({ epoch_reward: [100, 110] })), 0); // a rise is no fall
  assertEquals(largestEpochDrop(schedule({ epoch_reward: [100, 0, 0] })), 1); // 0 → 0 is skipped, not 0/0
  assertEquals(largestEpochDrop(schedule({ epoch_reward: [100] })), 0);
});

Deno.test("mintedDifferences: epochs minting differently; schedules of different lengths refused", () => {
  const a = schedule({ minted: [5, 5, 4] });
  assertEquals(mintedDifferences(a, schedule({ minted: [5, 6, 4] })), 1);
  assertEquals(mintedDifferences(a, a), 0);
  assertThrows(
    () => mintedDifferences(schedule({ minted: [5, 5] }), a),
    Error,
    "schedules of 2 and 3 epochs",
  );
});

Deno.test("annualInflation: a year's minting over the total at its start, from year 2", () => {
  // One unit minted every epoch: totals 1, 2, …, 1095 over three years.
  const frame = schedule({ total_minted: Array.from({ length: 3 * EPOCHS_PER_YEAR }, (_, n) => n + 1) });
  // Year 2: (730 − 365) / 365 = 1; year 3: (1095 − 730) / 730 = 0.5.
  assertEquals(annualInflation(frame, 3), [1, 0.5]);
  assertEquals(annualInflation(frame, 1), []);
  assertThrows(() => annualInflation(frame, 4), Error, "shorter than 4 years");
});

Deno.test("falls: consecutive values each below the one before, of how many pairs", () => {
  assertEquals(falls([3, 2, 2, 1]), { falling: 2, pairs: 3 }); // 3→2 and 2→1; 2→2 does not fall
  assertEquals(falls([1, 2, 1]), { falling: 1, pairs: 2 });
  assertEquals(falls([5]), { falling: 0, pairs: 0 });
  assertEquals(falls([]), { falling: 0, pairs: 0 });
});

Deno.test("oldSystem: when its pool runs dry, and issuance and GPU growth two epochs before", () => {
  const growth = schedule({ old_minted: [10, 20, 40, 80, 30, 0], gpus: [1, 2, 4, 8, 16, 16] });
  // Dry at epoch 5; epoch 3 is the last full mint (epoch 4 mints what the cap leaves): 80/10, 8/1.
  assertEquals(oldSystem(growth), { runsDry: 5, issuanceGrowth: 8, gpuGrowth: 8 });
  assertThrows(
    () => oldSystem(schedule({ old_minted: [10, 20], gpus: [1, 2] })),
    RangeError,
    "not spent within the 2 epochs",
  );
  assertThrows(() => oldSystem(schedule({ old_minted: [10, 0], gpus: [1, 2] })), RangeError, "from epoch 1");
});

Deno.test("perGpuRatio: a GPU's reward at genesis over its reward at a later epoch", () => {
  const growth = schedule({ reward_per_gpu_gonka: [2850, 1000, 190] });
  assertEquals(perGpuRatio(growth, 2), 15);
  assertEquals(perGpuRatio(growth, 0), 1);
  assertThrows(() => perGpuRatio(growth, 5), RangeError, "no epoch 5");
});

Deno.test("conservation: epochs whose participants were paid other than the minted amount", () => {
  assertEquals(conservation([5n, 5n, 3n], [5n, 4n, 3n]), { epochs: 3, mismatches: 1 });
  // Exact past 2^53: 1 ngonka apart is a mismatch.
  const big = 2n ** 60n;
  assertEquals(conservation([big], [big + 1n]), { epochs: 1, mismatches: 1 });
  assertThrows(() => conservation([1n], []), Error, "1 epochs minted but 0 settled");
});

Deno.test("phase2Change and bonusMovers: read from a bonus comparison table", () => {
  const table = pl.DataFrame({
    participant: ["busy-model-only", "all-models", "idle-model-only", "mid-model-only"],
    phase2_reward_gonka: [100, 125, 80, 95],
    change_percent: [5, 12, -7, 0],
  });
  assertEquals(phase2Change(table, "all-models"), 12);
  assertEquals(bonusMovers(table), {
    gainers: ["busy-model-only", "all-models"], // 0% is no gain
    loser: { participant: "idle-model-only", change_percent: -7 },
  });
  assertThrows(
    () => phase2Change(table.slice(0, 1), "all-models"),
    RangeError,
    "no participant 'all-models'",
  );
  assertThrows(() => bonusMovers(table.slice(0, 0)), RangeError, "no participants");
});

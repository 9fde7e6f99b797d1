/**
 * The participant network over epochs (docs/models/gonka.md, "The participant network"): a small case by
 * hand, conservation of the epoch's minted amount every epoch and at the cap, the bonus factors as
 * parameters (its columns from the command line: tests/cli/model_tables_test.ts).
 */
import { assert, assertEquals } from "@std/assert";
import { defaults } from "@lib/engine/params.ts";
import { simulate } from "@lib/engine/simulate.ts";
import { gonka } from "@lib/models/gonka/model.ts";
import { memberWeights, modelUtilization, networkMembers, settleNetwork } from "@lib/models/gonka/network.ts";
import { epochRow } from "@lib/models/gonka/state.ts";

const R0 = 285_000_000_000_000n;
const CAP = 600_000_000_000_000_000n;
const base = defaults(gonka.params);
const PHASE1 = {
  utilization_bonus_factor: 0,
  full_coverage_bonus_factor: 1,
  partial_coverage_bonus_factor: 0,
};

Deno.test("network by hand: two participants at 100 GPUs, Phase 1 and Phase 2", () => {
  // Slot 1 holds 1/3 of the GPUs (busy model only), slot 2 holds 2/3 (busy and mid).
  const p1 = { ...base, ...PHASE1, participants: 2 };
  const members = networkMembers(p1, 100);
  assertEquals(members.map((m) => m.baseWeight), [33_333n, 66_666n]);
  assertEquals(members.map((m) => m.nodes.map((n) => n.model)), [["busy"], ["busy", "mid"]]);
  // Utilization 0.5: busy at 0.75, mid at 0.5. Fees at 100 gonka/GPU: 33.3·0.75·100 and 33.3·(0.75+0.5)·100.
  assertEquals(modelUtilization(0.5), { busy: 0.75, mid: 0.5, quiet: 0.25 });
  assertEquals(members.map((m) => m.coinBalance), [2_500_000_000_000n, 4_166_666_666_666n]);
  // Phase 1: 33,333 / 99,999 is exactly one third.
  const phase1 = settleNetwork(p1, 100, R0, 0n, CAP);
  assertEquals(phase1.settlements.map((s) => s.rewardCoins), [95_000_000_000_000n, 190_000_000_000_000n]);
  assertEquals(phase1.minted, R0);
  // Phase 2 (0.5 / 1.2 / 0.1): 33,333·1.375·(1 + 1/3·0.1) = 47,360.6 → 47,360;
  // (33,333·1.375 + 33,333·1.25)·(1 + 2/3·0.1) = 93,332.4 → 93,332.
  const p2 = { ...base, participants: 2 };
  assertEquals(memberWeights(p2, networkMembers(p2, 100)), [47_360n, 93_332n]);
  const phase2 = settleNetwork(p2, 100, R0, 0n, CAP);
  const floor1 = (R0 * 47_360n) / 140_692n; // 95,937,224,575,668
  const floor2 = (R0 * 93_332n) / 140_692n; // 189,062,775,424,331
  assertEquals(R0 - floor1 - floor2, 1n);
  // The 1-ngonka remainder goes to the first participant in list order.
  assertEquals(phase2.settlements.map((s) => s.rewardCoins), [floor1 + 1n, floor2]);
  assertEquals(phase2.settlements[0].rewardCoins + phase2.settlements[1].rewardCoins, R0);
  // Under the cap: 100,000 ngonka of room left gives exactly 100,000.
  const capped = settleNetwork(p2, 100, R0, CAP - 100_000n, CAP);
  assertEquals(capped.minted, 100_000n);
  assertEquals(capped.settlements.reduce((s, x) => s + x.rewardCoins, 0n), 100_000n);
  assertEquals(settleNetwork(p2, 100, R0, CAP, CAP).minted, 0n);
});

Deno.test("conservation: every epoch Σ RewardCoins = minted, through the cap; WorkCoins follow utilization", () => {
  const r = simulate(gonka, { set: { supply_cap: 2_000_000, participants: 7 }, steps: 12, runs: 1 });
  const v = r.columns.values;
  for (let t = 0; t < r.rows; t++) assertEquals(v.reward_coins[t], v.minted[t], `timestep ${t}`);
  assertEquals((v.minted as unknown as bigint[]).filter((m) => m === 0n).length > 0, true);
  assertEquals(v.total_minted[r.rows - 1], 2_000_000_000_000_000n);
  const idle = simulate(gonka, { set: { utilization: 0 }, steps: 2, runs: 1 }).columns.values;
  assert(Array.from(idle.work_coins as ArrayLike<bigint>).every((w) => w === 0n));
  // WorkCoins scale with the fee level.
  const row = (set: Record<string, number>) => epochRow({ ...base, ...set }, 0, 0n, 0n);
  assertEquals(row({ fee_per_gpu: 0 }).work_coins, 0n);
  assert(row({ fee_per_gpu: 200 }).work_coins >= 2n * row({}).work_coins - 20n);
});

Deno.test("Phase 1 factors: RewardCoins in proportion to size; the bonus factors move the shares", () => {
  const phase1 = epochRow({ ...base, ...PHASE1 }, 0, 0n, 0n);
  // Slots 20 and 1: floor(100 GPUs · 1,000 · i / 210) = 9,523 and 476 (slot 1 also takes a remainder of
  // at most 19 ngonka).
  const ratio = Number(phase1.reward_coins_max) / Number(phase1.reward_coins_min);
  assert(Math.abs(ratio - 9_523 / 476) < 1e-9, `${ratio}`);
  const bonus = epochRow(base, 0, 0n, 0n);
  assertEquals(bonus.reward_coins, phase1.reward_coins);
  assert(bonus.reward_coins_min !== phase1.reward_coins_min);
});

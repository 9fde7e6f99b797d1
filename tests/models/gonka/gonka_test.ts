/**
 * Gonka rewards against docs/models/gonka.md: every upstream test expectation, the
 * exact decimal steps, the cap, the Phase-2 bonuses, and properties over random networks.
 */
import { assert, assertEquals, assertThrows } from "@std/assert";
import { decimalOf, times, toFloat, truncatedProduct } from "@lib/models/gonka/decimal.ts";
import {
  closedFormTotal,
  discreteHalving,
  epochReward,
  halfLife,
  ngonka,
  uncappedTotal,
} from "@lib/models/gonka/reward.ts";
import { type Participant, settleEpoch } from "@lib/models/gonka/distribution.ts";
import {
  coverageMultiplier,
  phase2Weight,
  PROPOSAL_FACTORS,
  utilizationWeight,
} from "@lib/models/gonka/bonuses.ts";
import { gonka } from "@lib/models/gonka/model.ts";
import { capped, epochRow, gpusAt } from "@lib/models/gonka/state.ts";
import {
  bonusComparison,
  bonusEffects,
  rewardPerGpu,
  SAMPLE_NETWORK,
  tenPercentExample,
  workCoinsPaid,
} from "@lib/models/gonka/examples.ts";
import { exactSchedule, runGonka, schedule } from "@lib/models/gonka/experiments.ts";
import {
  annualInflation,
  falls,
  firstAtLeast,
  firstHalving,
  largestEpochDrop,
  mintedDifferences,
} from "@lib/models/gonka/outcomes.ts";
import { gonkaChecks, gonkaClaims } from "@lib/models/gonka/claims.ts";
import { claimsTable } from "@lib/notebook/claims.ts";
import { defaults } from "@lib/engine/params.ts";
import { streamFor } from "@lib/engine/random.ts";
import { simulate } from "@lib/engine/simulate.ts";

const R0 = 285_000_000_000_000n;
const RATE = -0.000475;
const p = (
  address: string,
  weight: bigint,
  coinBalance = 0n,
  status: "ACTIVE" | "INVALID" = "ACTIVE",
): Participant => ({
  address,
  weight,
  coinBalance,
  status,
});

Deno.test("decimals: shortest round-trip digits, exact products, truncation toward zero", () => {
  assertEquals(decimalOf(-0.000475), { digits: -475n, scale: 6 });
  assertEquals(decimalOf(1e-7), { digits: 1n, scale: 7 });
  assertEquals(decimalOf(1.5e21), { digits: 15n, scale: -20 });
  assertEquals(decimalOf(0.1), { digits: 1n, scale: 1 });
  assertEquals(toFloat(times(decimalOf(-0.000475), 3n)), -0.001425);
  assertEquals(truncatedProduct(decimalOf(0.9999999), 10n), 9n);
  assertEquals(truncatedProduct(decimalOf(-0.5), 3n), -1n);
  assertEquals(ngonka(285_000), R0);
  assertThrows(() => decimalOf(Infinity), RangeError);
});

Deno.test("the exponent is the exact decimal product, not the float product", () => {
  // For some n, -0.000475 * n rounds differently from the decimal −475·n·10⁻⁶; the chain uses the latter.
  const differing = Array.from({ length: 2000 }, (_, n) => n).filter((n) =>
    -0.000475 * n !== Number(`${-475 * n}e-6`)
  );
  assert(differing.length > 0, "float and decimal products differ for some epochs");
  for (const n of differing.slice(0, 20)) {
    assertEquals(toFloat(times(decimalOf(RATE), BigInt(n))), Number(`${-475 * n}e-6`));
  }
});

Deno.test("upstream expectations: the epoch reward schedule", () => {
  assertEquals(epochReward(0n, R0, RATE), R0);
  assertEquals(epochReward(99n, R0, RATE), 271908110525520n);
  const r = (n: bigint) => epochReward(n, R0, RATE);
  assert(r(100n) < r(99n) && r(200n) < r(100n) && r(500n) < r(200n));
  const half = Number(r(1460n)) / Number(R0);
  assert(half > 0.475 && half < 0.525, `n = 1460 gives ${half} of R0`);
  assert(r(10000n) > 2_000_000_000_000n && r(10000n) < 3_000_000_000_000n);
  assert(epochReward(10n, R0, 0.0001) > R0, "a positive rate increases the reward");
  assertEquals(epochReward(5n, 0n, RATE), 0n);
  assertEquals(epochReward(10n, R0, 0), R0);
  assertEquals(epochReward(1_000_000n, R0, RATE), 0n, "rewards below 1 ngonka become 0");
  assertThrows(() => epochReward(-1n, R0, RATE), RangeError);
  assertEquals(halfLife(RATE).toFixed(2), "1459.26");
});

Deno.test("upstream expectations: distribution by weight, WorkCoins and the remainder", () => {
  const reward = epochReward(99n, R0, RATE);
  const s = settleEpoch([p("a", 1000n, 500n), p("b", 2000n, 1000n), p("c", 1000n, 750n)], reward).settlements;
  assertEquals(s.map((x) => x.workCoins), [500n, 1000n, 750n]);
  assertEquals(s.map((x) => x.rewardCoins), [67977027631380n, 135954055262760n, 67977027631380n]);
  const thirds = settleEpoch([p("a", 1n), p("b", 1n), p("c", 1n)], epochReward(0n, 100n, 0)).settlements;
  assertEquals(thirds.map((x) => x.rewardCoins), [34n, 33n, 33n]);
  const big = settleEpoch([p("a", 10n ** 12n), p("b", 2n * 10n ** 12n)], R0).settlements;
  assert(big[0].rewardCoins - R0 / 3n <= 1n && big[1].rewardCoins - (2n * R0) / 3n <= 1n);
  assertEquals(big[0].rewardCoins + big[1].rewardCoins, R0);
});

Deno.test("upstream expectations: the supply cap", () => {
  const cap = 10n ** 18n;
  const near = settleEpoch([p("a", 1n, 5n), p("b", 3n)], R0, cap - 100_000n, cap);
  assertEquals(near.minted, 100_000n);
  assertEquals(near.settlements.map((x) => x.rewardCoins), [25_000n, 75_000n]);
  const at = settleEpoch([p("a", 1n, 5n), p("b", 3n)], R0, cap, cap);
  assertEquals(at.minted, 0n);
  assertEquals(at.settlements[0].workCoins, 5n, "WorkCoins are still paid at the cap");
  // Scaling truncates each share; the leftover goes to the first eligible participant.
  const odd = settleEpoch([p("a", 1n), p("b", 1n), p("c", 1n)], 100n, 0n, 10n);
  assertEquals(odd.settlements.map((x) => x.rewardCoins), [4n, 3n, 3n]);
});

Deno.test("INVALID participants, negative balances and an empty network", () => {
  const s =
    settleEpoch([p("bad", 1n, -5n), p("gone", 5n, 100n, "INVALID"), p("ok", 1n, 7n)], 101n).settlements;
  assertEquals(s[0], { address: "bad", workCoins: 0n, rewardCoins: 50n, error: "negative coin balance" });
  assertEquals(s[1], { address: "gone", workCoins: 0n, rewardCoins: 0n });
  assertEquals(s[2].rewardCoins, 51n, "the remainder skips the participant with an error");
  assertEquals(settleEpoch([p("z", 0n, 3n)], 100n).minted, 0n, "no weight: nothing minted, nothing created");
  assertEquals(
    settleEpoch([{ address: "w", status: "ACTIVE", coinBalance: 0n, weight: -4n }, p("v", 2n)], 9n)
      .settlements.map((x) => x.rewardCoins),
    [0n, 9n],
  );
});

Deno.test("property: below the cap Σ RewardCoins = epoch reward; minting never passes the cap", () => {
  const rng = streamFor("gonka-properties");
  const cap = 5n * R0;
  let paid = 0n;
  for (let epoch = 0; epoch < 300; epoch++) {
    const members = Array.from(
      { length: 1 + rng.int(12) },
      (_, i) =>
        p(
          `m${i}`,
          BigInt(rng.int(4) === 0 ? 0 : 1 + rng.int(1e9)),
          BigInt(rng.int(2000) - 200),
          rng.int(10) === 0 ? "INVALID" : "ACTIVE",
        ),
    );
    members.push(p("anchor", 1n + BigInt(rng.int(1000)), 1n));
    const reward = epochReward(BigInt(epoch * 37), R0, RATE);
    const { settlements, minted } = settleEpoch(members, reward, paid, cap);
    assertEquals(settlements.reduce((s, x) => s + x.rewardCoins, 0n), minted);
    assert(settlements.every((x) => x.rewardCoins >= 0n && x.workCoins >= 0n));
    if (paid + reward <= cap) assertEquals(minted, reward, `epoch ${epoch}: the whole reward is distributed`);
    else assertEquals(minted, cap - paid > 0n ? cap - paid : 0n);
    paid += minted;
    assert(paid <= cap);
  }
  assertEquals(paid, cap, "the cap is reached and never passed");
});

Deno.test("Phase 2: utilization and coverage multipliers as the proposal defines them", () => {
  const util = { a: 1, b: 0, c: 0.5 };
  assertEquals(utilizationWeight([{ model: "a", pocWeight: 100 }], util, PROPOSAL_FACTORS), 150);
  assertEquals(
    utilizationWeight(
      [{ model: "b", pocWeight: 100 }, { model: "c", pocWeight: 10 }],
      util,
      PROPOSAL_FACTORS,
    ),
    112.5,
  );
  const all = [{ model: "a", pocWeight: 1 }, { model: "b", pocWeight: 1 }];
  assertEquals(coverageMultiplier(all, ["a", "b"], PROPOSAL_FACTORS), 1.2);
  assertEquals(coverageMultiplier([{ model: "a", pocWeight: 1 }], ["a", "b"], PROPOSAL_FACTORS), 1.05);
  assertEquals(phase2Weight([{ model: "a", pocWeight: 100 }], util, ["a", "b"]), 157n); // 150 × 1.05 = 157.5
  const table = bonusComparison(SAMPLE_NETWORK, R0).toRecords();
  assertEquals(table.reduce((s, r) => s + (r.phase2_reward_gonka as number), 0), 285_000);
  const byName = Object.fromEntries(table.map((r) => [r.participant, r]));
  assert(
    (byName["all-models"].phase2_reward_gonka as number) >
      (byName["mid-model-only"].phase2_reward_gonka as number),
  );
  assert(
    (byName["busy-model-only"].change_percent as number) >
      (byName["idle-model-only"].change_percent as number),
  );
});

Deno.test("the schedule: totals include their own epoch, the cap binds, growth and the old system", () => {
  const params = defaults(gonka.params);
  const row0 = epochRow(params, 0, 0n, 0n);
  assertEquals([row0.epoch, row0.total_minted, row0.gpus, row0.reward_per_gpu_gonka], [1, R0, 100, 2850]);
  const row1 = epochRow(params, 1, row0.total_minted, row0.old_total_minted);
  assertEquals(row1.total_minted, R0 + epochReward(1n, R0, RATE));
  assertEquals([gpusAt(params, 0), gpusAt(params, 365), gpusAt(params, 730), gpusAt(params, 5000)], [
    100,
    316,
    1000,
    1000,
  ]);
  assertEquals(capped(10n, 95n, 100n), 5n);
  assertEquals(capped(10n, 100n, 100n), 0n);
  const tight = schedule({ supply_cap: 1_000_000 }, 200);
  const totals = tight.getColumn("total_minted").toArray().map(BigInt);
  assert(totals.every((t) => t <= ngonka(1_000_000)));
  assertEquals(totals.at(-1), ngonka(1_000_000));
  assertEquals(tight.getColumn("remaining_to_cap").toArray().map(BigInt).at(-1), 0n);
  assertEquals(firstAtLeast(totals, ngonka(1_000_000), 0.5), 1);
  assertEquals(discreteHalving(285_000, 1459, 1460), 285_000);
  assertEquals(discreteHalving(285_000, 1460, 1460), 142_500);
});

Deno.test("a growing reward (positive decay_rate) fails its run at the 64-bit limit instead of wrapping", () => {
  const r = simulate(gonka, { set: { decay_rate: 0.001 }, steps: 11_000, runs: 1 });
  assertEquals(r.rows, 0);
  assertEquals(r.failures.length, 1);
  const message = r.failures[0].message;
  assert(message.startsWith("run 1 of subset 0 failed at timestep 10385"), message);
  assert(
    message.includes("column 'epoch_reward': 9225566731092710400 does not fit a 64-bit integer"),
    message,
  );
  // Up to the limit, the same parameters give positive rewards only.
  const before = simulate(gonka, { set: { decay_rate: 0.001 }, steps: 10_384, runs: 1 });
  assert(before.columns.values.epoch_reward.every((v) => v > 0n));
});

Deno.test("claim quantities: the uncapped total, the first halving, the largest epoch-to-epoch fall", () => {
  const { total, epochs } = uncappedTotal(R0, RATE);
  assertEquals([total, epochs], [600_142_511_281_213_063n, 70_071]);
  const closedForm = closedFormTotal(285_000, RATE);
  assert(Math.abs(Number(total) / 1e9 - closedForm) < 1, "the integer sum is the closed form to 1 gonka");
  assertEquals(closedFormTotal(100, Math.log(0.5)), 200); // 100 + 50 + 25 + …
  assertThrows(() => closedFormTotal(100, 0), RangeError);
  const early = schedule({}, 1500);
  assertEquals(firstHalving(early), 1460);
  assert(Math.abs(largestEpochDrop(early) - (1 - Math.exp(-0.000475))) < 1e-9);
  assertThrows(() => uncappedTotal(R0, 0), RangeError);
});

Deno.test("claim quantities: exact amounts past 2^53 ngonka, and milestones from them", () => {
  const exact = exactSchedule({}, 2);
  assertEquals(exact.remaining_to_cap[1], 599_430_135_342_853_528n);
  const totals = exact.total_minted as bigint[];
  assertEquals(firstAtLeast(totals, totals[1], 1), 1);
  assertEquals(firstAtLeast(totals, totals[2] + 1n, 1), undefined);
});

Deno.test("claim quantities: per-GPU shares, network size, inflation, WorkCoins, the bonus factors", () => {
  assertEquals([rewardPerGpu(100, R0), rewardPerGpu(1000, R0)], [2850, 285]);
  const steps = 800;
  assertEquals(mintedDifferences(schedule({}, steps), schedule({ gpus_final: 10_000 }, steps)), 0);
  assertEquals(mintedDifferences(schedule({}, steps), schedule({ initial_epoch_reward: 1 }, steps)), 801);
  const inflation = annualInflation(schedule({}, 5 * 365), 5);
  assertEquals(inflation.length, 4);
  assertEquals(falls(inflation), { falling: 3, pairs: 3 });
  assertEquals(falls([1, 2, 1]), { falling: 1, pairs: 2 });
  assertEquals(workCoinsPaid(), { matching: 6, participants: 6 });
  const { rewardA, tenth } = tenPercentExample();
  assertEquals(rewardA, tenth);
  const b = bonusEffects();
  assertEquals(b.utilizationRatio, 1.5);
  assert(Math.abs(b.fullCoverage - 20) < 1e-9 && Math.abs(b.halfCoverage - 5) < 1e-9);
});

Deno.test("every claim of the proposal: quoted, placed, and at its expected verdict", async () => {
  const { outcomes } = await runGonka();
  const claims = gonkaClaims(outcomes);
  const checks = gonkaChecks(outcomes); // throws if an identity fails
  assertEquals([claims.length, checks.length], [7, 13]);
  for (const c of claims) assert(c.quote.length > 0 && c.where.length > 0 && c.title, c.id);
  const html = claimsTable(claims, checks).html; // throws on a changed verdict or a repeated id
  assert(
    html.includes('data-fails="2"') && html.includes('data-holds="1"'),
    "600M exactly and centralization fail",
  );
  const ids = claims.filter((c) => c.verdict === "not testable here").map((c) => c.id);
  assert(ids.includes("scarcity_raises_value") && ids.includes("old_growth_raises_issuance"));
});

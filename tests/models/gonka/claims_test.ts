/**
 * Gonka's claims and model checks (lib/models/gonka/claims.ts) on hand-made outcomes: the formula
 * identities pass for the proposal's own numbers and each throws just outside its tolerance; the economic
 * claims are measured (the bonuses' weights worked by hand) and the wording carries the outcomes' numbers.
 * No model is run.
 */
import { assert, assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { gonkaChecks, gonkaClaims, gonkaFindings } from "@lib/models/gonka/claims.ts";
import { robustnessDetail, robustnessTag } from "@lib/notebook/robustness_tag.ts";
import type { GonkaOutcomes } from "@lib/models/gonka/outcomes.ts";
import type { Claim, TestableClaim } from "@lib/notebook/claims.ts";

/** Outcomes exactly as the proposal words them: every testable claim holds. */
const AS_WORDED: GonkaOutcomes = {
  uncapped: { total: 600_000_000_000_000_000n, epochs: 70_000 }, // 600,000,000 gonka
  capEpoch: 17_569,
  firstHalving: 1460,
  largestDrop: { fraction: 0.000475, years: 40 },
  perGpu100: 2850,
  perGpu1000: 285,
  scenarioRatio: 10,
  largeNetwork: { epochs: 1096, differences: 0 },
  inflation: [0.5, 0.25, 0.2],
  oldSystem: { runsDry: 400, issuanceGrowth: 8, gpuGrowth: 8.5 },
  conservation: { epochs: 21_901, mismatches: 0 },
  tenPercent: { rewardA: 28_500_000_000_000n, tenth: 28_500_000_000_000n },
  workCoins: { matching: 6, participants: 6 },
  bonusEffects: { utilizationRatio: 1.5, fullCoverage: 20, halfCoverage: 5 },
  coverageChanges: { allModels: 11.99, busyModelOnly: 11.74 },
};

/** Each outcome just outside its claim's criterion. */
const JUST_OUTSIDE: GonkaOutcomes = {
  ...AS_WORDED,
  uncapped: { total: 606_100_000_000_000_000n, epochs: 70_000 }, // 6.1M above 600M: over 1%
  firstHalving: 1475, // 15 epochs from 1,460: over 1% (14.6)
  largestDrop: { fraction: 0.0101, years: 40 }, // 1.01%: over 1%
  perGpu1000: 284.7, // 2,850 / 284.7 = 10.0105: over 0.1% from 10
  scenarioRatio: 0.99,
  largeNetwork: { epochs: 1096, differences: 1 },
  inflation: [0.5, 0.6, 0.2], // one fall of two pairs
  conservation: { epochs: 21_901, mismatches: 1 },
  tenPercent: { rewardA: 28_500_000_000_002n, tenth: 28_500_000_000_000n }, // 2 ngonka off
  workCoins: { matching: 5, participants: 6 },
  bonusEffects: { utilizationRatio: 1.502, fullCoverage: 20.03, halfCoverage: 5.006 },
};

const byId = <T extends { id: string }>(xs: T[]) => Object.fromEntries(xs.map((c) => [c.id, c]));
const measured = (c: Claim) => (c as TestableClaim).measured.value;

Deno.test("the formula identities are model checks: they pass for the proposal's own numbers", () => {
  const checks = gonkaChecks(AS_WORDED);
  assertEquals(checks.map((k) => k.id), [
    "total_supply",
    "halving_1460_epochs",
    "no_shock_events",
    "proportional_to_weight",
    "per_gpu_10x",
    "fewer_per_gpu_as_network_grows",
    "fixed_regardless_of_size",
    "inflation_falls",
    "minted_and_distributed",
    "workcoins_unchanged",
    "utilization_bonus_1_5x",
    "full_coverage_20_percent",
    "half_coverage_5_percent",
  ]);
  const k = byId(checks);
  assert(k.total_supply.what.includes("after 70,000 epochs"));
  assert(k.per_gpu_10x.what.includes("(2,850 gonka) ÷ among 1,000 (285 gonka)"));
  assert(k.inflation_falls.what.includes("years (of 2, years 3–4)"));
  assert(k.minted_and_distributed.what.includes("21,901 epochs through the cap"));
});

Deno.test("each identity throws just outside its tolerance, naming itself", () => {
  const fields: [keyof GonkaOutcomes, string][] = [
    ["uncapped", "total_supply"],
    ["firstHalving", "halving_1460_epochs"],
    ["largestDrop", "no_shock_events"],
    ["perGpu1000", "per_gpu_10x"],
    ["scenarioRatio", "fewer_per_gpu_as_network_grows"],
    ["largeNetwork", "fixed_regardless_of_size"],
    ["inflation", "inflation_falls"],
    ["conservation", "minted_and_distributed"],
    ["tenPercent", "proportional_to_weight"],
    ["workCoins", "workcoins_unchanged"],
    ["bonusEffects", "utilization_bonus_1_5x"],
  ];
  for (const [field, id] of fields) {
    assertThrows(() => gonkaChecks({ ...AS_WORDED, [field]: JUST_OUTSIDE[field] }), Error, `'${id}' fails`);
  }
});

Deno.test("the conclusions: exactly 600M measured in gonka, the bonus claims measured by hand", () => {
  // The chain's uncapped total, 600,142,511.281213063 gonka: its excess over the cap is measured in gonka
  // as a double (600 million gonka in ngonka is past 2^53, so to about 10⁻⁴ gonka) and shown to 6 digits.
  const chain = byId(gonkaClaims({ ...AS_WORDED, uncapped: { total: 600_142_511_281_213_063n, epochs: 1 } }));
  assert(Math.abs(measured(chain.exactly_600m) - 142_511.281213063) < 1e-4);
  assertEquals(chain.exactly_600m.verdict, "does not hold");
  const c = byId(gonkaClaims(AS_WORDED));
  // All three models, 100 weight each at 90/50/10 %: 100·(1.45 + 1.25 + 1.05) = 375, × 1.2 = 450. The busy
  // model only: 300 · 1.45 = 435, × (1 + ⅓ · 0.1) = 449.5. 450 / 449.5 before truncation.
  assertAlmostEquals(measured(c.coverage_incentive), 450 / 449.5, 1e-12);
  assertEquals(c.coverage_incentive.verdict, "holds");
  const changed = (c.coverage_incentive as TestableClaim).changed!;
  assert(changed.why.includes("449.5 → 449"), changed.why);
  const quantity = (c.coverage_incentive as TestableClaim).quantity;
  assert(quantity.includes("pull against each other"));
  // 450 / 449.5 = 1.00111, a margin of 0.11 %; on chain 450 / 449 = 1.00223, half of whose margin over 1
  // is the truncation. At 100/50/10: 100·(1.5 + 1.25 + 1.05) · 1.2 = 456 against 300 · 1.5 · 31/30 = 465.
  assert(
    quantity.includes("covering every model wins by 0.11 %; on chain 1.0022, 50 % of its margin"),
    quantity,
  );
  assert(
    quantity.includes("Under the skewed 100/50/10 mix the ratio is 0.9806: covering every model pays less"),
  );
  // A 100/50/10 mix flips it somewhere in the sample: the dependence says so.
  const dependence = (c.coverage_incentive as TestableClaim).dependence!;
  assert(dependence.share > 0 && dependence.share < 1 && dependence.flips.includes("busy_utilization"));
  assertEquals(c.coverage_incentive.robustness?.kind, "depends");
  // The tag says it depends and on how much of the sample: 51 of 64 mixes.
  const tested = c.coverage_incentive as Parameters<typeof robustnessTag>[0];
  assertEquals(robustnessTag(tested), "depends on 3 parameters: 80 % agree");
  assertEquals(dependence.share, 51 / 64);
  assert(robustnessDetail(tested).includes("80 % of 64 Latin-hypercube mixes"), robustnessDetail(tested));
  // The busy-model-only participant gains +11.74 % over its Phase-1 share: concentration pays.
  assertEquals(measured(c.prevents_centralization), 11.74);
  assertEquals(c.prevents_centralization.verdict, "does not hold");
  assert((c.prevents_centralization as TestableClaim).quantity.includes("model: 12 %)"));
  // It was not testable before; the method notes list it with that old form.
  assert((c.prevents_centralization as TestableClaim).changed!.from.startsWith("not testable"));
  for (const claim of gonkaClaims(AS_WORDED)) assert(claim.title, claim.id);
  const reason = (c.old_growth_raises_issuance as { reason: string }).reason;
  assert(reason.includes("(×8 as GPUs grow ×8.5)") && reason.includes("600M pool"), reason);
});

Deno.test("three assumptions, shown apart (the old system's pool, a day an epoch, the WorkCoins level); the pool's throws once the old issuance stops growing", () => {
  const findings = gonkaFindings(AS_WORDED);
  assertEquals(findings.map((f) => [f.id, f.kind]), [
    ["old_system_pool", "assumption"],
    ["epoch_one_day", "assumption"],
    ["workcoins_level", "assumption"],
  ]);
  const [pool, day, fees] = findings;
  // 1,460 / 365 = 4 years; the cap at epoch 17,569 is 48.1 years.
  assertEquals(
    day.model,
    "365 epochs a year: the first halving at epoch 1,460 is 4 years, the cap binds after 48.1 years",
  );
  // The busy, mid and quiet models at 1.5×, 1× and 0.5× the default utilization 0.5.
  assertEquals(
    fees.model,
    "100 gonka per GPU per epoch on a fully used model, × its model's utilization (75, 50, 25 % at the " +
      "default 0.5)",
  );
  assertEquals(
    pool.model,
    "2,850 gonka per GPU per epoch from a 600M pool: issuance ×8 as GPUs grow ×8.5, the pool spent by epoch 400",
  );
  assertThrows(
    () => gonkaFindings({ ...AS_WORDED, oldSystem: { runsDry: 400, issuanceGrowth: 1, gpuGrowth: 8.5 } }),
    Error,
    "finding 'old_system_pool' no longer shows",
  );
});

/**
 * Gonka's claims (lib/models/gonka/claims.ts) on hand-made outcomes: each measured value is the outcome it
 * names, each criterion holds for the proposal's own numbers and fails just outside its tolerance, and the
 * wording carries the outcomes' numbers. No model is run.
 */
import { assert, assertEquals } from "@std/assert";
import { gonkaClaims } from "@lib/models/gonka/claims.ts";
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
  coverageAdvantage: 1.1,
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
  coverageAdvantage: 0.99,
};

const NOT_TESTABLE = [
  "halving_4_years",
  "old_growth_raises_issuance",
  "scarcity_raises_value",
  "old_inflation_lowers_value",
  "prevents_centralization",
];

const byId = (claims: Claim[]) => Object.fromEntries(claims.map((c) => [c.id, c]));
const measured = (c: Claim) => (c as TestableClaim).measured.value;

Deno.test("claims: each measured value is the outcome it names", () => {
  const c = byId(gonkaClaims(AS_WORDED));
  const values = Object.fromEntries(
    Object.entries(c).filter(([id]) => !NOT_TESTABLE.includes(id)).map(([id, x]) => [id, measured(x)]),
  );
  assertEquals(values, {
    total_supply: 600, // million gonka
    exactly_600m: 0, // gonka above 600M
    halving_1460_epochs: 1460,
    no_shock_events: 0.0475, // percent
    proportional_to_weight: 0, // ngonka
    per_gpu_10x: 10,
    fewer_per_gpu_as_network_grows: 10,
    fixed_regardless_of_size: 0,
    inflation_falls: 2, // 0.5 > 0.25 > 0.2
    minted_and_distributed: 0,
    workcoins_unchanged: 6,
    utilization_bonus_1_5x: 1.5,
    full_coverage_20_percent: 20,
    half_coverage_5_percent: 5,
    coverage_incentive: 1.1,
  });
  // The chain's uncapped total, 600,142,511.281213063 gonka: its excess over the cap is measured in gonka
  // as a double (600 million gonka in ngonka is past 2^53, so to about 10⁻⁴ gonka) and shown to 6 digits.
  const chain = byId(gonkaClaims({ ...AS_WORDED, uncapped: { total: 600_142_511_281_213_063n, epochs: 1 } }));
  assert(Math.abs(measured(chain.exactly_600m) - 142_511.281213063) < 1e-4);
  assert(Math.abs(measured(chain.total_supply) - 600.142511281213063) < 1e-12);
  assertEquals(chain.exactly_600m.verdict, "does not hold");
});

Deno.test("claims: all hold for the proposal's own numbers, none just outside the criteria", () => {
  const verdicts = (o: GonkaOutcomes) => gonkaClaims(o).map((c) => [c.id, c.verdict]);
  for (const [id, verdict] of verdicts(AS_WORDED)) {
    assertEquals(verdict, NOT_TESTABLE.includes(id) ? "not testable here" : "holds", id);
  }
  for (const [id, verdict] of verdicts(JUST_OUTSIDE)) {
    assertEquals(verdict, NOT_TESTABLE.includes(id) ? "not testable here" : "does not hold", id);
  }
  assertEquals(gonkaClaims(AS_WORDED).length, 20);
});

Deno.test("claims: the wording carries the outcomes' numbers", () => {
  const c = byId(gonkaClaims(AS_WORDED));
  const quantity = (id: string) => (c[id] as TestableClaim).quantity;
  assert(quantity("total_supply").includes("after 70,000 epochs"));
  assert(quantity("exactly_600m").includes("at epoch 17,569"));
  assert(quantity("no_shock_events").includes("over 40 years"));
  assert(quantity("per_gpu_10x").includes("(2,850 gonka) ÷ among 1,000 (285 gonka)"));
  assert(quantity("fixed_regardless_of_size").includes("epochs (of 1,096)"));
  assert(quantity("inflation_falls").includes("years (of 2, years 3–4)"));
  assert(quantity("minted_and_distributed").includes("21,901 epochs through the cap"));
  const reason = (c.old_growth_raises_issuance as { reason: string }).reason;
  assert(reason.includes("(×8 as GPUs grow ×8.5)"), reason);
  assert(
    c.inflation_falls.verdict === "holds" && (c.inflation_falls as TestableClaim).measured.unit === "of 2",
  );
});

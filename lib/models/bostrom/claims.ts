/**
 * The Bostrom README's claims: its words and where they are, the number from the model runs that tests
 * each, a criterion fixed before any result, and the verdict the notebook expects. The three conclusions are
 * read from the Monte Carlo (the supply, the crossing, demand over supply at the end) and from one run (the
 * revenue); the other findings from one run. See docs/models/bostrom.md for the README and the original.
 */
import type pl from "nodejs-polars";
import { atLeast, atMost, type Claim, claim, notTestable, within } from "../../notebook/claims.ts";
import { spreadOf } from "../../analysis/spread.ts";
import type { ColumnTest } from "./outcomes.ts";
import { DAYS_PER_MONTH, monthlyValidatorRevenue, supplyIncrease } from "./outcomes.ts";
import { crossingYears, demandOverSupplyAtEnd, demandOvertakes, shareWithin } from "./crossings.ts";
import {
  bondedShareAt,
  giftClaimedShare,
  inflationRuleBreaks,
  largestLoadGap,
  loadAgainstTestnet,
  neuronsOverEthereum,
} from "./findings.ts";
import { bostromParams } from "./params.ts";

/**
 * The criteria that judge the README's claims, fixed before any result is computed. Each reads the
 * document's words as plainly as they allow.
 */
export const CRITERIA = {
  // "a 90% increase in BOOT supply relative to its genesis over a period of 10 years"
  supply: within(90, 0.1, "%"),
  // "from 1 ETH to 15": the first and the last full month, each within 20% of the README's round number
  revenueStart: within(1, 0.2, "ETH"),
  revenueEnd: within(15, 0.2, "ETH"),
  // "the demand for cyberlinks will exceed supply in 2.5 years": the first crossing falls between 2 and 3
  // years in at least 80% of the random seeds
  crossingWindow: [2, 3] as [number, number],
  crossingShare: atLeast(80, "% of seeds"),
  // "will significantly exceed the capabilities of the system": demand at least twice the V supply at the end
  demandOverSupply: atLeast(2, "times"),
  // "the inflation rate will increase ... will decrease": never a day against the rule
  inflationRule: atMost(0, "days"),
  // "boot_bonding_share_limit (0.85) ... the ratio ... which neurons tend to have": within 2% of 85%
  bondingLimit: within(85, 0.02, "%"),
  // "claimed_at_activation_share (0.85) ... will be reached in days_for_gift_activation"
  giftAtActivation: within(85, 0.01, "%"),
  // "the rest ... should be claimed in days_for_gift_full_claim": all of the gift
  giftFull: within(100, 0.001, "%"),
  // "we adjusted the formula with coefficients to expect more rapid growth" than Ethereum's addresses
  neuronGrowth: atLeast(1, "times"),
  // "we derived formulas" from the testnet measurements: each value within 10%
  loadFormulas: atMost(10, "%"),
};

/** The conclusions' criteria as tests of `variantEffects`' columns, to judge every variant as the claims. */
export const VARIANT_TESTS: Record<string, ColumnTest> = {
  "conclusion 1": { column: "supply_increase", test: (v: number) => CRITERIA.supply.test(100 * v) },
  "conclusion 2, first month": { column: "first_month_revenue_eth", test: CRITERIA.revenueStart.test },
  "conclusion 2, last month": { column: "last_month_revenue_eth", test: CRITERIA.revenueEnd.test },
  "conclusion 3": {
    column: "share_overtaking_in_window",
    test: (v: number) => CRITERIA.crossingShare.test(100 * v),
  },
};

/** The runs the claims are read from. */
export interface ClaimRuns {
  /** One run of the code's model (`runOne`): run 1 of subset 0 is read. */
  readonly frame: pl.DataFrame;
  /** The Monte Carlo over seeds (`runMonteCarlo`): every run is read. */
  readonly mc: pl.DataFrame;
}

const C3_CROSSING = "The model made it possible to define the parameters of investmint and halving on the " +
  "basis of the assumption that the demand for cyberlinks will exceed supply in 2.5 years";
const C3_GAP =
  "… and therefore the need for creating cyberlinks will significantly exceed the capabilities of " +
  "the system …";
const C3_PRICE = "… and ensure the growth of V token relative to BOOT.";

/** Every claim and finding of the README, in the order of the report's table. */
export function bostromClaims({ frame, mc }: ClaimRuns): Claim[] {
  const LAST = frame.getColumn("timestep").max() as number;
  const activation = bostromParams.days_for_gift_activation.default;
  const fullDay = activation + bostromParams.days_for_gift_full_claim.default;

  const supplySpread = spreadOf(supplyIncrease(mc).getColumn("supply_increase").toArray() as number[]);
  const runs = supplySpread.n;
  const seeds = `5–95% of ${runs} seeds`;
  const sameInEverySeed = supplySpread.lo === supplySpread.hi;
  const inWindow = shareWithin(crossingYears(demandOvertakes(mc)), ...CRITERIA.crossingWindow);
  const ratioSpread = spreadOf(demandOverSupplyAtEnd(mc));

  const months = monthlyValidatorRevenue(frame).toRecords() as { month: number; revenue_eth: number }[];
  if (months.length === 0) {
    throw new Error(`bostromClaims: the run has no full ${DAYS_PER_MONTH}-day month (last day ${LAST})`);
  }
  const [firstMonth, lastMonth] = [months[0], months[months.length - 1]];
  const rule = inflationRuleBreaks(frame);
  const bondedEnd = bondedShareAt(frame, LAST);
  const load = loadAgainstTestnet();
  const worstLoad = largestLoadGap(load);

  return [
    claim({
      id: "supply_increase",
      quote:
        "The model allowed us to determine the parameters of inflation with a target of a 90% increase in " +
        "BOOT supply relative to its genesis over a period of 10 years.",
      where: "README, Conclusions, 1",
      quantity: `increase of the BOOT supply from genesis to day ${LAST}` +
        (sameInEverySeed ? ` (the same in all ${runs} seeds)` : ""),
      criterion: CRITERIA.supply,
      measured: sameInEverySeed ? { value: 100 * supplySpread.median, unit: "%" } : {
        value: 100 * supplySpread.median,
        unit: "%",
        spread: [100 * supplySpread.lo, 100 * supplySpread.hi],
        spreadLabel: seeds,
      },
      expected: "holds",
    }),
    claim({
      id: "revenue_first_month",
      quote:
        "The model made it possible to predict the monthly growth of the validator's profitability from " +
        "1 ETH to 15 over a period of 10 years.",
      where: "README, Conclusions, 2",
      quantity: `one validator's revenue in the first ${DAYS_PER_MONTH}-day month`,
      criterion: CRITERIA.revenueStart,
      measured: { value: firstMonth.revenue_eth, unit: "ETH" },
      expected: "does not hold",
    }),
    claim({
      id: "revenue_last_month",
      quote:
        "The model made it possible to predict the monthly growth of the validator's profitability from " +
        "1 ETH to 15 over a period of 10 years.",
      where: "README, Conclusions, 2",
      quantity:
        `one validator's revenue in the last full ${DAYS_PER_MONTH}-day month (month ${lastMonth.month})`,
      criterion: CRITERIA.revenueEnd,
      measured: { value: lastMonth.revenue_eth, unit: "ETH" },
      expected: "holds",
    }),
    claim({
      id: "demand_exceeds_supply",
      quote: C3_CROSSING,
      where: "README, Conclusions, 3",
      quantity: `share of ${runs} seeds in which cyberlink demand first exceeds the V supply between ` +
        `${CRITERIA.crossingWindow[0]} and ${CRITERIA.crossingWindow[1]} years`,
      criterion: CRITERIA.crossingShare,
      measured: { value: 100 * inWindow, unit: "% of seeds" },
      expected: "holds",
    }),
    claim({
      id: "demand_far_above_supply",
      quote: C3_GAP,
      where: "README, Conclusions, 3",
      quantity: `cyberlink demand over the V supply on day ${LAST}`,
      criterion: CRITERIA.demandOverSupply,
      measured: {
        value: ratioSpread.median,
        unit: "times",
        spread: [ratioSpread.lo, ratioSpread.hi],
        spreadLabel: seeds,
      },
      expected: "holds",
    }),
    notTestable({
      id: "v_price_growth",
      quote: C3_PRICE,
      where: "README, Conclusions, 3",
      reason: "the model prices BOOT (GBOOT in ETH) but has no price for V, so V's growth relative to BOOT " +
        "cannot be measured",
      expected: "not testable here",
    }),
    claim({
      id: "inflation_rule",
      quote:
        "If the inflation rate is below the boot_bonded_share_target the inflation rate will increase until " +
        "a maximum value - (boot_inflation_rate_max) is reached ... If the inflation rate is above the goal " +
        "boot_bonded_share_target the inflation rate will decrease until a minimum - value " +
        "(boot_inflation_rate_min) is reached",
      where: "README, BOOT Minting and Inflation",
      quantity: `days (of ${rule.days}) on which the rate moved against the previous day's bonded share`,
      criterion: CRITERIA.inflationRule,
      measured: { value: rule.against, unit: "days" },
      expected: "holds",
    }),
    claim({
      id: "bonding_limit",
      quote:
        "boot_bonding_share_limit is the ratio between boot_bonded_supply and boot_supply which neurons " +
        "tend to have",
      where: "README, Modeling Bonded BOOT Amount (H Supply); boot_bonding_share_limit = 0.85",
      quantity: `bonded share of the BOOT supply on day ${LAST}`,
      criterion: CRITERIA.bondingLimit,
      measured: { value: 100 * bondedEnd, unit: "%" },
      expected: "holds",
    }),
    claim({
      id: "gift_at_activation",
      quote:
        "It's expected that claimed_at_activation_share - boot_gift_amount_init amount of BOOTs will be " +
        "reached in days_for_gift_activation.",
      where: "README, Gift Claim Dynamics; claimed_at_activation_share = 0.85, days_for_gift_activation = 30",
      quantity: `claimed share of the gift on day ${activation}`,
      criterion: CRITERIA.giftAtActivation,
      measured: { value: 100 * giftClaimedShare(frame, activation), unit: "%" },
      expected: "holds",
    }),
    claim({
      id: "gift_fully_claimed",
      quote: "After that, (1 - claimed_at_activation_share) - boot_gift_amount_init should be claimed in " +
        "days_for_gift_full_claim.",
      where: "README, Gift Claim Dynamics; days_for_gift_full_claim = 150",
      quantity: `claimed share of the gift on day ${fullDay}`,
      criterion: CRITERIA.giftFull,
      measured: { value: 100 * giftClaimedShare(frame, fullDay), unit: "%", digits: 4 },
      expected: "holds",
    }),
    claim({
      id: "neuron_growth",
      quote:
        "Assuming that there are much more crypto-agents now than there were at the time of the ETH launch, " +
        "we adjusted the formula with coefficients to expect more rapid growth.",
      where: "README, Agents (Neurons) Growth",
      quantity: `neurons on day ${LAST} over Ethereum's fitted active addresses at the same age ` +
        `(2·days² + 100·days + 8700)`,
      criterion: CRITERIA.neuronGrowth,
      measured: { value: neuronsOverEthereum(frame, LAST), unit: "times" },
      expected: "holds",
    }),
    notTestable({
      id: "naming_links",
      quote:
        "The founding team plans to create cyberlinks for blockchain naming systems and tokens to make them " +
        "searchable. By doing this we predict the demand on the V token will be higher.",
      where: "README, Predicting V Demand",
      reason: "the README leaves extra_links and guaranteed_links at 0 and gives no numbers for these plans",
      expected: "not testable here",
    }),
    claim({
      id: "load_formulas",
      quote:
        "According to stress testing measurements on the Testnet we derived formulas for GPU memory usage, " +
        "CPU memory usage, GPU time usage and CPU time usage",
      where: "README, GPU and CPU Usage Planning",
      quantity:
        `largest gap between the four load formulas and the ${load.height} values of the testnet table`,
      criterion: CRITERIA.loadFormulas,
      measured: { value: 100 * Math.abs(worstLoad.relative_error), unit: "%" },
      expected: "does not hold",
    }),
  ];
}

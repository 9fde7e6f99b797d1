/**
 * The 1Hive Honey supply document's conclusions and planned-analysis findings as claims: its words and
 * where they are, the quantity that tests each (computed from model output, with its spread over runs or
 * root seeds), a criterion fixed before the result, and the verdict the notebook expects. See
 * docs/models/honey.md for the document and the original repository.
 */
import { atLeast, atMost, between, type Claim, claim, notTestable, within } from "../../notebook/claims.ts";
import { formatNumber } from "../../analysis/format.ts";
import { spreadOf } from "../../analysis/spread.ts";
import { ANALYSIS_1_SET, type HoneyResults, type ProductivityRange } from "./experiments.ts";
import {
  bootstrapRuns,
  countAmong,
  FAILURE,
  groupRange,
  lowThrottleContrast,
  shareSaturated,
  SUCCESS,
  TREND_WINDOW,
} from "./outcomes.ts";
import { monthlyGrowth, percentChange, type Phases } from "./phases.ts";
import { publishedInside } from "./published.ts";

/** What the claims read of the results: analysis 1's grid, the runs' outcomes and the published comparison. */
export type ClaimInputs =
  & Pick<
    HoneyResults,
    | "settings"
    | "replicates"
    | "runs3"
    | "tracking"
    | "trackingDefault"
    | "yearlyIssuance"
    | "publishedFinal"
    | "publishedProductivity"
  >
  & {
    readonly range: Pick<ProductivityRange, "summary">;
    readonly sweep2: Pick<HoneyResults["sweep2"], "outcomes">;
    readonly phases: Pick<Phases, "runs" | "window" | "horizon">;
  };

/** The productivities of the document's productivity-range experiment. */
export const DOCUMENT_PRODUCTIVITIES = [0.87, 0.88, 0.89, 0.9];

const PRODUCTIVITY = "Parameters, Productivity";
const PRICE = "Parameters, Price Dynamics";
const ANALYSIS = "Analysis (prose written for an earlier production function)";

/** A measured spread: median with its 5th–95th percentiles. */
function spread(values: readonly number[], unit: string, label: string, digits = 3) {
  const s = spreadOf(values);
  return { value: s.median, unit, spread: [s.lo, s.hi] as const, spreadLabel: label, digits };
}

const meanOf = (xs: readonly number[]) => xs.reduce((sum, x) => sum + x, 0) / xs.length;

/** Every claim of the document, tested where the model can. */
export function honeyClaims(r: ClaimInputs): Claim[] {
  const { settings } = r;
  const seeds = `5–95% over ${r.replicates.length} root seeds`;
  const grid = r.range.summary.getColumn("productivity").toArray() as number[];
  const lowest = grid[0];

  // The "Analysis" prose, checked on runs at a clearly sufficient productivity.
  const { runs, window, horizon } = r.phases;
  const from = horizon - window;
  const settled = runs.filter((x) => x.monthsToSaturation <= from);
  const runsLabel = `5–95% of ${settled.length} runs`;
  const never = runs.filter((x) => x.monthsToSaturation > horizon).length;

  const outcomes2 = r.sweep2.outcomes;
  const low = lowThrottleContrast(outcomes2);
  const resampling = { resamples: settings.bootstrapResamples, seed: settings.seed };
  const contrast = bootstrapRuns(outcomes2, (f) => {
    const c = lowThrottleContrast(f);
    return c.low - c.others;
  }, resampling);
  const boot = `5–95% of ${settings.bootstrapResamples} bootstrap resamples of runs`;
  const priceRange = (f: typeof r.runs3) => groupRange(f, ["p_variance", "p_pull"], shareSaturated()).range;
  const policyRange = (f: typeof r.runs3) =>
    groupRange(f, ["target_reserve_ratio", "throttle"], shareSaturated()).range;
  const priceBoot = spreadOf(bootstrapRuns(r.runs3, priceRange, resampling));
  const policyBoot = spreadOf(bootstrapRuns(r.runs3, policyRange, resampling));
  const months = spreadOf(runs.map((x) => x.monthsToSaturation));

  return [
    claim({
      id: "productivity_range",
      quote: "determine a range of producitivity values where the trend of market saturation is bellow 0.1 " +
        "and above 0.8",
      where: "Planned Analysis, item 1",
      quantity:
        `analysis-1 productivities (of ${grid.length}, ${lowest}–${
          grid.at(-1)
        }, ${settings.rangeRuns} runs each) with ` +
        `both a failed (trend < ${FAILURE}) and a saturated (trend > ${SUCCESS}) run`,
      criterion: atLeast(1),
      measured: spread(r.replicates.map((x) => x.bothAt.length), "", seeds),
      expected: "holds",
    }),
    claim({
      id: "realistic_value_in_range",
      quote: "a realisitic value for productivity is likely within a range where both success and failure " +
        "are possible",
      where: `${PRODUCTIVITY}; the experiments use productivity 0.87–0.90`,
      quantity: `of the document's productivities ${
        DOCUMENT_PRODUCTIVITIES.join(", ")
      }, how many have runs of both outcomes`,
      criterion: atLeast(DOCUMENT_PRODUCTIVITIES.length, `of ${DOCUMENT_PRODUCTIVITIES.length}`),
      measured: spread(
        r.replicates.map((x) => countAmong(DOCUMENT_PRODUCTIVITIES, x.bothAt)),
        `of ${DOCUMENT_PRODUCTIVITIES.length}`,
        seeds,
      ),
      expected: "holds",
    }),
    claim({
      id: "too_low_never_saturates",
      quote: "if its too low we wont reach market saturation",
      where: PRODUCTIVITY,
      quantity: `share of runs saturating (trend > ${SUCCESS}) at the analysis-1 productivities where the ` +
        `median run fails (every grid value up to the lower threshold), pooled per root seed, ` +
        `${r.replicates.length} root seeds × ${settings.rangeRuns} runs each; at the grid's lowest, ${lowest}, the share is ` +
        `${formatNumber(meanOf(r.replicates.map((x) => x.saturatedAtLowest)))}`,
      criterion: atMost(0),
      measured: {
        ...spread(r.replicates.map((x) => x.saturatedWhereMedianFails), "", seeds),
        value: meanOf(r.replicates.map((x) => x.saturatedWhereMedianFails)),
      },
      expected: "does not hold",
    }),
    notTestable({
      id: "too_high_impossibly_quick",
      quote: "if its too high we would reach market saturation impossibly quick",
      where: PRODUCTIVITY,
      reason:
        `the document gives no time scale for "impossibly quick"; at productivity ${settings.phaseProductivity} ` +
        `the median run first passes saturation ${SUCCESS} after ${formatNumber(months.median)} months ` +
        `(5–95% of ${months.n} runs: ${formatNumber(months.lo)}–${formatNumber(months.hi)})`,
      expected: "not testable here",
    }),
    claim({
      id: "sharp_threshold",
      quote: "its in that range where marginal increases or decreases productivity and other parameters " +
        "will have material difference on outcomes",
      where: PRODUCTIVITY,
      quantity: `productivity step over which the median run's trend goes from below ${FAILURE} to above ` +
        `${SUCCESS} (analysis 1)`,
      criterion: atMost(0.02),
      measured: spread(r.replicates.map((x) => x.step), "", seeds),
      expected: "holds",
    }),
    claim({
      id: "throttle_per_year",
      quote: "a throttle of `0.008` which works out to be 9.6% per year",
      where: "Planned Analysis, item 1",
      quantity: "total-supply growth over 12 months of minting at the 0.008 throttle (pool held below " +
        "target)",
      criterion: within(9.6, 0.05, "%"),
      measured: { value: r.yearlyIssuance, unit: "%" },
      expected: "holds",
    }),
    claim({
      id: "too_little_issuance",
      quote: "if there is too little issuance we will be unlikely reach market saturation",
      where: "Parameters, Throttle",
      quantity: `share of analysis-2 runs saturating at the smallest throttle (${low.lowest}: ${
        formatNumber(low.low)
      }) minus that at the larger ones (${formatNumber(low.others)})`,
      criterion: atMost(0),
      measured: { ...spread(contrast, "", boot), value: low.low - low.others },
      expected: "does not hold",
    }),
    notTestable({
      id: "pull_extremes",
      quote: "A pull of `0.5` will approximate a truly random walk, decoupling price from production and " +
        "market saturation. Whereas a pull of `1` would result in price changes always moving in the " +
        "direction of the target.",
      where: PRICE,
      reason:
        "true by construction: a move goes towards the target with probability equal to the pull, so at 0.5 its " +
        "direction is a fair coin whatever the target, and at 1 it always goes towards it",
      expected: "not testable here",
    }),
    claim({
      id: "high_pull_low_variance",
      quote: "A high pull and low variance will tend to closely approximate the deterministic price target.",
      where: PRICE,
      quantity:
        `per run, the median of |price ÷ target − 1| over months 61–120 at pull ${settings.trackingPull} ` +
        `and variance ${settings.trackingVariance} (the document's ${ANALYSIS_1_SET.p_pull} and ${ANALYSIS_1_SET.p_variance}: ${
          formatNumber(spreadOf(r.trackingDefault).median)
        })`,
      criterion: atMost(0.1),
      measured: spread(r.tracking, "", `5–95% of ${r.tracking.length} runs`),
      expected: "does not hold",
    }),
    claim({
      id: "price_dynamics_matter",
      quote: "Price dynamics have a significant impact on the behavior of the model",
      where: PRICE,
      quantity: "largest − smallest share of runs saturating across analysis 3's nine (variance, pull) " +
        "settings",
      criterion: atLeast(0.2),
      measured: {
        value: priceRange(r.runs3),
        unit: "",
        spread: [priceBoot.lo, priceBoot.hi],
        spreadLabel: boot,
      },
      expected: "holds",
    }),
    claim({
      id: "policy_choice_matters",
      quote: "pick parameter choices that tend to produce more successful outcomes for a broader range of " +
        "assumed productivity values",
      where: PRODUCTIVITY,
      quantity: "largest − smallest share of runs saturating across analysis 3's nine (target, throttle) " +
        "policies",
      criterion: atLeast(0.2),
      measured: {
        value: policyRange(r.runs3),
        unit: "",
        spread: [policyBoot.lo, policyBoot.hi],
        spreadLabel: boot,
      },
      expected: "holds",
    }),
    claim({
      id: "stabilizes_near_top",
      quote: "With sufficient productivity relative to maintainence, the system stabilizes near the top of " +
        "the logistic curve representing market saturation.",
      where: ANALYSIS,
      quantity:
        `saturation trend (mean of the last ${TREND_WINDOW} months) at productivity ${settings.phaseProductivity}`,
      criterion: atLeast(0.9),
      measured: spread(runs.map((x) => x.trend), "", `5–95% of ${runs.length} runs`),
      expected: "holds",
    }),
    claim({
      id: "market_cap_rises",
      quote: "We see market cap increase while saturating the market",
      where: ANALYSIS,
      quantity: `market cap when saturation first passes ${SUCCESS} ÷ market cap at genesis (runs at ` +
        `productivity ${settings.phaseProductivity} saturated by month ${from}; ${never} of ${runs.length} never saturate)`,
      criterion: atLeast(1),
      measured: spread(settled.map((x) => x.marketCapAtSaturation / x.marketCapStart), "", runsLabel),
      expected: "holds",
    }),
    claim({
      id: "market_cap_steady",
      quote: "then stabilize and remain steady",
      where: ANALYSIS,
      quantity: `change of market cap over the last ${window} months (month ${from} → ${horizon}), same runs`,
      criterion: between(-10, 10, "%"),
      measured: spread(settled.map((x) => percentChange(x.marketCapFrom, x.marketCapTo)), "%", runsLabel),
      expected: "holds",
    }),
    claim({
      id: "price_faster_in_growth",
      quote: "Price increases faster during the growth phases",
      where: ANALYSIS,
      quantity: `monthly price growth from genesis to first saturation minus that over the last ${window} ` +
        "months, same runs",
      criterion: atLeast(0, "%/month"),
      measured: spread(
        settled.map((x) =>
          monthlyGrowth(10, x.priceAtSaturation, x.monthsToSaturation) -
          monthlyGrowth(x.priceFrom, x.priceTo, window)
        ),
        "%/month",
        runsLabel,
      ),
      expected: "holds",
    }),
    claim({
      id: "price_keeps_rising",
      quote: "but continues to steadily increases after reaching market saturation",
      where: ANALYSIS,
      quantity: `change of price over the last ${window} months, same runs`,
      criterion: atLeast(0, "%"),
      measured: spread(settled.map((x) => percentChange(x.priceFrom, x.priceTo)), "%", runsLabel),
      expected: "holds",
    }),
    claim({
      id: "circulation_shrinks",
      quote: "as the circulating supply decreases as a result of steady inflows",
      where: ANALYSIS,
      quantity: `change of circulating supply over the last ${window} months, same runs`,
      criterion: atMost(0, "%"),
      measured: spread(settled.map((x) => percentChange(x.circulationFrom, x.circulationTo)), "%", runsLabel),
      expected: "holds",
    }),
    claim({
      id: "published_final_experiment",
      quote: "saturation at month 120: 0.012, 0.011, 0.101 (target 0.1); 0.391, 0.148, 0.365 (target 0.2); " +
        "0.241, 0.563, 0.898 (target 0.3), at throttles 0.002, 0.004, 0.008",
      where: "original repository, honey-supply/results.csv (final experiment, productivity 0.88; each a " +
        "mean of 10 runs)",
      quantity: "published cells inside the central 95% of the reproduction's 10-run means",
      criterion: atLeast(r.publishedFinal.length - 1, `of ${r.publishedFinal.length}`),
      measured: { value: publishedInside(r.publishedFinal), unit: `of ${r.publishedFinal.length}` },
      expected: "holds",
    }),
    claim({
      id: "published_productivity_range",
      quote: "saturation at month 120: 0.204, 0.603, 0.645, 0.667 at productivity 0.87, 0.88, 0.89, 0.90",
      where: "original repository, an earlier honey-supply/results.csv (throttle 0.008, target 0.2; each a " +
        "mean of 10 runs)",
      quantity: "published cells inside the central 95% of the reproduction's 10-run means",
      criterion: atLeast(r.publishedProductivity.length - 1, `of ${r.publishedProductivity.length}`),
      measured: {
        value: publishedInside(r.publishedProductivity),
        unit: `of ${r.publishedProductivity.length}`,
      },
      expected: "holds",
    }),
  ];
}
